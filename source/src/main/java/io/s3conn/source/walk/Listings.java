package io.s3conn.source.walk;

import java.io.InputStream;
import java.util.Optional;
import java.util.function.UnaryOperator;

import io.s3conn.glacier.ArchiveClassifier;
import io.s3conn.glacier.ListedRestore;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.RestoreStatus;

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

    /**
     * A successful response's body through {@code filter} (which reads it as it arrives); any other response
     * is handed on as it came, for the SDK to report.
     */
    static Optional<InputStream> filteredBody(Context.ModifyHttpResponse context, UnaryOperator<InputStream> filter) {
        Optional<InputStream> body = context.responseBody();
        if (body.isEmpty() || !context.httpResponse().isSuccessful()) {
            return body;
        }
        return Optional.of(filter.apply(body.get()));
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
