package io.s3conn.core.s3;

import java.io.IOException;
import java.io.UncheckedIOException;

import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * An HTTP client whose failures to read an answer reach the SDK as the {@link IOException} they are.
 *
 * <p>Why: the JDK client ({@code UrlConnectionHttpClient}) wraps the {@link IOException} of an answer that is no HTTP
 * at all ({@code Invalid Http response}: an endpoint port where another protocol listens, such as a Ceph monitor's
 * next to RGW's) in an {@link UncheckedIOException}, which passes the SDK's pipeline as it is: not retried, not an
 * {@code SdkClientException}, so the CLI said {@code unexpected failure: UncheckedIOException ...}, exit 1. Thrown as
 * the {@link IOException}, it becomes the SDK's client failure that every other broken connection is: retried, then
 * classified by {@link RequestFailure}. The S3 clients ({@link S3Clients}) and the SQS clients of notification sources
 * are built around it.
 */
public final class CheckedHttpFailures implements SdkHttpClient {

    private final SdkHttpClient delegate;

    private CheckedHttpFailures(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    /** A builder of such a client around the one {@code delegate} builds. */
    public static SdkHttpClient.Builder<?> around(SdkHttpClient.Builder<?> delegate) {
        return new Builder(delegate);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        ExecutableHttpRequest prepared = delegate.prepareRequest(request);
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                try {
                    return prepared.call();
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }

            @Override
            public void abort() {
                prepared.abort();
            }
        };
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }

    private record Builder(SdkHttpClient.Builder<?> delegate) implements SdkHttpClient.Builder<Builder> {
        @Override
        public SdkHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
            return new CheckedHttpFailures(delegate.buildWithDefaults(serviceDefaults));
        }
    }
}
