package io.s3conn.core.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * Makes a connection that breaks while the SDK reads a response body (a listing cut off half-way) a failure the
 * client's retry strategy retries, as it retries one that breaks before the answer.
 *
 * <p>Why: the SDK parses a response as it arrives, and its XML parser turns an {@link IOException} of the body
 * into an {@code UncheckedIOException} or an {@code SdkClientException} caused by an {@code XMLStreamException}:
 * neither is retried, so one connection reset in the middle of a page failed the whole run. Thrown here instead,
 * as an {@link SdkClientException} caused by the {@link IOException}, it passes the parser unchanged and is retried.
 *
 * <p>GetObject bodies are left as they are: they are read by the caller (as a stream, or within a response
 * transformer that retries a broken read itself).
 */
final class ResponseReadFailures implements ExecutionInterceptor {

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        Optional<InputStream> body = context.responseBody();
        if (body.isEmpty() || context.request() instanceof GetObjectRequest) {
            return body;
        }
        return Optional.of(new Retried(body.get()));
    }

    /** A body whose read failures are retryable client failures. */
    private static final class Retried extends FilterInputStream {

        Retried(InputStream in) {
            super(in);
        }

        @Override
        public int read() {
            try {
                return super.read();
            } catch (IOException e) {
                throw broken(e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            try {
                return super.read(buffer, offset, length);
            } catch (IOException e) {
                throw broken(e);
            }
        }

        private static SdkClientException broken(IOException e) {
            return SdkClientException.create("the connection broke while the response was read: " + e.getMessage(), e);
        }
    }
}
