package io.s3conn.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DestinationSettingsTest {

    @Test
    void anUnknownServerSideEncryptionIsAConfigurationError() {
        assertThatThrownBy(() -> DestinationSettings.configuration(values(Map.of("sse", "foo")), "b", ""))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("AES256 or aws:kms, was foo");
    }

    @Test
    void aKmsKeyWithoutKmsEncryptionIsAConfigurationError() {
        assertThatThrownBy(() -> DestinationSettings.configuration(values(Map.of("sse", "AES256", "sse-kms-key-id", "k")),
                "b", "")).isInstanceOf(ConfigurationException.class).hasMessageContaining("aws:kms");
    }

    @Test
    void kmsEncryptionKeepsItsKey() {
        assertThat(DestinationSettings.configuration(values(Map.of("sse", "aws:kms", "sse-kms-key-id", "k")), "b", "")
                .encryption()).hasValueSatisfying(sse -> assertThat(sse.kmsKeyId()).contains("k"));
    }

    private static SettingValues values(Map<String, String> given) {
        Map<String, String> all = new HashMap<>(given);
        all.put("format", "json");
        return SettingValues.merge(KeyedSettings.of("test", all));
    }
}
