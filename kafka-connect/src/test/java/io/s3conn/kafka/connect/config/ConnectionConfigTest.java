package io.s3conn.kafka.connect.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
