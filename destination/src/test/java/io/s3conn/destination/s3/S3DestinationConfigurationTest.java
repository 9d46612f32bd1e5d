package io.s3conn.destination.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.s3conn.destination.format.JsonLinesFormat;

class S3DestinationConfigurationTest {

    @Test
    void anEmptyBucketIsRefusedBeforeAnyUpload() {
        assertThatThrownBy(() -> S3DestinationConfiguration.of("", "archive", new JsonLinesFormat(false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bucket must not be blank");
    }

    @Test
    void aNegativeFlushIntervalIsRefused() {
        S3DestinationConfiguration defaults = S3DestinationConfiguration.of("b", "", new JsonLinesFormat(false));

        assertThatThrownBy(() -> new S3DestinationConfiguration("b", "", defaults.keyTemplate(), defaults.format(),
                defaults.bufferSize(), defaults.maxBatchBytes(), Duration.ofSeconds(-1), defaults.partSize(), Optional.empty(),
                Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("flush interval must not be negative, was PT-1S");
    }

    @Test
    void aPartSizeAboveOneGibibyteIsRefused() {
        S3DestinationConfiguration defaults = S3DestinationConfiguration.of("b", "", new JsonLinesFormat(false));

        assertThatThrownBy(() -> new S3DestinationConfiguration("b", "", defaults.keyTemplate(), defaults.format(),
                defaults.bufferSize(), defaults.maxBatchBytes(), defaults.flushInterval(),
                S3DestinationConfiguration.MAX_PART_SIZE + 1, Optional.empty(), Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("part size must be at most 1073741824 bytes");
    }

    @Test
    void aPrefixWithoutATrailingSlashBecomesAFolder() {
        assertThat(S3DestinationConfiguration.of("b", "archive", new JsonLinesFormat(false)).prefix()).isEqualTo("archive/");
    }

    @Test
    void aPrefixEndingInASlashIsKeptAsItIs() {
        assertThat(S3DestinationConfiguration.of("b", "archive/", new JsonLinesFormat(false)).prefix()).isEqualTo("archive/");
    }

    @Test
    void anEmptyPrefixWritesAtTheBucketRoot() {
        assertThat(S3DestinationConfiguration.of("b", "", new JsonLinesFormat(false)).prefix()).isEmpty();
    }

    @Test
    void objectNamesLongerThanS3AllowsAreRefusedWithTheirLength() {
        // "ü" is two bytes: 1,000 of them, the folder's "/" and the default template's 37 characters make 2,038 bytes.
        assertThatThrownBy(() -> S3DestinationConfiguration.of("b", "ü".repeat(1000), new JsonLinesFormat(false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2038 bytes");
    }

    @Test
    void objectNamesOfExactly1024BytesAreAccepted() {
        // The default template's names are 37 characters after the prefix: 2026/11/30/<20 hex digits>.jsonl
        String prefix = "p".repeat(1024 - 37 - 1) + "/";

        assertThat(S3DestinationConfiguration.of("b", prefix, new JsonLinesFormat(false)).prefix()).isEqualTo(prefix);
    }

    @Test
    void aCannedAclIsAccepted() {
        assertThat(withAcl("bucket-owner-full-control").acl()).contains("bucket-owner-full-control");
    }

    @Test
    void anAclThatIsNoCannedAclIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> withAcl("privat"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was: privat").hasMessageContaining("public-read");
    }

    @Test
    void aStorageClassInLowerCaseIsKeptAsS3NamesIt() {
        assertThat(withStorageClass(" glacier_ir").storageClass()).contains("GLACIER_IR");
    }

    /** Ceph RGW names the storage classes of its placement targets freely: such a class is the server's to check. */
    @Test
    void aServersOwnClassInUpperCaseIsSentAsWritten() {
        assertThat(withStorageClass("COLD_HDD").storageClass()).contains("COLD_HDD");
    }

    @Test
    void anUnknownClassNotInUpperCaseIsRefused() {
        assertThatThrownBy(() -> withStorageClass("Cold"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was: Cold");
    }

    /** Before, a misspelt class was sent as it was, and only the first upload's 400 told, after records were read. */
    @Test
    void aStorageClassS3DoesNotNameIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> withStorageClass("glacir"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was: glacir").hasMessageContaining("DEEP_ARCHIVE");
    }

    private static S3DestinationConfiguration withStorageClass(String storageClass) {
        S3DestinationConfiguration defaults = S3DestinationConfiguration.of("b", "", new JsonLinesFormat(false));
        return new S3DestinationConfiguration("b", "", defaults.keyTemplate(), defaults.format(), defaults.bufferSize(),
                defaults.maxBatchBytes(), defaults.flushInterval(), defaults.partSize(), Optional.of(storageClass), Optional.empty(),
                Optional.empty());
    }

    /** The Kafka Connect sink passes its settings' text here: any case is S3's spelling by then. */
    @Test
    void anAclInAnyCaseIsKeptAsS3SpellsIt() {
        assertThat(withAcl("Bucket-Owner-Full-Control").acl()).contains("bucket-owner-full-control");
    }

    @Test
    void anEncryptionAlgorithmInAnyCaseIsKeptAsS3SpellsIt() {
        assertThat(new ServerSideEncryption("AWS:KMS", Optional.of("k")).algorithm()).isEqualTo("aws:kms");
    }

    private static S3DestinationConfiguration withAcl(String acl) {
        S3DestinationConfiguration defaults = S3DestinationConfiguration.of("b", "", new JsonLinesFormat(false));
        return new S3DestinationConfiguration("b", "", defaults.keyTemplate(), defaults.format(), defaults.bufferSize(),
                defaults.maxBatchBytes(), defaults.flushInterval(), defaults.partSize(), Optional.empty(), Optional.empty(),
                Optional.of(acl));
    }
}
