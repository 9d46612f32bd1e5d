package io.s3conn.app.serve;

import java.util.Map;
import java.util.Optional;

import io.s3conn.app.config.ChangeFeedSettings;
import io.s3conn.app.config.ConfigurationException;
import io.s3conn.app.config.InventorySettings;
import io.s3conn.app.config.KeyedSettings;
import io.s3conn.app.config.PropertySettings;
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
     * @throws ConfigurationException for an unknown key, a value that does not parse, or no type
     */
    public static JobDefinition of(String name, Map<String, String> keys) {
        SettingValues values = SettingValues.merge(KeyedSettings.of("s3conn.jobs." + name, keys).strict(),
                PropertySettings.global(), KeyedSettings.of("job " + name, Map.of(Settings.STATE.name(), "job:" + name)));
        return new JobDefinition(name, values.require(Settings.TYPE), values);
    }

    /**
     * Resolves everything a run of this job reads; its runs and serve's start-up check both call this.
     *
     * @throws ConfigurationException for a missing setting, or settings that do not fit together (a pipeline
     *                                whose destination lies inside its source)
     */
    public RunnableJob resolve() {
        if (type.equals("pipeline")) {
            return new RunnableJob.PipelineJob(PipelineSettings.of(values));
        }
        Optional<ChangeFeedSettings> notifications = values.find(Settings.NOTIFICATIONS).isPresent()
                ? Optional.of(ChangeFeedSettings.of(values)) : Optional.empty();
        return new RunnableJob.InventoryJob(SettingsResolver.connection(values, true), InventorySettings.options(values),
                values.require(Settings.VERSIONS), notifications);
    }
}
