package io.s3conn.core.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.RetryableException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class RequestFailureTest {

    @Test
    void slowDownIsThrottling() {
        assertThat(RequestFailure.of(s3Error(503, "SlowDown"))).isEqualTo(RequestFailure.THROTTLED);
    }

    @Test
    void tooManyRequestsIsThrottling() {
        assertThat(RequestFailure.of(s3Error(429, "TooManyRequests"))).isEqualTo(RequestFailure.THROTTLED);
    }

    @Test
    void anInternalErrorIsAServerErrorThatMayPass() {
        assertThat(RequestFailure.of(s3Error(500, "InternalError"))).isEqualTo(RequestFailure.SERVER_ERROR)
                .matches(RequestFailure::mayPass);
    }

    /** The Expedited tier's answer: the same request gets it at once again; a caller falls back to another tier. */
    @Test
    void expeditedCapacityNotAvailableIsPermanent() {
        assertThat(RequestFailure.of(s3Error(503, RequestFailure.EXPEDITED_UNAVAILABLE))).isEqualTo(RequestFailure.PERMANENT);
    }

    @Test
    void notImplementedIsPermanent() {
        assertThat(RequestFailure.of(s3Error(501, "NotImplemented"))).isEqualTo(RequestFailure.PERMANENT);
    }

    @Test
    void accessDeniedIsPermanent() {
        assertThat(RequestFailure.of(s3Error(403, "AccessDenied")).mayPass()).isFalse();
    }

    @Test
    void aMissingBucketIsPermanent() {
        assertThat(RequestFailure.of(NoSuchBucketException.builder().statusCode(404).build())).isEqualTo(RequestFailure.PERMANENT);
    }

    @Test
    void aRefusedConnectionIsUnreachable() {
        assertThat(RequestFailure.of(client(new ConnectException("Connection refused")))).isEqualTo(RequestFailure.UNREACHABLE);
    }

    @Test
    void aResetConnectionIsBroken() {
        assertThat(RequestFailure.of(client(new SocketException("Connection reset")))).isEqualTo(RequestFailure.BROKEN);
    }

    @Test
    void aPlainHttpAnswerToTlsIsPermanent() {
        assertThat(RequestFailure.of(client(new javax.net.ssl.SSLException("Unsupported or unrecognized SSL message"))))
                .isEqualTo(RequestFailure.PERMANENT);
    }

    @Test
    void anAttemptThatTimedOutTimedOut() {
        assertThat(RequestFailure.of(ApiCallAttemptTimeoutException.create(Duration.ofSeconds(1).toMillis())))
                .isEqualTo(RequestFailure.TIMED_OUT);
    }

    @Test
    void aBodyReadThatBrokeOffIsBroken() {
        assertThat(RequestFailure.of(RetryableException.create("broke off", new IOException("Premature EOF"))))
                .isEqualTo(RequestFailure.BROKEN);
    }

    @Test
    void missingCredentialsArePermanent() {
        assertThat(RequestFailure.of(SdkClientException.create("Unable to load credentials from any of the providers")))
                .isEqualTo(RequestFailure.PERMANENT);
    }

    @Test
    void aLocalFileThatCannotBeReadIsPermanent() {
        assertThat(RequestFailure.of(client(new NoSuchFileException("/tmp/x")))).isEqualTo(RequestFailure.PERMANENT);
    }

    @Test
    void aRequestFailureWrappedByAnotherThreadCountsAsItself() {
        IllegalStateException wrapped = new IllegalStateException(new UncheckedIOException(
                new IOException("batch failed", s3Error(503, "SlowDown"))));

        assertThat(RequestFailure.of(wrapped)).isEqualTo(RequestFailure.THROTTLED);
    }

    @Test
    void aFailureWithoutARequestFailureIsPermanent() {
        assertThat(RequestFailure.of(new IllegalStateException("malformed state", new IOException("disk")))).isEqualTo(RequestFailure.PERMANENT);
    }

    private static S3Exception s3Error(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).build();
    }

    private static SdkClientException client(Throwable cause) {
        return SdkClientException.builder().message("Unable to execute HTTP request").cause(cause).build();
    }
}
