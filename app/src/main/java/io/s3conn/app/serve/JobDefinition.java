package io.s3conn.app.serve;

import java.util.Map;
import java.util.Optional;

import io.s3conn.app.cli.Failure;
import io.s3conn.app.config.ChangeFeedSettings;
import io.s3conn.app.config.ConfigurationException;
import io.s3conn.app.config.InventorySettings;
import io.s3conn.app.config.KeyedSettings;
import io.s3conn.app.config.PropertySettings;
import io.s3conn.app.config.Setting;
import io.s3conn.app.config.SettingValues;
import io.s3conn.app.config.Settings;
import io.s3conn.app.config.SettingsResolver;
import io.s3conn.app.pipeline.PipelineSettings;

/**
 * A job of {@code s3conn serve}: {@code s3conn.jobs.<name>.<setting>} for any setting of the
 * catalogue, over the global configuration ({@code s3conn.aws.*}, {@code s3conn.database}, ...). A
 * pipeline job's state is named {@code job:<name>} unless it sets one.
 *
 * @param name   the job's name
 * @param type   inventory or pipeline
 * @param values its settings
 */
public record JobDefinition(String name, String type, SettingValues values) {

    /**
     * Reads a job.
     *
     * @throws ConfigurationException for an unknown key, a value that does not parse, no type, or a key that only
     *                                the other type of job reads
     */
    public static JobDefinition of(String name, Map<String, String> keys) {
        PropertySettings global = PropertySettings.global();
        String job = "s3conn.jobs." + name;
        // A key set by a variable (S3CONN_JOBS_COPY_PAGE_SIZE) or in a file is named so, as a global property is: before,
        // "page.size" in s3conn.jobs.copy, a key the user never wrote. Set otherwise (a system property), by key and job.
        KeyedSettings own = KeyedSettings.pipelineKeys(job, keys, new KeyedSettings.KeyNaming(
                key -> Optional.of(global.writtenAs(job + "." + key)).filter(shown -> !shown.equals(job + "." + key)),
                (key, other) -> global.spelling(job + "." + key, job + "." + other)));
        SettingValues values = SettingValues.merge(own, global,
                KeyedSettings.of("job " + name, Map.of(Settings.STATE.name(), "job:" + name)));
        String type = values.find(Settings.TYPE).orElseThrow(() -> new ConfigurationException("s3conn.jobs." + name
                + ": no type given: set s3conn.jobs." + name + ".type to inventory or pipeline"));
        refuseSettingsOfTheOtherType(type, own);
        if (own.text(Settings.CRON).isPresent() && own.text(Settings.EVERY).isPresent()) {
            throw new ConfigurationException(own.origin(Settings.CRON) + " and " + own.origin(Settings.EVERY)
                    + ": a job runs on one schedule, set only one of them");
        }
        return new JobDefinition(name, type, values);
    }

    /**
     * A job's own key that only the other type reads would be ignored: {@code every} on a pipeline, which runs
     * continuously, or {@code format} on an inventory job. Global properties are shared by both types, so only the
     * job's own keys are checked.
     */
    private static void refuseSettingsOfTheOtherType(String type, KeyedSettings own) {
        if (type.equals("pipeline")) {
            own.refuse(Settings.INVENTORY_ONLY, "applies to inventory jobs only, not to pipeline jobs (a pipeline runs until serve stops)");
        } else {
            own.refuse(Settings.PIPELINE_ONLY, "applies to pipeline jobs only, not to " + type + " jobs");
        }
    }

    /**
     * A failure of this job as one line, naming its bucket and endpoint (without user info) as the CLI does: with
     * several jobs, which endpoint a connection failure is about is not otherwise known.
     */
    public String failure(Throwable error) {
        return Failure.of(error, values.find(Settings.BUCKET).orElse(null), values.find(Settings.ENDPOINT_URL).map(Object::toString))
                .message();
    }

    /**
     * Resolves everything a run of this job reads; its runs and serve's start-up check both call this.
     *
     * @throws ConfigurationException for a missing setting, or settings that do not fit together (a pipeline
     *                                whose destination could write into its source)
     */
    public RunnableJob resolve() {
        try {
            if (type.equals("pipeline")) {
                return new RunnableJob.PipelineJob(PipelineSettings.of(values));
            }
            // Read whether or not the job has a queue: so reconcile-every without one is refused, as for a pipeline.
            ChangeFeedSettings feed = ChangeFeedSettings.of(values);
            Optional<ChangeFeedSettings> notifications = feed.queueUrl().isPresent() ? Optional.of(feed) : Optional.empty();
            if (notifications.isPresent() && values.require(Settings.VERSIONS)) {
                // A watch keeps s3_objects only (inventory watch has no --versions): the versions would never be synced.
                throw values.invalid(Settings.VERSIONS, "applies to syncs only, not to a watching job (notifications): "
                        + "its events and reconciling syncs keep s3_objects, never s3_object_versions");
            }
            return new RunnableJob.InventoryJob(SettingsResolver.connection(values, true), InventorySettings.options(values),
                    values.require(Settings.VERSIONS), notifications);
        } catch (ConfigurationException e) {
            // Messages shared with the CLI ("no bucket given", "the destination could write into its own source") name no job:
            // among several, the line must say which one to fix.
            String job = "s3conn.jobs." + name;
            throw e.getMessage() != null && e.getMessage().contains(job) ? e
                    : new ConfigurationException(job + ": " + e.getMessage(), e);
        }
    }
}
