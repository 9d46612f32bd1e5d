package io.s3conn.app.cli;

import java.nio.file.Path;
import java.util.Optional;

import io.s3conn.app.config.ConfigFile;
import io.s3conn.app.config.ResolvedSettings;
import io.s3conn.app.config.SettingSource;
import io.s3conn.app.config.SettingValues;
import io.s3conn.app.config.SettingsResolver;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The flags of every command that talks to a bucket, and {@code --config} ({@code --database} is
 * {@link DatabaseOption}, on the commands that keep something). Setting flags are text,
 * read through the settings catalogue ({@link io.s3conn.app.config.FlagSettings}), which also gives their
 * help lines; picocli only fills the fields.
 */
public final class ConnectionOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--bucket", paramLabel = "BUCKET")
    Optional<String> bucket;

    @Option(names = "--prefix", paramLabel = "PREFIX")
    Optional<String> prefix;

    @Option(names = "--endpoint-url", paramLabel = "URL")
    Optional<String> endpointUrl;

    @Option(names = "--region", paramLabel = "REGION")
    Optional<String> region;

    @Option(names = "--profile", paramLabel = "NAME")
    Optional<String> profile;

    @Option(names = "--path-style", negatable = true)
    Optional<Boolean> pathStyle;

    @Option(names = "--max-attempts", paramLabel = "N")
    Optional<String> maxAttempts;

    @Option(names = "--attempt-timeout", paramLabel = "DURATION")
    Optional<String> attemptTimeout;

    @Option(names = "--config", paramLabel = "FILE",
            description = "JSON settings file; also accepts the Fivetran S3 Glacier example's configuration.json and Conduit's S3 keys.")
    Optional<Path> config = Optional.empty();

    /**
     * Every setting of this command: its flags, then {@code files} (e.g. a {@code pipeline.yaml}), then
     * the {@code --config} file, then the global configuration.
     */
    public SettingValues values(SettingSource... files) {
        return SettingsResolver.values(command, config.map(ConfigFile::read).orElse(ConfigFile.none()), files);
    }

    /** How to reach the bucket and database, from {@link #values}. */
    public ResolvedSettings resolve(boolean bucketRequired) {
        return SettingsResolver.connection(values(), bucketRequired);
    }
}
