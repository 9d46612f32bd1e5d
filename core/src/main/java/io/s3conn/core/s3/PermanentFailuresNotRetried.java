package io.s3conn.core.s3;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * A retry strategy that retries what {@code delegate} retries except RestoreObject's {@code 503
 * GlacierExpeditedRetrievalNotAvailable} ({@link RequestFailure#EXPEDITED_UNAVAILABLE}): the SDK takes it for a server
 * error and tried each request again and again (ten attempts, about ten seconds an object, unpaced), though it is the
 * Expedited tier's answer for now: the caller falls back to another tier at once, or reports the object, instead.
 * Nor a server that answers TLS in plain HTTP ({@link RequestFailure#isPlainHttpAnswerToTls}): an {@code https://} URL for
 * an {@code http://} endpoint, which the SDK took for a broken connection and tried ten times, seventeen seconds in all.
 * The SDK's own conditions are kept otherwise (it retries some 4xx, such as {@code 400 RequestTimeout}, which
 * {@link RequestFailure} counts as permanent once they outlasted the retries).
 */
record PermanentFailuresNotRetried(RetryStrategy delegate) implements RetryStrategy {

    @Override
    public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
        return delegate.acquireInitialToken(request);
    }

    @Override
    public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
        if (request.failure() instanceof AwsServiceException e
                && RequestFailure.code(e).filter(RequestFailure.EXPEDITED_UNAVAILABLE::equals).isPresent()) {
            throw new TokenAcquisitionFailedException("not retried: " + RequestFailure.EXPEDITED_UNAVAILABLE, request.token(), e);
        }
        if (RequestFailure.isPlainHttpAnswerToTls(request.failure())) {
            throw new TokenAcquisitionFailedException("not retried: a plain HTTP answer to TLS", request.token(), request.failure());
        }
        return delegate.refreshRetryToken(request);
    }

    @Override
    public RecordSuccessResponse recordSuccess(RecordSuccessRequest request) {
        return delegate.recordSuccess(request);
    }

    @Override
    public int maxAttempts() {
        return delegate.maxAttempts();
    }

    @Override
    public boolean useClientDefaults() {
        return delegate.useClientDefaults();
    }

    /** The delegate's builder: what it builds retries that answer too. */
    @Override
    public Builder<?, ?> toBuilder() {
        return delegate.toBuilder();
    }
}
