package io.s3conn.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.s3conn.destination.s3.S3DestinationConfiguration;

class DestinationSettingsTest {

    @Test
    void anUnknownServerSideEncryptionIsAConfigurationError() {
        assertThatThrownBy(() -> DestinationSettings.configuration(values(Map.of("sse", "foo")), "b", ""))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("must be AES256 or aws:kms (any case), was: foo");
    }

    @Test
    void aKmsKeyWithoutKmsEncryptionIsAConfigurationError() {
        assertThatThrownBy(() -> DestinationSettings.configuration(values(Map.of("sse", "AES256", "sse-kms-key-id", "k")),
                "b", "")).isInstanceOf(ConfigurationException.class).hasMessageContaining("aws:kms");
    }

    @Test
    void aCompressionTheFormatLacksIsAnErrorNamingWhereItWasWritten() {
        assertThatThrownBy(() -> DestinationSettings.configuration(values(Map.of("compression", "zstd")), "b", ""))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("\"compression\" in test must be none or gzip with format json, was: zstd");
    }

    @Test
    void anUnknownPlaceholderIsAnErrorNamingWhereTheTemplateWasWritten() {
        assertThatThrownBy(() -> DestinationSettings.configuration(values(Map.of("keyTemplate", "{foo}")), "b", ""))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("\"keyTemplate\" in test: unknown placeholder {foo}");
    }

    @Test
    void anUnknownServerSideEncryptionIsAnErrorNamingWhereItWasWritten() {
        assertThatThrownBy(() -> DestinationSettings.configuration(values(Map.of("sse", "AES512")), "b", ""))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("\"sse\" in test must be AES256 or aws:kms (any case), was: AES512");
    }

    @Test
    void anUnknownAclIsAnErrorNamingWhereItWasWritten() {
        assertThatThrownBy(() -> DestinationSettings.configuration(values(Map.of("acl", "secret")), "b", ""))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("\"acl\" in test must be a canned ACL: private, public-read, ").hasMessageEndingWith(", was: secret");
    }

    /** Before, {@code aes256} was refused (S3's spelling only), unlike every other word from a fixed set. */
    @Test
    void encryptionAndAclInAnyCaseAreSentAsS3SpellsThem() {
        S3DestinationConfiguration configuration = DestinationSettings.configuration(
                values(Map.of("sse", "aes256", "acl", "Bucket-Owner-Full-Control")), "b", "");

        assertThat(configuration.encryption()).hasValueSatisfying(sse -> assertThat(sse.algorithm()).isEqualTo("AES256"));
        assertThat(configuration.acl()).contains("bucket-owner-full-control");
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
