package io.s3conn.source.walk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

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

    /** The whole body of a successful response, read so that it can be inspected and handed on. */
    static Optional<byte[]> successfulBody(Context.ModifyHttpResponse context) {
        Optional<InputStream> body = context.responseBody();
        if (body.isEmpty() || !context.httpResponse().isSuccessful()) {
            return Optional.empty();
        }
        try {
            return Optional.of(body.get().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
