package io.s3conn.kafka.connect.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import io.s3conn.kafka.connect.sink.S3SinkConnector;
import io.s3conn.kafka.connect.source.S3SourceConnector;

/** The connection settings both connectors share, as the worker validates them. */
class ConnectionConfigTest {

    @Test
    void anEndpointThatIsNotHttpIsRefusedWithoutItsUserInfo() {
        Map<String, String> settings = Map.of(ConnectionConfig.BUCKET, "photos", SourceConfig.TOPIC, "photos",
                ConnectionConfig.ENDPOINT_URL, "ftp://user:secret@127.0.0.1:1/");

        assertThatThrownBy(() -> new SourceConfig(settings))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Invalid value ftp://127.0.0.1:1/ for configuration endpoint-url")
                .hasMessageNotContaining("secret");
    }

    @Test
    void anEndpointWithoutItsSchemeIsRefusedSayingWhatAnEndpointLooksLike() {
        Map<String, String> settings = Map.of(ConnectionConfig.BUCKET, "photos", SourceConfig.TOPIC, "photos",
                ConnectionConfig.ENDPOINT_URL, "127.0.0.1:9000");

        assertThatThrownBy(() -> new SourceConfig(settings))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value 127.0.0.1:9000 for configuration endpoint-url: is not a URL (Illegal character in "
                        + "scheme name): must be an http:// or https:// URL with a host (and no ?query or #fragment)");
    }

    @Test
    void anEndpointWithAQueryIsRefusedWithoutTheQuery() {
        Map<String, String> settings = Map.of(ConnectionConfig.BUCKET, "photos", SourceConfig.TOPIC, "photos",
                ConnectionConfig.ENDPOINT_URL, "http://127.0.0.1:9000/?token=secret");

        assertThatThrownBy(() -> new SourceConfig(settings))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Invalid value http://127.0.0.1:9000/?… for configuration endpoint-url")
                .hasMessageNotContaining("secret");
    }

