package io.s3conn.app.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.s3conn.app.config.ConfigurationException;
import io.s3conn.app.pipeline.PipelineSettings;
import io.s3conn.destination.format.parquet.ParquetFormat;
import io.s3conn.source.content.ContentMode;
import io.s3conn.source.restore.RestoreArchived;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

class JobDefinitionTest {

    @Test
    void aPipelineJobSetsEveryPipelineSetting() {
        JobDefinition job = JobDefinition.of("copy", Map.ofEntries(Map.entry("type", "pipeline"), Map.entry("bucket", "a"),
                Map.entry("destination-bucket", "b"), Map.entry("format", "json"), Map.entry("compression", "gzip"),
                Map.entry("key-template", "{yyyy}/{id}.{ext}"), Map.entry("max-payload-bytes", "1MiB"),
                Map.entry("content", "none"), Map.entry("buffer-size", "50"), Map.entry("storage-class", "STANDARD_IA")));

        PipelineSettings settings = PipelineSettings.of(job.values());

        assertThat(settings.destination().format().extension()).isEqualTo("jsonl.gz");
        assertThat(settings.destination().keyTemplate()).isEqualTo("{yyyy}/{id}.{ext}");
        assertThat(settings.destination().bufferSize()).isEqualTo(50);
        assertThat(settings.destination().storageClass()).contains("STANDARD_IA");
        assertThat(settings.source().maxPayloadBytes()).isEqualTo(1024 * 1024);
        assertThat(settings.source().content()).isEqualTo(ContentMode.NONE);
    }

    @Test
    void aPipelineJobRestoresArchivedObjectsWithTheRestoreKeys() {
        JobDefinition job = JobDefinition.of("thaw", Map.of("type", "pipeline", "bucket", "a", "destination-bucket", "b",
                "format", "json", "restore-archived", "true", "restore-poll", "30m"));

        PipelineSettings settings = PipelineSettings.of(job.values());

        assertThat(settings.source().restoreArchived()).hasValueSatisfying(restore -> {
            assertThat(restore.poll()).hasMinutes(30);
            assertThat(restore.tier()).isEqualTo(RestoreArchived.DEFAULT_TIER);
            assertThat(restore.days()).isEqualTo(RestoreArchived.DEFAULT_DAYS);
            assertThat(restore.rate()).isEqualTo(RestoreArchived.DEFAULT_RATE);
        });
    }

    /** S3CONN_JOBS_COPY_DESTINATION_BUCKET reaches the job as destination.bucket: a variable cannot tell '-' from '.'. */
    @Test
    void aPipelineJobTakesItsSettingsFromEnvironmentVariables() {
        JobDefinition job = JobDefinition.of("copy", Map.of("type", "pipeline", "bucket", "a", "destination.bucket", "b",
                "destination.prefix", "out/", "format", "json", "buffer.size", "7"));

        PipelineSettings settings = PipelineSettings.of(job.values());

        assertThat(settings.destination().bucket()).isEqualTo("b");
        assertThat(settings.destination().prefix()).isEqualTo("out/");
        assertThat(settings.destination().bufferSize()).isEqualTo(7);
    }

    /** Before, a pipeline.yaml's sections moved into a job were refused: "unknown keys destination.format, source.bucket". */
    @Test
    void aPipelineJobTakesTheSectionsOfAPipelineFile() {
        JobDefinition job = JobDefinition.of("copy", Map.of("type", "pipeline", "source.bucket", "a", "source.prefix", "logs/",
                "destination.bucket", "b", "destination.prefix", "archive/", "destination.format", "parquet",
                "destination.compression", "zstd"));

        PipelineSettings settings = PipelineSettings.of(job.values());

        assertThat(settings.source().bucket()).isEqualTo("a");
        assertThat(settings.source().prefix()).isEqualTo("logs/");
        assertThat(settings.destination().bucket()).isEqualTo("b");
        assertThat(settings.destination().prefix()).isEqualTo("archive/");
        assertThat(settings.destination().format()).isInstanceOfSatisfying(ParquetFormat.class,
                parquet -> assertThat(parquet.codec()).isEqualTo(ParquetFormat.Codec.ZSTD));
    }

