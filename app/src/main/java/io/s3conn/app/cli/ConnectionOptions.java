package io.s3conn.app.cli;

import java.util.Optional;

import io.s3conn.app.config.SettingSource;
import io.s3conn.app.config.SettingValues;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The flags of every command that talks to a bucket: its scope and {@code --config} ({@link ScopeOptions}), and how to
 * reach S3 ({@code --database} is {@link DatabaseOption}, on the commands that keep something). Setting flags are text,
 * read through the settings catalogue ({@link io.s3conn.app.config.FlagSettings}), which also gives their
 * help lines; picocli only fills the fields.
 */
public final class ConnectionOptions {

    @Mixin
    ScopeOptions scope;

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

    /** {@link ScopeOptions#values}. */
    public SettingValues values(SettingSource... files) {
        return scope.values(files);
    }
}
