package io.s3conn.glacier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArchiveClassifierTest {

    @ParameterizedTest
    @ValueSource(strings = {"GLACIER", "DEEP_ARCHIVE", "glacier"})
    void archiveClassesAlwaysNeedARestore(String storageClass) {
        assertThat(ArchiveClassifier.isArchived(storageClass, Optional.empty())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"STANDARD", "STANDARD_IA", "ONEZONE_IA", "GLACIER_IR", "REDUCED_REDUNDANCY", "EXPRESS_ONEZONE", ""})
    void otherClassesAreReadableWithoutARestore(String storageClass) {
        assertThat(ArchiveClassifier.isArchived(storageClass, Optional.empty())).isFalse();
        assertThat(ArchiveClassifier.mayBeArchived(storageClass)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"ARCHIVE_ACCESS,true", "DEEP_ARCHIVE_ACCESS,true", "SOMETHING_NEW,false"})
    void intelligentTieringIsArchivedOnlyInItsArchiveTiers(String archiveStatus, boolean archived) {
        assertThat(ArchiveClassifier.isArchived("INTELLIGENT_TIERING", Optional.of(archiveStatus))).isEqualTo(archived);
    }

    @ParameterizedTest
    @ValueSource(strings = {"INTELLIGENT_TIERING"})
    void intelligentTieringWithoutArchiveStatusIsReadableButMayBeArchived(String storageClass) {
        assertThat(ArchiveClassifier.isArchived(storageClass, Optional.empty())).isFalse();
        assertThat(ArchiveClassifier.mayBeArchived(storageClass)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(value = {"NULL,STANDARD", "' standard_ia ',STANDARD_IA"}, nullValues = "NULL")
    void missingStorageClassMeansStandard(String raw, String normalized) {
        assertThat(ArchiveClassifier.normalize(raw)).isEqualTo(normalized);
    }
}