    @Test
    void anUnknownKeyInAJobsSectionIsNamedWithItsSection() {
        assertThatThrownBy(() -> JobDefinition.of("copy", Map.of("type", "pipeline", "destination.formt", "json")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("the destination of s3conn.jobs.copy: unknown key formt");
    }

    @Test
    void aPipelineJobsStateIsNamedAfterTheJobUnlessItSetsOne() {
        Map<String, String> keys = Map.of("type", "pipeline", "bucket", "a", "destination-bucket", "b", "format", "json");

        assertThat(PipelineSettings.of(JobDefinition.of("copy", keys).values()).stateName()).isEqualTo("job:copy");
    }

    @Test
    void twoSpellingsOfASettingWithDifferentValuesInAJobAreAnErrorNamingBothAndTheJob() {
        Map<String, String> keys = new LinkedHashMap<>(Map.of("type", "pipeline", "bucket", "a", "format", "json"));
        keys.put("destination-bucket", "b");
        keys.put("destinationBucket", "c");

        assertThatThrownBy(() -> JobDefinition.of("copy", keys)).isInstanceOf(ConfigurationException.class)
                .hasMessage("\"destination-bucket\" and \"destinationBucket\" in s3conn.jobs.copy both set destination-bucket, "
                        + "to different values: keep one of them");
    }

    @Test
    void anUnknownJobKeyIsAnError() {
        assertThatThrownBy(() -> JobDefinition.of("copy", Map.of("type", "pipeline", "colour", "blue")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("s3conn.jobs.copy: unknown key colour");
    }

    @Test
    void aPipelineJobWhoseDestinationLiesInsideItsSourceIsNotRunnable() {
        JobDefinition job = JobDefinition.of("loop", Map.of("type", "pipeline", "bucket", "a", "destination-bucket", "a",
                "destination-prefix", "copy/", "format", "json"));

        assertThatThrownBy(job::resolve).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("could write into its own source");
    }

    @Test
    void aPipelineJobWithoutFormatIsNotRunnable() {
        JobDefinition job = JobDefinition.of("copy", Map.of("type", "pipeline", "bucket", "a", "destination-bucket", "b"));

        assertThatThrownBy(job::resolve).isInstanceOf(ConfigurationException.class).hasMessageContaining("format");
    }

    @Test
    void anInventoryJobWithoutBucketIsNotRunnable() {
        JobDefinition job = JobDefinition.of("inv", Map.of("type", "inventory", "every", "5m"));

        assertThatThrownBy(job::resolve).isInstanceOf(ConfigurationException.class).hasMessageContaining("bucket");
    }

    /** Before, the line was the CLI's alone ("no bucket given: use --bucket ..."): which of the jobs, it did not say. */
    @Test
    void aMissingSettingIsAnErrorNamingTheJob() {
        JobDefinition job = JobDefinition.of("inv", Map.of("type", "inventory", "every", "5m"));

        assertThatThrownBy(job::resolve).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("s3conn.jobs.inv: no bucket given");
    }

    @Test
    void aCompleteInventoryJobIsRunnable() {
        assertThat(JobDefinition.of("inv", Map.of("type", "inventory", "bucket", "a", "every", "5m")).resolve())
                .isInstanceOfSatisfying(RunnableJob.InventoryJob.class, job -> assertThat(job.settings().bucket()).isEqualTo("a"));
    }

    @Test
    void anEveryOfZeroIsRefusedNamingTheJobsKey() {
        assertThatThrownBy(() -> JobDefinition.of("inv", Map.of("type", "inventory", "bucket", "a", "every", "0s"))).isInstanceOf(ConfigurationException.class)
                .hasMessage("\"every\" in s3conn.jobs.inv must be at least 1s (each run lists the whole scope), was: 0s");
    }

    /** Before, 0s was accepted: the job's source listed its prefix without pause, a CPU busy the whole time. */
    @Test
    void aPollingPeriodOfZeroIsRefusedNamingTheJobsKey() {
        assertThatThrownBy(() -> JobDefinition.of("copy", Map.of("type", "pipeline", "bucket", "a", "destination-bucket", "b",
                "format", "json", "polling-period", "0s")).resolve()).isInstanceOf(ConfigurationException.class)
                .hasMessage("\"polling-period\" in s3conn.jobs.copy must be at least 100ms (each poll lists the prefix; shorter polls without pause, a CPU busy the whole time), was: 0s");
    }

    @Test
    void anEveryOnAPipelineJobIsRefusedAsItWouldBeIgnored() {
        assertThatThrownBy(() -> JobDefinition.of("copy", Map.of("type", "pipeline", "bucket", "a", "destination-bucket", "b",
                "format", "json", "every", "5m"))).isInstanceOf(ConfigurationException.class)
                .hasMessage("\"every\" in s3conn.jobs.copy applies to inventory jobs only, not to pipeline jobs "
                        + "(a pipeline runs until serve stops)");
    }

    @Test
    void aFormatOnAnInventoryJobIsRefusedAsItWouldBeIgnored() {
        assertThatThrownBy(() -> JobDefinition.of("inv", Map.of("type", "inventory", "bucket", "a", "format", "json")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("\"format\" in s3conn.jobs.inv applies to pipeline jobs only, not to inventory jobs");
    }

    /** Before, an inventory job took it and synced on its schedule alone, as a pipeline job and the CLI refuse it. */
    @Test
    void aReconcileIntervalOnAnInventoryJobWithoutNotificationsIsRefusedAsItWouldBeIgnored() {
        assertThatThrownBy(() -> JobDefinition.of("inv", Map.of("type", "inventory", "bucket", "a", "reconcile-every", "5m"))
                .resolve()).isInstanceOf(ConfigurationException.class)
                .hasMessage("\"reconcile-every\" in s3conn.jobs.inv: applies to notifications only (--notifications "
                        + "sqs:<queue url>); without them every CDC poll and every sync is a listing already");
    }

    /** Before, the job ran as a watch and s3_object_versions was never synced, without a word. */
    @Test
    void versionsOnAnInventoryJobWithNotificationsIsRefusedAsItWouldBeIgnored() {
        assertThatThrownBy(() -> JobDefinition.of("inv", Map.of("type", "inventory", "bucket", "a", "versions", "true",
                "notifications", "sqs:http://127.0.0.1:9/q")).resolve()).isInstanceOf(ConfigurationException.class)
                .hasMessage("\"versions\" in s3conn.jobs.inv: applies to syncs only, not to a watching job (notifications): "
                        + "its events and reconciling syncs keep s3_objects, never s3_object_versions");
    }

    @Test
    void versionsOnAnInventoryJobWithoutNotificationsIsTaken() {
        assertThat(JobDefinition.of("inv", Map.of("type", "inventory", "bucket", "a", "versions", "true")).resolve())
                .isInstanceOfSatisfying(RunnableJob.InventoryJob.class, job -> assertThat(job.versions()).isTrue());
    }

    @Test
    void settingsBothTypesReadAreTakenByAnInventoryJob() {
        assertThat(JobDefinition.of("inv", Map.of("type", "inventory", "bucket", "a", "list-concurrency", "4",
                "notifications", "sqs:http://127.0.0.1:9/q", "reconcile-every", "1h")).resolve())
                .isInstanceOf(RunnableJob.InventoryJob.class);
    }

    /** Before, the message named no job: with several, which one lacked its type was left to guess. */
    @Test
    void aJobWithoutTypeIsAnErrorNamingTheJob() {
        assertThatThrownBy(() -> JobDefinition.of("nightly", Map.of("bucket", "a"))).isInstanceOf(ConfigurationException.class)
                .hasMessage("s3conn.jobs.nightly: no type given: set s3conn.jobs.nightly.type to inventory or pipeline");
    }

    /** Before, quarkus-scheduler was handed the cron expression and every was ignored without a word. */
    @Test
    void anInventoryJobWithBothCronAndEveryIsRefused() {
        assertThatThrownBy(() -> JobDefinition.of("inv", Map.of("type", "inventory", "bucket", "a", "every", "5m",
                "cron", "0 0 * * * ?"))).isInstanceOf(ConfigurationException.class)
                .hasMessage("\"cron\" in s3conn.jobs.inv and \"every\" in s3conn.jobs.inv: a job runs on one schedule, set only one of them");
    }

    /** Before, serve's messages named no endpoint, which with several jobs on several stores left the reader guessing. */
    @Test
    void aJobsFailureNamesItsBucketAndEndpointWithoutUserInfo() {
        JobDefinition job = JobDefinition.of("inv", Map.of("type", "inventory", "bucket", "logs",
                "endpoint-url", "http://user:hunter2@127.0.0.1:9"));

        assertThat(job.failure(NoSuchBucketException.builder().message("no").build()))
                .isEqualTo("bucket logs does not exist at http://127.0.0.1:9");
    }
}