    /**
     * Refused as the CLI refuses it: else a listing request goes out for that name, and the refusal names the endpoint
     * (RGW answers SignatureDoesNotMatch, Amazon S3 without network "cannot reach"), not the bucket.
     */
    @Test
    void aBucketGivenAsAnS3UrlIsRefusedSayingWhereThePrefixGoes() {
        Map<String, String> settings = Map.of(ConnectionConfig.BUCKET, "s3://photos/2026/", SourceConfig.TOPIC, "photos");

        assertThatThrownBy(() -> new SourceConfig(settings))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value s3://photos/2026/ for configuration bucket: must be a bucket name alone, without "
                        + "'/', '?' or '#' (for s3://B/P/: bucket B, prefix P/)");
    }

    @Test
    void aBucketWithASpaceIsRefusedAsNoBucketName() {
        Map<String, String> settings = Map.of(ConnectionConfig.BUCKET, "my photos", SinkConfig.FORMAT, "json");

        assertThatThrownBy(() -> new SinkConfig(settings))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value my photos for configuration bucket: must be a bucket name, without spaces or control characters");
    }

    @Test
    void aBucketThatIsAPathOfDotsIsRefused() {
        Map<String, String> settings = Map.of(ConnectionConfig.BUCKET, "..", SourceConfig.TOPIC, "photos");

        assertThatThrownBy(() -> new SourceConfig(settings))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value .. for configuration bucket: must be a bucket name, not a path such as . or ..");
    }

    @Test
    void aBucketWithDotsAndDashesIsAccepted() {
        Map<String, String> settings = Map.of(ConnectionConfig.BUCKET, "photos.example-2026", SourceConfig.TOPIC, "photos");

        assertThat(new SourceConfig(settings).bucket()).isEqualTo("photos.example-2026");
    }

    @Test
    void anAttemptTimeoutIsTheTimeoutOfEachAttempt() {
        Map<String, String> settings = Map.of(ConnectionConfig.BUCKET, "photos", SourceConfig.TOPIC, "photos",
                ConnectionConfig.ATTEMPT_TIMEOUT, "5s");

        assertThat(new SourceConfig(settings).connection().attemptTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theAttemptTimeoutIsAMinuteByDefault() {
        Map<String, String> settings = Map.of(ConnectionConfig.BUCKET, "photos", SourceConfig.TOPIC, "photos");

        assertThat(new SourceConfig(settings).connection().attemptTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void anAttemptTimeoutOfZeroIsRefused() {
        Map<String, String> settings = Map.of(ConnectionConfig.BUCKET, "photos", SourceConfig.TOPIC, "photos",
                ConnectionConfig.ATTEMPT_TIMEOUT, "0s");

        assertThatThrownBy(() -> new SourceConfig(settings)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("attempt-timeout").hasMessageContaining("must be positive");
    }

    @Test
    void anEndpointWithAMixedCaseSchemeIsAcceptedInLowerCase() {
        Map<String, String> settings = Map.of(ConnectionConfig.BUCKET, "photos", SourceConfig.TOPIC, "photos",
                ConnectionConfig.ENDPOINT_URL, "Https://minio.example:9000");

        assertThat(new SourceConfig(settings).connection().endpoint()).contains(URI.create("https://minio.example:9000"));
    }

    @Test
    void aRegionWithASpaceIsRefused() {
        Map<String, String> settings = Map.of(ConnectionConfig.BUCKET, "photos", SourceConfig.TOPIC, "photos",
                ConnectionConfig.REGION, "us east");

        assertThatThrownBy(() -> new SourceConfig(settings)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("Invalid value us east for configuration region: must be a region name");
    }

    @Test
    void aPathStyleInCapitalsIsTakenAsTheCliTakesIt() {
        Map<String, String> settings = Map.of(ConnectionConfig.BUCKET, "photos", SourceConfig.TOPIC, "photos",
                ConnectionConfig.PATH_STYLE, "FALSE", ConnectionConfig.ENDPOINT_URL, "http://minio.example:9000");

        assertThat(new SourceConfig(settings).connection().pathStyle()).isFalse();
    }

    /** Connect echoes every value of a validation answer over the REST API, and hides only password-typed ones. */
    @Test
    void aSourcesValidationAnswerShowsTheEndpointWithoutItsUserInfo() {
        int port = closedPort();
        Map<String, String> settings = Map.of(ConnectionConfig.BUCKET, "photos", SourceConfig.TOPIC, "photos",
                ConnectionConfig.ENDPOINT_URL, "http://user:secret@127.0.0.1:" + port, ConnectionConfig.REGION, "us-east-1",
                ConnectionConfig.ACCESS_KEY_ID, "id", ConnectionConfig.SECRET_ACCESS_KEY, "key");

        ConfigValue endpoint = endpointOf(new S3SourceConnector().validate(settings));

        assertThat(endpoint.value()).isEqualTo("http://127.0.0.1:" + port);
        assertThat(endpoint.errorMessages()).singleElement().asString().startsWith("cannot reach http://127.0.0.1:" + port)
                .doesNotContain("secret");
    }

    @Test
    void aSinksValidationAnswerShowsTheEndpointWithoutItsUserInfo() {
        int port = closedPort();
        Map<String, String> settings = Map.of(ConnectionConfig.BUCKET, "photos", SinkConfig.FORMAT, "json",
                ConnectionConfig.ENDPOINT_URL, "http://user:secret@127.0.0.1:" + port, ConnectionConfig.REGION, "us-east-1",
                ConnectionConfig.ACCESS_KEY_ID, "id", ConnectionConfig.SECRET_ACCESS_KEY, "key");

        assertThat(endpointOf(new S3SinkConnector().validate(settings)).value()).isEqualTo("http://127.0.0.1:" + port);
    }

    /** A loopback port nobody listens on: the validation's one listing request is refused at once. */
    private static int closedPort() {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ConfigValue endpointOf(Config validated) {
        return validated.configValues().stream().filter(v -> v.name().equals(ConnectionConfig.ENDPOINT_URL)).findFirst().orElseThrow();
    }
}
