package io.s3conn.source.walk;

import java.util.Optional;

import io.s3conn.glacier.ArchiveClassifier;
import io.s3conn.glacier.ListedRestore;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.RestoreStatus;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** What both walks do the same way with the SDK's listing calls. */
final class Listings {

    private Listings() {
    }

    /** Adds interceptors to one request only (the client is shared and owned by the caller). */
    @SuppressWarnings("unchecked")
    static <B extends AwsRequest.Builder> B intercepted(B builder, ExecutionInterceptor... interceptors) {
        return (B) builder.overrideConfiguration(o -> o.addPlugin(config -> config.overrideConfiguration(c -> {
            for (ExecutionInterceptor interceptor : interceptors) {
                c.addExecutionInterceptor(interceptor);
            }
        })));
    }

    /** A 400 or 501 to a listing that asked for {@code RestoreStatus}: maybe the attribute, asked again without it. */
    static boolean mayRejectAttribute(S3Exception e) {
        return e.statusCode() == 400 || e.statusCode() == 501;
    }

    /** The SDK's restore element as glacier's value. */
    static Optional<ListedRestore> restore(RestoreStatus status) {
        return Optional.ofNullable(status).map(r -> new ListedRestore(Boolean.TRUE.equals(r.isRestoreInProgress()),
                Optional.ofNullable(r.restoreExpiryDate())));
    }

    /** The storage class as S3 names it. */
    static String storageClass(String listed) {
        return ArchiveClassifier.normalize(listed);
    }
}
