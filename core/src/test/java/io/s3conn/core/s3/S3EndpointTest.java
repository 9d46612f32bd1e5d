package io.s3conn.core.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.regions.Region;

class S3EndpointTest {

    @Test
    void anEndpointUrlIsRecordedAsSchemeHostAndPort() {
        assertThat(endpoint("http://127.0.0.1:9000/")).isEqualTo(new S3Endpoint("http://127.0.0.1:9000"));
    }

    @Test
    void userInfoPathAndQueryAreNeverRecorded() {
        assertThat(endpoint("http://key:secret@127.0.0.1:9000/base?x=1").label()).isEqualTo("http://127.0.0.1:9000");
    }

    @Test
    void theDefaultPortOfTheSchemeIsWrittenOutSoThatBothSpellingsAreOneServer() {
        assertThat(endpoint("https://MinIO.Example")).isEqualTo(endpoint("https://minio.example:443"));
        assertThat(endpoint("http://minio.example").label()).isEqualTo("http://minio.example:80");
    }

    @Test
    void anotherPortIsAnotherServer() {
        assertThat(endpoint("http://127.0.0.1:9000")).isNotEqualTo(endpoint("http://127.0.0.1:9001"));
    }

    @Test
    void amazonS3IsRecordedAsItsPartitionWhateverTheRegion() {
        assertThat(S3Endpoint.of(Optional.empty(), Region.EU_WEST_1)).isEqualTo(S3Endpoint.of(Optional.empty(), Region.US_EAST_1))
                .isEqualTo(new S3Endpoint("aws"));
    }

    @Test
    void anEndpointUrlOfAmazonS3IsAmazonS3() {
        assertThat(S3Endpoint.of(Optional.of(URI.create("https://s3.eu-west-1.amazonaws.com")), Region.EU_WEST_1).label())
                .isEqualTo("aws");
    }

    @Test
    void anotherAwsPartitionIsAnotherNamespaceOfBuckets() {
        assertThat(S3Endpoint.of(Optional.empty(), Region.CN_NORTH_1).label()).isEqualTo("aws-cn");
    }

    @Test
    void aClientIsRecordedByTheEndpointItWasBuiltFor() {
        S3ConnectionSettings settings = S3ConnectionSettings.defaults().withRegion("us-east-1")
                .withEndpoint(URI.create("http://127.0.0.1:9000"));
        try (var client = S3Clients.create(settings)) {
            assertThat(S3Endpoint.of(client).label()).isEqualTo("http://127.0.0.1:9000");
        }
    }

    private static S3Endpoint endpoint(String url) {
        return S3Endpoint.of(Optional.of(URI.create(url)), Region.US_EAST_1);
    }
}
