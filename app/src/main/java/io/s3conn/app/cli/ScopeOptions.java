package io.s3conn.app.cli;

import java.nio.file.Path;
import java.util.Optional;

import io.s3conn.app.config.ConfigFile;
import io.s3conn.app.config.SettingSource;
import io.s3conn.app.config.SettingValues;
import io.s3conn.app.config.SettingsResolver;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The scope a command works on ({@code --bucket}, {@code --prefix}) and {@code --config}: alone on the commands that
 * only read the database ({@code inventory show}, {@code inventory state}), which send nothing to S3 and so take none of
 * {@link ConnectionOptions}' flags; within those on every command that talks to a bucket. Setting flags are text, read
 * through the settings catalogue ({@link io.s3conn.app.config.FlagSettings}), which also gives their help lines.
 */
public final class ScopeOptions {

    /** The command, or the mixin this one is part of ({@link ConnectionOptions}): {@link #command()} is the command. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--bucket", paramLabel = "BUCKET")
    Optional<String> bucket;

    @Option(names = "--prefix", paramLabel = "PREFIX")
    Optional<String> prefix;

    @Option(names = "--config", paramLabel = "FILE",
            description = "JSON settings file; also accepts the Fivetran S3 Glacier example's configuration.json and Conduit's S3 keys.")
    Optional<Path> config = Optional.empty();

    /**
     * Every setting of this command: its flags, then {@code files} (e.g. a {@code pipeline.yaml}), then
     * the {@code --config} file, then the global configuration.
     */
    public SettingValues values(SettingSource... files) {
        return SettingsResolver.values(command(), config.map(ConfigFile::read).orElse(ConfigFile.none()), files);
    }

    /** The command's spec: picocli gives a mixin within a mixin that mixin's, which holds only some of the options. */
    private CommandSpec command() {
        return mixee.commandLine().getCommandSpec();
    }
}
