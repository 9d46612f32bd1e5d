package io.s3conn.destination.s3;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

class UploadRefusedExceptionTest {

    @Test
    void theRefusalNamesTheServersCodeAndStatus() {
        assertThat(refused("InvalidArgument", null).refusal()).isEqualTo("InvalidArgument (HTTP 400)");
    }

    @Test
    void theRefusalIsTheStatusAloneWhenTheServerNamedNoCode() {
        assertThat(refused(null, null).refusal()).isEqualTo("(HTTP 400)");
    }

    @Test
    void theServersWordsAreTheFirstLineOfItsMessage() {
        assertThat(refused("InvalidRequest", "  Object key must not start with /\nrequest 42 ")
                .serverWords()).contains("Object key must not start with /");
    }

    @Test
    void thereAreNoServersWordsWhenItsMessageIsBlank() {
        assertThat(refused("InvalidArgument", " ").serverWords()).isEmpty();
    }

    @Test
    void theMessageNamesTheObjectTheBucketAndTheSettingsSent() {
        assertThat(new UploadRefusedException("b", "k/1.jsonl", "storage class GLACIER_IR", answer("InvalidArgument", null))
                .getMessage()).isEqualTo("upload of k/1.jsonl to bucket b refused, sent with storage class GLACIER_IR");
    }

    private static UploadRefusedException refused(String code, String words) {
        return new UploadRefusedException("b", "k", "", answer(code, words));
    }

    private static S3Exception answer(String code, String words) {
        return (S3Exception) S3Exception.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(words).build()).build();
    }
}
