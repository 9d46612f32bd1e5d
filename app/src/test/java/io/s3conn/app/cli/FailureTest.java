package io.s3conn.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.s3conn.app.config.ConfigurationException;
import io.s3conn.core.jdbc.DatabaseException;
import io.s3conn.destination.WriterFailedException;
import io.s3conn.source.change.sqs.QueueUnavailableException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import io.s3conn.glacier.RestoresNotImplementedException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.model.SqsException;

class FailureTest {

    @Test
    void configurationErrorsAreUsageErrors() {
        assertThat(Failure.of(new ConfigurationException("bad"), "b", Optional.empty()).exitCode()).isEqualTo(ExitCode.USAGE);
    }

    /** A configuration error: the URL names something else than a queue, which neither credentials nor waiting mend. */
    @Test
    void aQueueUrlWhoseServerIsNoSqsIsAUsageErrorWithoutItsUserInfo() {
        QueueUnavailableException error = new QueueUnavailableException("http://user:secret@127.0.0.1:1/000000000000/q",
                QueueUnavailableException.Reason.NOT_SQS, SqsException.builder().statusCode(403).build());

        Failure failure = Failure.of(error, "b", Optional.empty());

        assertThat(failure.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(failure.message()).startsWith("queue URL http://127.0.0.1:1/000000000000/q did not answer as an SQS queue")
                .doesNotContain("secret");
    }

    @Test
    void aServerWithoutRestoresHasItsOwnCodeAndSaysSoInOneLine() {
        Failure failure = Failure.of(new RestoresNotImplementedException("b"), "b", Optional.empty());

        assertThat(failure.exitCode()).isEqualTo(ExitCode.RESTORES_NOT_IMPLEMENTED);
        assertThat(failure.message()).isEqualTo("the server of bucket b does not implement restores "
                + "(RestoreObject answered 501 NotImplemented)");
    }

    @Test
    void aMissingBucketIsABucketError() {
        Failure failure = Failure.of(NoSuchBucketException.builder().statusCode(404).build(), "b", Optional.of("http://h"));

        assertThat(failure.exitCode()).isEqualTo(ExitCode.BUCKET_OR_ACCESS);
        assertThat(failure.message()).isEqualTo("bucket b does not exist at http://h");
    }

    @Test
    void aWrongSecretIsAnAccessError() {
        Failure failure = Failure.of(s3Error(403, "SignatureDoesNotMatch"), "b", Optional.empty());

        assertThat(failure.exitCode()).isEqualTo(ExitCode.BUCKET_OR_ACCESS);
        assertThat(failure.message()).contains("secret access key is wrong");
    }

    /** Before, "no AWS credentials found: set ..., a profile (--profile), ...", to a user who had named one. */
    @Test
    void aNamedProfileWithoutCredentialsIsAnAccessErrorNamingTheProfile() {
        SdkClientException error = SdkClientException.builder()
                .message("Profile file contained no credentials for profile 'nosuch': ProfileFile(sections=[profiles])").build();

        Failure failure = Failure.of(error, "b", Optional.empty());

        assertThat(failure.exitCode()).isEqualTo(ExitCode.BUCKET_OR_ACCESS);
        assertThat(failure.message()).isEqualTo("no AWS credentials in profile nosuch of ~/.aws/config or ~/.aws/credentials: "
                + "name a profile that has them (--profile, or \"profile\" in a file or job), or set AWS_ACCESS_KEY_ID and"
                + " AWS_SECRET_ACCESS_KEY");
    }

    /** The default chain names the profile it tried as well: no profile was named, so the line names none. */
    @Test
    void theDefaultChainWithoutCredentialsGivesTheGenericAdvice() {
        SdkClientException error = SdkClientException.builder().message("Unable to load credentials from any of the providers "
                + "in the chain AwsCredentialsProviderChain(...): [ProfileCredentialsProvider(profileName=default): Profile file "
                + "contained no credentials for profile 'default': ProfileFile(sections=[])]").build();

        assertThat(Failure.of(error, "b", Optional.empty()).message()).startsWith("no AWS credentials found: set AWS_ACCESS_KEY_ID");
    }

    /**
     * The line is the same for a command, a pipeline file and a serve job, which has neither flags nor a --config file:
     * before, "a profile (--profile), or keys in the --config file" sent a serve job's user to what it does not have.
     */
    @Test
    void noCredentialsNamesTheSettingsThatGiveThemWhereverSettingsAreWritten() {
        SdkClientException error = SdkClientException.builder().message("Unable to load credentials from any of the providers "
                + "in the chain AwsCredentialsProviderChain(...)").build();

        assertThat(Failure.of(error, "b", Optional.empty()).message()).isEqualTo("no AWS credentials found: set"
                + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile (--profile, or \"profile\" in a file or job), or"
                + " \"access-key-id\" and \"secret-access-key\" in a file or job");
    }

    @Test
    void aRefusedConnectionIsUnreachable() {
        SdkClientException error = SdkClientException.builder().message("Unable to execute HTTP request")
                .cause(new ConnectException("Connection refused")).build();

        assertThat(Failure.of(error, "b", Optional.of("http://127.0.0.1:9")).exitCode()).isEqualTo(ExitCode.UNREACHABLE);
    }

    @Test
    void anUnreachableEndpointIsNamedWithoutItsUserInfo() {
        SdkClientException error = SdkClientException.builder().message("Unable to execute HTTP request")
                .cause(new ConnectException("Connection refused")).build();

        assertThat(Failure.of(error, "b", Optional.of("http://user:secret@127.0.0.1:1/")).message())
                .startsWith("cannot reach the S3 endpoint at http://127.0.0.1:1/: ").doesNotContain("secret");
    }

    @Test
    void aDatabaseFailureHasItsOwnCode() {
        assertThat(Failure.of(new DatabaseException("x", null), "b", Optional.empty()).exitCode()).isEqualTo(ExitCode.DATABASE);
    }

    @Test
    void aPostgresqlErrorWithDetailLinesIsOneLine() {
        DatabaseException error = new DatabaseException("database error on jdbc:postgresql://db/s3conn: ERROR: permission "
                + "denied for schema public\n  Position: 28", null);

        assertThat(Failure.of(error, "b", Optional.empty()).message())
                .isEqualTo("database error on jdbc:postgresql://db/s3conn: ERROR: permission denied for schema public");
    }

    @Test
    void throttlingAfterRetriesHasItsOwnCode() {
        Failure failure = Failure.of(s3Error(503, "SlowDown"), "b", Optional.empty());

        assertThat(failure.exitCode()).isEqualTo(ExitCode.SERVER_UNAVAILABLE);
        assertThat(failure.message()).isEqualTo("S3 request to bucket b failed: SlowDown (HTTP 503) after retries");
    }

    @Test
    void throttlingOfAPipelinesDestinationNamesTheDestinationBucket() {
        Failure failure = Failure.of(new BucketRequestException("out", s3Error(503, "SlowDown")), "in",
                Optional.of("http://127.0.0.1:9"));

        assertThat(failure.message()).isEqualTo("S3 request to bucket out failed at http://127.0.0.1:9: SlowDown (HTTP 503) after retries");
    }

    @Test
    void aFailedRequestOfACommandWithoutABucketNamesNone() {
        assertThat(Failure.of(s3Error(503, "SlowDown"), null, Optional.empty()).message())
                .isEqualTo("S3 request failed: SlowDown (HTTP 503) after retries");
    }

    @Test
    void tooManyRequestsAfterRetriesIsThrottlingToo() {
        assertThat(Failure.of(s3Error(429, "TooManyRequests"), "b", Optional.empty()).exitCode())
                .isEqualTo(ExitCode.SERVER_UNAVAILABLE);
    }

    @Test
    void aServerErrorAfterRetriesSharesThrottlingsCode() {
        assertThat(Failure.of(s3Error(500, "InternalError"), "b", Optional.empty()).exitCode())
                .isEqualTo(ExitCode.SERVER_UNAVAILABLE);
    }

    @Test
    void aResetConnectionIsUnreachable() {
        SdkClientException error = SdkClientException.builder().message("Unable to execute HTTP request")
                .cause(new SocketException("Unexpected end of file from server")).build();

        Failure failure = Failure.of(error, "b", Optional.of("http://127.0.0.1:9"));

        assertThat(failure.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(failure.message()).isEqualTo("the connection to the S3 endpoint at http://127.0.0.1:9 broke: "
                + "SocketException (Unexpected end of file from server)");
    }

    /** What the JDK client throws when another protocol (a Ceph monitor's) answers on the endpoint's port. */
    @Test
    void anAnswerThatIsNoHttpIsUnreachableNamingThePort() {
        SdkClientException error = SdkClientException.create("Unable to execute HTTP request",
                new IOException("Invalid Http response"));

        Failure failure = Failure.of(error, "b", Optional.of("http://127.0.0.1:9"));

        assertThat(failure.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(failure.message()).isEqualTo("the S3 endpoint at http://127.0.0.1:9 does not answer in HTTP: another "
                + "protocol listens on that port (Invalid Http response); give the S3 server's port");
    }

    @Test
    void anHttpsUrlForAPlainHttpServerIsAUsageErrorThatSaysSo() {
        SdkClientException error = SdkClientException.create("Unable to execute HTTP request",
                new javax.net.ssl.SSLException("Unsupported or unrecognized SSL message"));

        Failure failure = Failure.of(error, "b", Optional.of("https://127.0.0.1:9"));

        assertThat(failure.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(failure.message()).isEqualTo("the S3 endpoint at https://127.0.0.1:9 answered in plain HTTP, not TLS "
                + "(SSLException (Unsupported or unrecognized SSL message)): give its URL with http://");
    }

    @Test
    void aMissingObjectUnderAnEndpointUrlWithAPathSaysToGiveTheServersUrlWithoutIt() {
        Failure failure = Failure.of(s3Error(404, "NoSuchKey"), "b", Optional.of("http://127.0.0.1:9/photos"));

        assertThat(failure.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(failure.message()).isEqualTo("bucket b was not found under the path of the endpoint URL "
                + "http://127.0.0.1:9/photos, which requests go under: if that path names a bucket, give the S3 server's URL "
                + "without it, and the bucket with --bucket");
    }

    @Test
    void aMissingBucketAtAnEndpointUrlWithoutAPathIsAMissingBucket() {
        Failure failure = Failure.of(s3Error(404, "NoSuchBucket"), "b", Optional.of("http://127.0.0.1:9/"));

        assertThat(failure.message()).isEqualTo("bucket b does not exist at http://127.0.0.1:9/");
    }

    @Test
    void aResponseCutOffIsUnreachable() {
        SdkClientException error = SdkClientException.create("the connection broke while the response was read",
                new IOException("Premature EOF"));

        assertThat(Failure.of(error, "b", Optional.empty()).exitCode()).isEqualTo(ExitCode.UNREACHABLE);
    }

    @Test
    void anEndpointThatNeverAnswersIsUnreachable() {
        Failure failure = Failure.of(ApiCallAttemptTimeoutException.create(60_000), "b", Optional.of("http://127.0.0.1:9"));

        assertThat(failure.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(failure.message()).startsWith("no answer in time from the S3 endpoint at http://127.0.0.1:9: ");
    }

    @Test
    void aLocalFileThatCannotBeReadIsNoNetworkFailure() {
        SdkClientException error = SdkClientException.create("Unable to execute HTTP request",
                new NoSuchFileException("/tmp/batch"));

        assertThat(Failure.of(error, "b", Optional.empty()).exitCode()).isEqualTo(ExitCode.FAILURE);
    }

    @Test
    void aClientErrorIsNotSaidToHaveBeenRetried() {
        Failure failure = Failure.of(s3Error(400, "InvalidArgument"), "b", Optional.empty());

        assertThat(failure.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(failure.message()).isEqualTo("S3 request to bucket b failed: InvalidArgument (HTTP 400)");
    }

    @Test
    void aRequestTheServerDoesNotImplementIsNamedAsSuch() {
        Failure failure = Failure.of(s3Error(501, "NotImplemented"), "b", Optional.of("http://127.0.0.1:9"));

        assertThat(failure.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(failure.message()).isEqualTo(
                "the S3 server at http://127.0.0.1:9 does not implement a request this command needs: NotImplemented (HTTP 501)");
    }

    @Test
    void aFailedRequestToAnotherBucketNamesThatBucket() {
        Failure failure = Failure.of(new BucketRequestException("out", s3Error(404, "NoSuchBucket")), "in", Optional.empty());

        assertThat(failure.exitCode()).isEqualTo(ExitCode.BUCKET_OR_ACCESS);
        assertThat(failure.message()).isEqualTo("bucket out does not exist");
    }

    @Test
    void aBatchThatFailedOnTheFlushTimerIsReportedAsItsOwnFailure() {
        SdkClientException error = SdkClientException.builder().message("Unable to execute HTTP request")
                .cause(new ConnectException("Connection refused")).build();

        Failure failure = Failure.of(new WriterFailedException(error), "b", Optional.of("http://127.0.0.1:9"));

        assertThat(failure.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(failure.message()).startsWith("cannot reach the S3 endpoint at http://127.0.0.1:9: ");
    }

    /** Before, an SQS answer no rule knew was "unexpected failure: SqsException: ..." with its request id. */
    @Test
    void anotherServicesRefusalIsOneLineNamingTheServiceAndCode() {
        AwsServiceException error = sqsError(400, "InvalidParameterValue");

        Failure failure = Failure.of(error, "b", Optional.of("http://127.0.0.1:9"));

        assertThat(failure.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(failure.message()).isEqualTo("SQS request failed: InvalidParameterValue (HTTP 400)");
    }

    @Test
    void anotherServicesServerErrorAfterRetriesSharesThrottlingsCode() {
        AwsServiceException error = sqsError(503, "ServiceUnavailable");

        Failure failure = Failure.of(error, "b", Optional.empty());

        assertThat(failure.exitCode()).isEqualTo(ExitCode.SERVER_UNAVAILABLE);
        assertThat(failure.message()).isEqualTo("SQS request failed: ServiceUnavailable (HTTP 503) after retries");
    }

    /** Before, SQS throttling answered with HTTP 400 was exit 1, "SQS request failed", not a passing condition. */
    @Test
    void anotherServicesThrottlingAfterRetriesSharesThrottlingsCode() {
        AwsServiceException error = sqsError(400, "ThrottlingException");

        Failure failure = Failure.of(error, "b", Optional.empty());

        assertThat(failure.exitCode()).isEqualTo(ExitCode.SERVER_UNAVAILABLE);
        assertThat(failure.message()).isEqualTo("SQS request failed: ThrottlingException (HTTP 400) after retries");
    }

    @Test
    void anotherServicesNotImplementedIsNotSaidToHaveBeenRetried() {
        AwsServiceException error = sqsError(501, "NotImplemented");

        Failure failure = Failure.of(error, "b", Optional.empty());

        assertThat(failure.exitCode()).isEqualTo(ExitCode.FAILURE);
        assertThat(failure.message()).isEqualTo("SQS request failed: NotImplemented (HTTP 501)");
    }

    /** An SQS answer as its client throws it, with the request id in its long message. */
    private static AwsServiceException sqsError(int status, String code) {
        return AwsServiceException.builder().statusCode(status).message("long text (Request ID: 1)")
                .awsErrorDetails(AwsErrorDetails.builder().serviceName("Sqs").errorCode(code).build()).build();
    }

    private static S3Exception s3Error(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).build();
    }
}
