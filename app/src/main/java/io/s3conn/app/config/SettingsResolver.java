package io.s3conn.app.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;

import io.s3conn.app.config.ConfigFile.Setting;
import io.s3conn.core.jdbc.Dialect;
import io.s3conn.core.s3.S3ConnectionSettings;
import io.s3conn.core.s3.StaticCredentials;

/** Merges, in order of precedence, command-line flags, the {@code --config} file, SmallRye Config (env, properties) and defaults. */
public final class SettingsResolver {

    private final S3connConfig config;

    public SettingsResolver(S3connConfig config) {
        this.config = config;
    }

    /**
     * Resolves the settings.
     *
     * @param bucketRequired whether a missing bucket is an error
     * @throws ConfigurationException for missing or invalid settings
     */
    public ResolvedSettings resolve(ConnectionOptions options, boolean bucketRequired) {
        return resolve(options, configFile(options), bucketRequired);
    }

    /** The {@code --config} file of these options (an empty one without the flag). */
    public static ConfigFile configFile(ConnectionOptions options) {
        return options.config.map(ConfigFile::read).orElse(ConfigFile.none());
    }

    /** Resolves with a config file the caller already read (to use its other keys too). */
    public ResolvedSettings resolve(ConnectionOptions options, ConfigFile file, boolean bucketRequired) {

        String bucket = first(options.bucket, file.get(Setting.BUCKET)).orElse("");
        if (bucketRequired && bucket.isBlank()) {
            throw new ConfigurationException("no bucket given: use --bucket BUCKET (or \"bucket\" in the --config file)");
        }
        String prefix = first(options.prefix, file.get(Setting.PREFIX)).orElse("");

        Optional<URI> endpoint = first(options.endpointUrl, file.get(Setting.ENDPOINT_URL), config.aws().endpointUrl(),
                env("AWS_ENDPOINT_URL_S3"), env("AWS_ENDPOINT_URL")).map(SettingsResolver::endpoint);
        Optional<String> region = first(options.region, file.get(Setting.REGION), config.aws().region());
        boolean pathStyle = first(options.pathStyle, file.get(Setting.PATH_STYLE).map(Boolean::parseBoolean),
                config.aws().pathStyle()).orElse(endpoint.isPresent());
        int maxAttempts = options.maxAttempts.orElse(config.aws().maxAttempts());
        if (maxAttempts < 1) {
            throw new ConfigurationException("--max-attempts must be at least 1, was " + maxAttempts);
        }

        Optional<String> accessKeyId = first(file.get(Setting.ACCESS_KEY_ID), config.aws().accessKeyId());
        Optional<String> secretAccessKey = first(file.get(Setting.SECRET_ACCESS_KEY), config.aws().secretAccessKey());
        if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
            throw new ConfigurationException("explicit credentials need both an access key id and a secret access key");
        }
        Optional<StaticCredentials> credentials = accessKeyId.map(id -> new StaticCredentials(id, secretAccessKey.get(),
                first(file.get(Setting.SESSION_TOKEN), config.aws().sessionToken())));
        Optional<String> profile = first(options.profile, file.get(Setting.PROFILE), config.aws().profile());

        String database = first(options.database, file.get(Setting.DATABASE)).orElse(config.database());
        try {
            Dialect.of(database);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
        S3ConnectionSettings connection = new S3ConnectionSettings(region, endpoint, pathStyle, credentials, profile,
                maxAttempts, Duration.ofSeconds(60));
        return new ResolvedSettings(connection, bucket, prefix, database);
    }

    private static URI endpoint(String value) {
        try {
            URI uri = new URI(value.strip());
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new ConfigurationException("endpoint URL must look like http(s)://host[:port], was: " + value);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigurationException("endpoint URL is malformed: " + value);
        }
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }

    @SafeVarargs
    private static <T> Optional<T> first(Optional<T>... candidates) {
        for (Optional<T> candidate : candidates) {
            if (candidate.isPresent()) {
                return candidate;
            }
        }
        return Optional.empty();
    }

}
