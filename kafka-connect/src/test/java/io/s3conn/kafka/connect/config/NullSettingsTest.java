package io.s3conn.kafka.connect.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.s3conn.kafka.connect.sink.S3SinkConnector;
import io.s3conn.kafka.connect.source.S3SourceConnector;

/** Settings given as JSON null, as a connector's validation sees them ({@code "buffer-size": null}). */
class NullSettingsTest {

    /** Before, the validation threw a NullPointerException, which Connect answers with HTTP 500 and no setting named. */
    @Test
    void aSinkSettingGivenAsNullIsAnErrorOfThatSettingSayingToLeaveItOutForItsDefault() {
        Map<String, String> config = sink();
        config.put(SinkConfig.BUFFER_SIZE, null);

        assertThat(ValidationErrors.of(new S3SinkConnector().validate(config), SinkConfig.BUFFER_SIZE)).containsExactly(
                "Invalid value null for configuration buffer-size: give it a value, or leave the setting out for its default");
    }

    /** Its validator is asked about the null too: it threw a NullPointerException, which failed the whole validation. */
    @Test
    void aKeyTemplateGivenAsNullIsOneErrorOfTheKeyTemplate() {
        Map<String, String> config = sink();
        config.put(SinkConfig.KEY_TEMPLATE, null);

        assertThat(ValidationErrors.of(new S3SinkConnector().validate(config), SinkConfig.KEY_TEMPLATE)).containsExactly(
                "Invalid value null for configuration key-template: give it a value, or leave the setting out for its default");
    }

    @Test
    void aRequiredSettingGivenAsNullIsAnErrorOfThatSettingSayingToGiveAValue() {
        Map<String, String> config = sink();
        config.put(ConnectionConfig.BUCKET, null);

        assertThat(ValidationErrors.of(new S3SinkConnector().validate(config), ConnectionConfig.BUCKET)).containsExactly(
                "Invalid value null for configuration bucket: give it a value, or leave the setting out");
    }

    /** Before, the source was created, and its tasks failed sending records to no topic. */
    @Test
    void aSourceTopicGivenAsNullIsRefused() {
        Map<String, String> config = new HashMap<>(Map.of("bucket", "b", "endpoint-url", "http://127.0.0.1:9",
                "region", "us-east-1", "access-key-id", "id", "secret-access-key", "key"));
        config.put(SourceConfig.TOPIC, null);

        assertThat(ValidationErrors.of(new S3SourceConnector().validate(config), SourceConfig.TOPIC)).hasSize(1);
    }

    /** A sink's configuration whose endpoint answers nothing: no test here gets as far as its listing request. */
    private static Map<String, String> sink() {
        return new HashMap<>(Map.of("topics", "t", "bucket", "b", "format", "json", "endpoint-url", "http://127.0.0.1:9",
                "region", "us-east-1", "access-key-id", "id", "secret-access-key", "key"));
    }
}
