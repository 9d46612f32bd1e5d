package io.s3conn.kafka.connect.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.Config;
import org.junit.jupiter.api.Test;

import io.s3conn.core.s3.S3ConnectionSettings;
import io.s3conn.core.s3.StaticCredentials;
import io.s3conn.kafka.connect.sink.S3SinkConnector;
import io.s3conn.source.walk.ScopeProbe;

class ReachabilityTest {

    /** Why one listing request of bucket {@code b}, as a sink's check sends it, fails. */
    private static Optional<String> problem(S3ConnectionSettings settings) {
        return Reachability.refusal(settings, "b", s3 -> ScopeProbe.checkWritable(s3, "b")).map(Reachability.Refusal::reason);
    }

    @Test
    void anUnreachableEndpointIsNamedWithoutItsUserInfo() {
        S3ConnectionSettings settings = S3ConnectionSettings.defaults().withRegion("us-east-1")
                .withEndpoint(URI.create("http://user:secret@127.0.0.1:1/"))
                .withCredentials(new StaticCredentials("id", "key", Optional.empty()));

        assertThat(problem(settings)).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("cannot reach http://127.0.0.1:1/ for bucket b: ").doesNotContain("secret"));
    }

    /** The resolver's own exception says only the host name, which alone reads as no reason at all. */
    @Test
    void anEndpointWhoseHostDoesNotResolveIsNamedAsAnUnknownHost() {
        S3ConnectionSettings settings = S3ConnectionSettings.defaults().withRegion("us-east-1")
                .withEndpoint(URI.create("http://no-such-host.invalid:9000")) // .invalid never resolves (RFC 6761)
                .withCredentials(new StaticCredentials("id", "key", Optional.empty()));

        assertThat(problem(settings))
                .hasValue("cannot reach http://no-such-host.invalid:9000 for bucket b: unknown host no-such-host.invalid");
    }

    /** The endpoint answers; what is missing is the profile's keys, and the reason says so instead of "cannot reach". */
    @Test
    void aProfileWithoutCredentialsIsNamedAsTheProblem() {
        String profile = "s3conn-no-such-profile-" + System.nanoTime();
        S3ConnectionSettings settings = new S3ConnectionSettings(Optional.of("us-east-1"),
                Optional.of(URI.create("http://127.0.0.1:9")), true, Optional.empty(), Optional.of(profile), 1,
                Duration.ofSeconds(5));

        assertThat(problem(settings)).hasValue("no AWS credentials in profile " + profile
                + " of the worker's ~/.aws files: set profile to a profile that has them, or set access-key-id and secret-access-key");
    }

    /** Connect UIs show a validation error beside the field of its setting: here, the profile's. */
    @Test
    void aValidationFilesAProfileWithoutCredentialsUnderProfile() {
        String profile = "s3conn-no-such-profile-" + System.nanoTime();
        Config validated = new S3SinkConnector().validate(Map.of("bucket", "b", "format", "json", "topics", "t",
                "endpoint-url", "http://127.0.0.1:9", "region", "us-east-1", "profile", profile));

        assertThat(ValidationErrors.of(validated, "profile")).singleElement().asString().startsWith("no AWS credentials in profile " + profile);
        assertThat(ValidationErrors.of(validated, "endpoint-url")).isEmpty();
    }

    /** The SDK's own text lists every credentials provider it tried: a paragraph where one line is due. */
    @Test
    void noCredentialsAnywhereIsOneLineSayingWhichSettingsToSet() {
        String disabled = System.setProperty("aws.disableEc2Metadata", "true"); // no instance role to wait for
        try {
            S3ConnectionSettings settings = S3ConnectionSettings.defaults().withRegion("us-east-1")
                    .withEndpoint(URI.create("http://127.0.0.1:9"));

            assertThat(problem(settings)).hasValueSatisfying(problem -> assertThat(problem)
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
