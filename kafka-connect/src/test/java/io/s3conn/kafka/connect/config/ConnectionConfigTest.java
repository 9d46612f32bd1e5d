package io.s3conn.kafka.connect.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

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
}
