package io.s3conn.app.config;

import java.util.Optional;

import io.s3conn.core.jdbc.Dialect;
import io.s3conn.core.s3.S3ConnectionSettings;
import io.s3conn.core.s3.StaticCredentials;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Turns merged {@link SettingValues} into what a command needs to reach its bucket and database.
 * Precedence, highest first: flags, {@code pipeline.yaml}, the {@code --config} file, a {@code serve}
 * job's keys, SmallRye Config (system properties, environment, {@code application.properties}), defaults.
 */
public final class SettingsResolver {

    private SettingsResolver() {
    }

    /**
     * The settings of a command: its flags, then {@code files} (e.g. a {@code pipeline.yaml}), then its
     * {@code --config} file, then the global configuration.
     */
    public static SettingValues values(CommandSpec command, ConfigFile config, SettingSource... files) {
        SettingSource[] sources = new SettingSource[files.length + 3];
        sources[0] = FlagSettings.of(command);
        System.arraycopy(files, 0, sources, 1, files.length);
        sources[files.length + 1] = config;
        sources[files.length + 2] = PropertySettings.global();
        // The settings whose flags the command takes are checked now, before it does anything; any other a file holds
        // is one the command does not read (a --config file shared by several commands), parsed only if it is read.
        return SettingValues.merge(Settings.ALL.stream().filter(setting -> FlagSettings.reads(command, setting)).toList(),
                sources);
    }

    /**
     * How to reach the bucket and the database.
     *
     * @param bucketRequired whether a missing bucket is an error
     * @throws ConfigurationException for missing or contradictory settings
     */
    public static ResolvedSettings connection(SettingValues values, boolean bucketRequired) {
        String bucket = bucketRequired ? values.require(Settings.BUCKET) : values.find(Settings.BUCKET).orElse("");
        Optional<String> accessKeyId = values.find(Settings.ACCESS_KEY_ID);
        Optional<String> secretAccessKey = values.find(Settings.SECRET_ACCESS_KEY);
        if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
            // Naming the one given and where: before, only "explicit credentials need both ...", which left the user to
            // find which of their files, jobs or variables gave one.
            throw accessKeyId.isPresent()
                    ? values.invalid(Settings.ACCESS_KEY_ID, "explicit credentials need secret-access-key too")
                    : values.invalid(Settings.SECRET_ACCESS_KEY, "explicit credentials need access-key-id too");
        }
        Optional<String> sessionToken = values.find(Settings.SESSION_TOKEN);
        if (sessionToken.isPresent() && accessKeyId.isEmpty()) {
            // A token belongs to the keys it was issued with; alone it was dropped, and the default chain then signed
            // with whatever keys it found, so requests failed (or worked) as someone other than the user meant.
            throw values.invalid(Settings.SESSION_TOKEN,
                    "a session token needs the access-key-id and secret-access-key it was issued with");
        }
        Optional<StaticCredentials> credentials = accessKeyId.map(id -> new StaticCredentials(id, secretAccessKey.get(),
                sessionToken));
        String database = values.require(Settings.DATABASE);
        try {
            Dialect.of(database);
        } catch (IllegalArgumentException e) {
            // Where it was written, as any other value's error: the message shows the URL without its password.
            throw values.refused(Settings.DATABASE, e);
        }
        S3ConnectionSettings connection = new S3ConnectionSettings(values.find(Settings.REGION),
                values.find(Settings.ENDPOINT_URL),
                values.find(Settings.PATH_STYLE).orElse(values.find(Settings.ENDPOINT_URL).isPresent()),
                credentials, values.find(Settings.PROFILE), values.require(Settings.MAX_ATTEMPTS),
                values.require(Settings.ATTEMPT_TIMEOUT));
        return new ResolvedSettings(connection, bucket, values.require(Settings.PREFIX), database);
    }
}
