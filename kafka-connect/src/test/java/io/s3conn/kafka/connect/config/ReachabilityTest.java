package io.s3conn.kafka.connect.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.s3conn.core.s3.S3ConnectionSettings;
import io.s3conn.core.s3.StaticCredentials;

class ReachabilityTest {

    @Test
    void anUnreachableEndpointIsNamedWithoutItsUserInfo() {
        S3ConnectionSettings settings = S3ConnectionSettings.defaults().withRegion("us-east-1")
                .withEndpoint(URI.create("http://user:secret@127.0.0.1:1/"))
                .withCredentials(new StaticCredentials("id", "key", Optional.empty()));

        assertThat(Reachability.problem(settings, "b")).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("cannot reach http://127.0.0.1:1/ for bucket b: ").doesNotContain("secret"));
    }

    /** The SDK's own text lists every credentials provider it tried: a paragraph where one line is due. */
    @Test
    void noCredentialsAnywhereIsOneLineSayingWhichSettingsToSet() {
        String disabled = System.setProperty("aws.disableEc2Metadata", "true"); // no instance role to wait for
        try {
            S3ConnectionSettings settings = S3ConnectionSettings.defaults().withRegion("us-east-1")
                    .withEndpoint(URI.create("http://127.0.0.1:9"));

            assertThat(Reachability.problem(settings, "b")).hasValueSatisfying(problem -> assertThat(problem)
                    .startsWith("no AWS credentials found: set access-key-id and secret-access-key").doesNotContain("\n"));
        } finally {
            if (disabled == null) {
                System.clearProperty("aws.disableEc2Metadata");
            } else {
                System.setProperty("aws.disableEc2Metadata", disabled);
            }
        }
    }
}
