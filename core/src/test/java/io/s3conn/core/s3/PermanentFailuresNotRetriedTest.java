package io.s3conn.core.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.net.ssl.SSLException;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class PermanentFailuresNotRetriedTest {

    private final PermanentFailuresNotRetried strategy = new PermanentFailuresNotRetried(
            AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(3).build());

    @Test
    void expeditedCapacityNotAvailableIsNotTriedAgain() {
        RetryToken token = strategy.acquireInitialToken(AcquireInitialTokenRequest.create("s3")).token();

        assertThatThrownBy(() -> strategy.refreshRetryToken(failed(token, "GlacierExpeditedRetrievalNotAvailable")))
                .isInstanceOf(TokenAcquisitionFailedException.class);
    }

    @Test
    void anotherServiceUnavailableAnswerIsTriedAgainAsTheDelegateDecides() {
        RetryToken token = strategy.acquireInitialToken(AcquireInitialTokenRequest.create("s3")).token();

        assertThat(strategy.refreshRetryToken(failed(token, "SlowDown")).token()).isNotNull();
    }

    @Test
    void aPlainHttpAnswerToTlsIsNotTriedAgain() {
        RetryToken token = strategy.acquireInitialToken(AcquireInitialTokenRequest.create("s3")).token();
        SdkClientException error = SdkClientException.create("Unable to execute HTTP request",
                new SSLException("Unsupported or unrecognized SSL message"));

        assertThatThrownBy(() -> strategy.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token).failure(error).build()))
                .isInstanceOf(TokenAcquisitionFailedException.class);
    }

    @Test
    void anotherTlsFailureIsTriedAgainAsTheDelegateDecides() {
        RetryToken token = strategy.acquireInitialToken(AcquireInitialTokenRequest.create("s3")).token();
        SdkClientException error = SdkClientException.create("Unable to execute HTTP request",
                new SSLException("Connection reset"));

        assertThat(strategy.refreshRetryToken(RefreshRetryTokenRequest.builder().token(token).failure(error).build()).token())
                .isNotNull();
    }

    private static RefreshRetryTokenRequest failed(RetryToken token, String code) {
        S3Exception answer = (S3Exception) S3Exception.builder().statusCode(503)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).build();
        return RefreshRetryTokenRequest.builder().token(token).failure(answer).build();
    }
}
