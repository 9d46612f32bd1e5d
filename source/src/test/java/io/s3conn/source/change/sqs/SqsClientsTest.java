package io.s3conn.source.change.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.s3conn.core.s3.S3ConnectionSettings;
import io.s3conn.core.s3.StaticCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsServiceClientConfiguration;

class SqsClientsTest {

    /** The S3 connection of a bucket in eu-west-1. */
    private static final S3ConnectionSettings BUCKET_IN_IRELAND = S3ConnectionSettings.defaults().withRegion("eu-west-1")
            .withCredentials(new StaticCredentials("AKIDEXAMPLE", "secret", Optional.empty()));

    private static SqsServiceClientConfiguration clientFor(String queueUrl) {
        try (SqsClient sqs = SqsClients.create(BUCKET_IN_IRELAND, URI.create(queueUrl))) {
            return sqs.serviceClientConfiguration();
        }
    }

    @Test
    void aQueueOfAmazonSqsIsReadInTheRegionOfItsUrl() {
        SqsServiceClientConfiguration client = clientFor("https://sqs.us-east-2.amazonaws.com/123456789012/events");

        assertThat(client.region()).isEqualTo(Region.US_EAST_2);
        assertThat(client.endpointOverride()).contains(URI.create("https://sqs.us-east-2.amazonaws.com"));
    }

    /**
     * README: the queue URL says where SQS is. Before, a queue of Amazon SQS was read from the SDK's default endpoint, which
     * $AWS_ENDPOINT_URL (aws.endpointUrl) overrides: set for S3, as s3conn reads it, it sent SQS's requests to the S3
     * server, whose refusal was then reported as Amazon SQS's ("access refused to queue https://sqs...").
     */
    @Test
    void aQueueOfAmazonSqsIsReadFromAmazonSqsWhenTheEnvironmentSetsAnEndpointForS3() {
        String before = System.getProperty("aws.endpointUrl");
        System.setProperty("aws.endpointUrl", "http://127.0.0.1:9000");
        try {
            SqsServiceClientConfiguration client = clientFor("https://sqs.us-east-2.amazonaws.com/123456789012/events");

            assertThat(client.endpointOverride()).contains(URI.create("https://sqs.us-east-2.amazonaws.com"));
        } finally {
            if (before == null) {
                System.clearProperty("aws.endpointUrl");
            } else {
                System.setProperty("aws.endpointUrl", before);
            }
        }
    }

    @Test
    void theLegacyAndVpcEndpointHostsOfAmazonSqsAreSignedForTheRegionTheyName() {
        assertThat(clientFor("https://us-west-2.queue.amazonaws.com/123456789012/events").region()).isEqualTo(Region.US_WEST_2);
        assertThat(clientFor("https://queue.amazonaws.com/123456789012/events").region()).isEqualTo(Region.US_EAST_1);
        SqsServiceClientConfiguration vpc = clientFor("https://vpce-0a1b2c3d4e5f-abcdefgh.sqs.ap-south-1.vpce.amazonaws.com/123456789012/events");
        assertThat(vpc.region()).isEqualTo(Region.AP_SOUTH_1);
        assertThat(vpc.endpointOverride()).contains(URI.create("https://vpce-0a1b2c3d4e5f-abcdefgh.sqs.ap-south-1.vpce.amazonaws.com"));
    }

    @Test
    void aQueueOffAmazonIsReadFromItsServerInTheRegionOfTheS3Connection() {
        SqsServiceClientConfiguration client = clientFor("http://127.0.0.1:9324/000000000000/events");

        assertThat(client.region()).isEqualTo(Region.EU_WEST_1);
        assertThat(client.endpointOverride()).contains(URI.create("http://127.0.0.1:9324"));
    }
}
