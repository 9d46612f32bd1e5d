package io.s3conn.kafka.connect.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.junit.jupiter.api.Test;

import io.s3conn.kafka.connect.sink.S3SinkConnector;
import io.s3conn.kafka.connect.source.S3SourceConnector;

/** Settings that do not go together are validation errors of the setting concerned, never a failed validation. */
class SettingConflictTest {

    @Test
    void aKmsKeyWithAes256EncryptionIsAnErrorOfTheKmsKey() {
        Config validated = new S3SinkConnector().validate(Map.of("bucket", "b", "format", "json", "sse", "AES256",
                "sse-kms-key-id", "key-1"));

        assertThat(ValidationErrors.of(validated, "sse-kms-key-id")).containsExactly("sse-kms-key-id needs sse aws:kms");
    }

    @Test
    void aKmsKeyWithoutEncryptionIsAnErrorOfTheKmsKeyNotOfTheCompression() {
        Config validated = new S3SinkConnector().validate(Map.of("bucket", "b", "format", "json", "sse-kms-key-id", "key-1"));

        assertThat(ValidationErrors.of(validated, "sse-kms-key-id")).containsExactly("sse-kms-key-id needs sse aws:kms");
        assertThat(ValidationErrors.of(validated, "compression")).isEmpty();
    }

    @Test
    void anAccessKeyIdWithoutItsSecretIsAnErrorOfTheSecret() {
        Config validated = new S3SourceConnector().validate(Map.of("bucket", "b", "topic", "t", "access-key-id", "AKIA1"));

        assertThat(ValidationErrors.of(validated, "secret-access-key"))
                .containsExactly("access-key-id and secret-access-key go together: give both or neither");
    }

    @Test
    void aSessionTokenWithoutKeysIsAnErrorOfTheToken() {
        Config validated = new S3SourceConnector().validate(Map.of("bucket", "b", "topic", "t", "session-token", "T"));

        assertThat(ValidationErrors.of(validated, "session-token"))
                .containsExactly("a session token needs the access-key-id and secret-access-key it was issued with");
    }

    @Test
    void aCompressionTheFormatDoesNotKnowIsAnErrorOfTheCompression() {
        Config validated = new S3SinkConnector().validate(Map.of("bucket", "b", "format", "json", "compression", "zstd"));

        assertThat(ValidationErrors.of(validated, "compression")).singleElement().asString()
                .startsWith("Invalid value zstd for configuration compression: ");
    }
}
