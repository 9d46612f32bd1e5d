package io.s3conn.kafka.connect.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** The sink's settings as a worker validates them: each problem reported once. */
class SinkConfigTest {

    @Test
    void aMissingFormatIsOneError() {
        assertThat(errorsOf(Map.of("bucket", "b"), "format")).containsExactly("Missing required configuration \"format\" which has no default value.");
    }

    @Test
    void aBufferSizeThatIsNoNumberIsOneError() {
        assertThat(errorsOf(Map.of("bucket", "b", "format", "json", "buffer-size", "abc"), "buffer-size")).hasSize(1)
                .allSatisfy(error -> assertThat(error).contains("abc"));
    }

    @Test
    void aBufferSizeBelowOneIsStillRefused() {
        assertThat(errorsOf(Map.of("bucket", "b", "format", "json", "buffer-size", "0"), "buffer-size")).hasSize(1);
    }

    /** Before, it passed validation, then failed the connector as it started. */
    @Test
    void aNegativeFlushIntervalIsOneError() {
        assertThat(errorsOf(Map.of("bucket", "b", "format", "json", "flush-interval", "PT-1S"), "flush-interval"))
                .containsExactly("Invalid value PT-1S for configuration flush-interval: must not be negative");
    }

    @Test
    void aFlushIntervalOfZeroIsAccepted() {
        assertThat(errorsOf(Map.of("bucket", "b", "format", "json", "flush-interval", "0s"), "flush-interval")).isEmpty();
    }

    @Test
    void anAclThatIsNoCannedAclIsOneErrorOnTheAcl() {
        assertThat(errorsOf(Map.of("bucket", "b", "format", "json", "acl", "privat"), "acl")).hasSize(1)
                .allSatisfy(error -> assertThat(error).contains("privat").contains("bucket-owner-full-control"));
    }

    /** Before, the sink took AES256 and aws:kms only as S3 spells them, unlike the CLI and its own storage-class. */
    @Test
    void encryptionAndAclInAnyCaseAreAccepted() {
        assertThat(errorsOf(Map.of("bucket", "b", "format", "json", "sse", "aes256", "acl", "Private"), "sse")).isEmpty();
        assertThat(errorsOf(Map.of("bucket", "b", "format", "json", "sse", "aes256", "acl", "Private"), "acl")).isEmpty();
    }

    @Test
    void aCannedAclIsAccepted() {
        assertThat(errorsOf(Map.of("bucket", "b", "format", "json", "acl", "private"), "acl")).isEmpty();
    }

    /** Before, a misspelt class was passed on, and each task's first upload failed on it. */
    @Test
    void aStorageClassS3DoesNotNameIsOneErrorNamingTheClasses() {
        assertThat(errorsOf(Map.of("bucket", "b", "format", "json", "storage-class", "glacir"), "storage-class"))
                .singleElement().asString().startsWith("Invalid value glacir for configuration storage-class: must be a storage class: STANDARD, ")
                .contains("GLACIER_IR");
    }

    /** As the CLI takes it: S3 itself refuses {@code glacier_ir}. */
    @Test
    void aStorageClassInLowerCaseIsWrittenAsS3NamesIt() {
        assertThat(errorsOf(Map.of("bucket", "b", "format", "json", "storage-class", "glacier_ir"), "storage-class")).isEmpty();
        assertThat(new SinkConfig(Map.of("bucket", "b", "format", "json", "storage-class", "glacier_ir")).destination().storageClass())
                .contains("GLACIER_IR");
    }

    /** The CLI and pipeline files take {@code format: Parquet}: the same configuration is not refused here. */
    @Test
    void aFormatInCapitalsIsTakenAsTheCliTakesIt() {
        assertThat(errorsOf(Map.of("bucket", "b", "format", "Parquet"), "format")).isEmpty();
        assertThat(new SinkConfig(Map.of("bucket", "b", "format", "Parquet")).format().extension()).isEqualTo("parquet");
    }

    @Test
    void anUnknownFormatIsOneErrorNamingTheFormats() {
        assertThat(errorsOf(Map.of("bucket", "b", "format", "avro"), "format"))
                .containsExactly("Invalid value avro for configuration format: must be one of json, jsonl, parquet");
    }

    /** Before, a compression was checked only with a format known: a misspelt format hid it until a second round. */
    @Test
    void aCompressionNoFormatTakesIsOneErrorAlsoWithAnUnknownFormat() {
        assertThat(errorsOf(Map.of("bucket", "b", "format", "avro", "compression", "lz5"), "compression")).singleElement().asString()
                .startsWith("Invalid value lz5 for configuration compression: no format takes it: ")
                .contains("must be none or gzip with format json").contains("must be snappy, zstd, gzip or none with format parquet")
                .containsOnlyOnce("lz5");
    }

    /** Which format it is for is told once the format is known ({@code SettingConflictTest}). */
    @Test
    void aCompressionSomeFormatTakesIsNoErrorOfItsOwnWithAnUnknownFormat() {
        assertThat(errorsOf(Map.of("bucket", "b", "format", "avro", "compression", "zstd"), "compression")).isEmpty();
    }

    private static List<String> errorsOf(Map<String, String> settings, String name) {
        return SinkConfig.DEFINITION.validate(settings).stream().filter(v -> v.name().equals(name)).findFirst()
                .map(ConfigValue::errorMessages).orElseThrow();
    }
}
