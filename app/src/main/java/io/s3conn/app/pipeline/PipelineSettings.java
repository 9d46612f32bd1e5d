package io.s3conn.app.pipeline;

import java.util.Objects;
import java.util.Optional;

import io.s3conn.app.config.ConfigurationException;
import io.s3conn.app.config.DestinationSettings;
import io.s3conn.app.config.ResolvedSettings;
import io.s3conn.app.config.SettingValues;
import io.s3conn.app.config.Settings;
import io.s3conn.app.config.SettingsResolver;
import io.s3conn.app.config.ChangeFeedSettings;
import io.s3conn.app.config.SourceSettings;
import io.s3conn.destination.s3.S3DestinationConfiguration;
import io.s3conn.destination.s3.WriteScope;
import io.s3conn.source.S3SourceConfiguration;

/**
 * Everything a pipeline runs with, the same for {@code pipeline run} and a {@code serve} job. A
 * destination that could write into its own source ({@link WriteScope#overlaps}) cannot be built: the source
 * would read back what the destination writes, forever.
 *
 * @param connection  how to reach S3 and the database; its bucket and prefix are the source's
 * @param source      what is read
 * @param destination where it is written
 * @param stateName   the name the pipeline's state and position are kept (and leased) under, as by {@code source read --state}
 * @param changes     where the source's CDC learns of changes: listing, or S3 event notifications
 */
public record PipelineSettings(ResolvedSettings connection, S3SourceConfiguration source,
                               S3DestinationConfiguration destination, String stateName, ChangeFeedSettings changes) {

    public PipelineSettings {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(stateName, "stateName");
        Objects.requireNonNull(changes, "changes");
        // The destination owns the rule (its write scope comes from its naming code); the pipeline only asks it.
        // Overlap, not containment: a destination logs/ with template {yyyy}/... writes into a source logs/2026/.
        WriteScope written = destination.writeScope();
        if (written.overlaps(source.bucket(), source.prefix())) {
            throw new ConfigurationException("the destination could write into its own source: its keys start with "
                    + written + " (destination prefix '" + destination.prefix() + "', key template '"
                    + destination.keyTemplate() + "') and the source reads s3://" + source.bucket() + "/" + source.prefix()
                    + ": use another bucket, or a destination prefix and key template that start outside the source prefix");
        }
    }

    /**
     * A pipeline's settings. Without a {@code state}, the state is named after the buckets and prefixes.
     *
     * @throws ConfigurationException for missing settings or ones that do not fit together
     */
    public static PipelineSettings of(SettingValues values) {
        return of(values, SettingsResolver.connection(values, true));
    }

    /**
     * A pipeline's settings, with {@code connection} already resolved from {@code values}.
     *
     * @throws ConfigurationException for missing settings or ones that do not fit together
     */
    public static PipelineSettings of(SettingValues values, ResolvedSettings connection) {
        S3DestinationConfiguration destination = DestinationSettings.configuration(values,
                values.require(Settings.DESTINATION_BUCKET), values.require(Settings.DESTINATION_PREFIX));
        String stateName = values.find(Settings.STATE).orElse("pipeline:" + connection.bucket() + ":" + connection.prefix()
                + "->" + destination.bucket() + ":" + values.require(Settings.DESTINATION_PREFIX));
        return new PipelineSettings(connection, SourceSettings.configuration(values, connection, Optional.of(stateName)),
                destination, stateName, ChangeFeedSettings.of(values));
    }
}
