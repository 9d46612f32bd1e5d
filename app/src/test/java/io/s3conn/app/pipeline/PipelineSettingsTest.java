package io.s3conn.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.s3conn.app.config.ConfigurationException;
import io.s3conn.app.config.KeyedSettings;
import io.s3conn.app.config.SettingValues;
import io.s3conn.glacier.RequestRate;
import io.s3conn.glacier.RestoreTier;
import io.s3conn.source.restore.RestoreArchived;

class PipelineSettingsTest {

    @Test
    void aDestinationInsideItsOwnSourceIsRefused() {
        SettingValues values = values(Map.of("bucket", "a", "prefix", "logs/", "destination-bucket", "a",
                "destination-prefix", "logs/copy/"));

        assertThatThrownBy(() -> PipelineSettings.of(values)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("could write into its own source");
    }

    /** Before, only the destination prefix was compared: this pipeline read back every batch it wrote, forever. */
    @Test
    void aKeyTemplateThatLeadsTheDestinationIntoItsOwnSourceIsRefused() {
        SettingValues values = values(Map.of("bucket", "a", "prefix", "logs/", "destination-bucket", "a",
                "key-template", "logs/{id}.{ext}"));

        assertThatThrownBy(() -> PipelineSettings.of(values)).isInstanceOf(ConfigurationException.class)
                .hasMessage("the destination could write into its own source: its keys start with s3://a/logs/ "
                        + "(destination prefix '', key template 'logs/{id}.{ext}') and the source reads s3://a/logs/: "
                        + "use another bucket, or a destination prefix and key template that start outside the source prefix");
    }

    /** Before, only a destination inside the source was refused: this one writes logs/2026/... into a source logs/2026/. */
    @Test
    void aSourceInsideTheKeysTheDestinationWritesIsRefused() {
        SettingValues values = values(Map.of("bucket", "a", "prefix", "logs/2026/", "destination-bucket", "a",
                "destination-prefix", "logs/"));

        assertThatThrownBy(() -> PipelineSettings.of(values)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("its keys start with s3://a/logs/ (destination prefix 'logs/', key template "
                        + "'{yyyy}/{MM}/{dd}/{id}.{ext}') and the source reads s3://a/logs/2026/");
    }

    /** Before, a template starting with {ext} counted as starting anywhere but the source: it writes jsonl/... */
    @Test
    void aKeyTemplateStartingWithTheExtensionIsComparedWithTheExtensionFilledIn() {
        SettingValues values = values(Map.of("bucket", "a", "prefix", "jsonl/", "destination-bucket", "a",
                "key-template", "{ext}/{id}"));

        assertThatThrownBy(() -> PipelineSettings.of(values)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("its keys start with s3://a/jsonl/");
    }

    @Test
    void aKeyTemplateLeadingOutsideTheSourceInTheSameBucketIsAccepted() {
        PipelineSettings settings = PipelineSettings.of(values(Map.of("bucket", "a", "prefix", "logs/",
                "destination-bucket", "a", "key-template", "archive/{yyyy}/{id}.{ext}")));

        assertThat(settings.destination().keyTemplate()).isEqualTo("archive/{yyyy}/{id}.{ext}");
    }

    /** Before, refused (exit 2): the destination's dated folders data/2026/... never reach data/incoming/. */
    @Test
    void aSourceFolderBesideTheDestinationsDatedFoldersIsAccepted() {
        PipelineSettings settings = PipelineSettings.of(values(Map.of("bucket", "a", "prefix", "data/incoming/",
                "destination-bucket", "a", "destination-prefix", "data/")));

        assertThat(settings.destination().prefix()).isEqualTo("data/");
    }

    @Test
    void aDestinationBesideItsSourceInTheSameBucketIsAccepted() {
        PipelineSettings settings = PipelineSettings.of(values(Map.of("bucket", "a", "prefix", "logs/",
                "destination-bucket", "a", "destination-prefix", "archive/")));

        assertThat(settings.destination().prefix()).isEqualTo("archive/");
    }

    @Test
    void withoutAStateNameTheStateIsNamedAfterTheBucketsAndPrefixes() {
        PipelineSettings settings = PipelineSettings.of(values(Map.of("bucket", "a", "destination-bucket", "b")));

        assertThat(settings.stateName()).isEqualTo("pipeline:a:->b:");
    }

    @Test
    void restoreSettingsInAPipelineFileMakeTheSourceRestoreArchivedObjects() {
        PipelineSettings settings = PipelineSettings.of(values(Map.of("bucket", "a", "destination-bucket", "b",
                "restoreArchived", "true", "restore_tier", "Standard", "restoreDays", "3", "restoreRate", "20/s",
                "restorePoll", "5m")));

        assertThat(settings.source().restoreArchived()).contains(new RestoreArchived(RestoreTier.STANDARD, 3,
                new RequestRate(20), Duration.ofMinutes(5)));
    }

    @Test
    void restoreArchivedAloneRestoresWithTheLibrarysDefaults() {
        PipelineSettings settings = PipelineSettings.of(values(Map.of("bucket", "a", "destination-bucket", "b",
                "restore-archived", "true")));

        assertThat(settings.source().restoreArchived()).contains(RestoreArchived.defaults());
    }

    @Test
    void restoreArchivedWrittenAsFalseRestoresNothingWhateverTheOtherRestoreSettingsSay() {
        PipelineSettings settings = PipelineSettings.of(values(Map.of("bucket", "a", "destination-bucket", "b",
                "restore-archived", "false", "restore-tier", "expedited")));

        assertThat(settings.source().restoreArchived()).isEmpty();
    }

    /** Before, the line named the setting but not where it was written ("restore-tier applies with ..."). */
    @Test
    void aRestoreSettingWithoutRestoreArchivedIsAConfigurationErrorNamingWhereItWasWritten() {
        Map<String, String> file = Map.of("bucket", "a", "destination-bucket", "b", "restore_tier", "expedited");

        assertThatThrownBy(() -> PipelineSettings.of(values(file))).isInstanceOf(ConfigurationException.class)
                .hasMessage("\"restore_tier\" in test: applies with restore-archived only: add restore-archived "
                        + "(--restore-archived), or leave restore-tier out");
    }

    @Test
    void aRestoreRateThatIsNoRateIsAConfigurationErrorNamingTheKey() {
        Map<String, String> file = Map.of("bucket", "a", "destination-bucket", "b", "restore-archived", "true",
                "restore-rate", "fast");

        assertThatThrownBy(() -> PipelineSettings.of(values(file))).isInstanceOf(ConfigurationException.class)
                .hasMessage("\"restore-rate\" in test must be requests a second such as 100/s, was: fast");
    }

    private static SettingValues values(Map<String, String> given) {
        Map<String, String> all = new HashMap<>(given);
        all.put("format", "json");
        all.put("database", "jdbc:sqlite::memory:");
        return SettingValues.merge(KeyedSettings.of("test", all));
    }
}
