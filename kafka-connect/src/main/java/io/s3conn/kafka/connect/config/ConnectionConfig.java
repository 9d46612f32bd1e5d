package io.s3conn.kafka.connect.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import io.s3conn.core.net.Urls;
import io.s3conn.core.s3.BucketNames;
import io.s3conn.core.s3.S3ConnectionSettings;
import io.s3conn.core.s3.StaticCredentials;

/**
 * The connection settings both connectors share, under the names the rest of s3conn uses
 * ({@code bucket}, {@code prefix}, {@code endpoint-url}, {@code region}, {@code path-style}, ...).
 */
public final class ConnectionConfig {

    public static final String BUCKET = "bucket";
    public static final String PREFIX = "prefix";
    public static final String ENDPOINT_URL = "endpoint-url";
    public static final String REGION = "region";
    public static final String PATH_STYLE = "path-style";
    public static final String ACCESS_KEY_ID = "access-key-id";
    public static final String SECRET_ACCESS_KEY = "secret-access-key";
    public static final String SESSION_TOKEN = "session-token";
    public static final String PROFILE = "profile";
    public static final String MAX_ATTEMPTS = "max-attempts";
    public static final String ATTEMPT_TIMEOUT = "attempt-timeout";

    private static final String GROUP = "S3";

    private ConnectionConfig() {
    }

    /** Adds the connection settings to {@code def}. */
    public static ConfigDef define(ConfigDef def) {
        int order = 0;
        return def
                .define(BUCKET, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConnectionConfig::validateBucket,
                        Importance.HIGH, "The bucket.", GROUP, ++order, ConfigDef.Width.MEDIUM, "Bucket")
                .define(PREFIX, Type.STRING, "", Importance.HIGH, "Only keys that start with this (default: the whole bucket).",
                        GROUP, ++order, ConfigDef.Width.MEDIUM, "Prefix")
                .define(ENDPOINT_URL, Type.STRING, "", ConnectionConfig::validateEndpoint, Importance.MEDIUM,
                        "Endpoint of an S3-compatible store (MinIO, Ceph, R2...). Empty: Amazon S3.",
                        GROUP, ++order, ConfigDef.Width.LONG, "Endpoint URL")
                .define(REGION, Type.STRING, "", ConnectionConfig::validateRegion, Importance.MEDIUM,
                        "Signing region: letters, digits, -, _ and . Empty: the AWS default region chain, else us-east-1.", GROUP, ++order,
                        ConfigDef.Width.SHORT, "Region")
                .define(PATH_STYLE, Type.STRING, "", Settings.whenGiven(Settings.oneOfWords("", "true", "false")), Importance.LOW,
                        "Path-style addressing (/bucket/key): true or false. Empty: on with endpoint-url, off on Amazon S3.",
                        GROUP, ++order, ConfigDef.Width.SHORT, "Path style")
                .define(ACCESS_KEY_ID, Type.PASSWORD, "", Importance.MEDIUM,
                        "Access key id. Empty: the AWS default credentials chain (environment, profile, container, IRSA).",
                        GROUP, ++order, ConfigDef.Width.MEDIUM, "Access key id")
                .define(SECRET_ACCESS_KEY, Type.PASSWORD, "", Importance.MEDIUM, "Secret access key, with access-key-id.",
                        GROUP, ++order, ConfigDef.Width.MEDIUM, "Secret access key")
                .define(SESSION_TOKEN, Type.PASSWORD, "", Importance.LOW, "Session token of temporary credentials.",
                        GROUP, ++order, ConfigDef.Width.MEDIUM, "Session token")
                .define(PROFILE, Type.STRING, "", Importance.LOW, "Named profile of the worker's ~/.aws files.",
                        GROUP, ++order, ConfigDef.Width.SHORT, "Profile")
                .define(MAX_ATTEMPTS, Type.INT, S3ConnectionSettings.DEFAULT_MAX_ATTEMPTS, Settings.whenGiven(ConfigDef.Range.atLeast(1)),
                        Importance.LOW, "Attempts per S3 request, retries included.", GROUP, ++order,
                        ConfigDef.Width.SHORT, "Max attempts")
                .define(ATTEMPT_TIMEOUT, Type.STRING, S3ConnectionSettings.DEFAULT_ATTEMPT_TIMEOUT.toSeconds() + "s",
                        Settings.positiveDuration(), Importance.LOW,
                        "How long one attempt of an S3 request may take before it is abandoned and retried, e.g. 60s.",
                        GROUP, ++order, ConfigDef.Width.SHORT, "Attempt timeout");
    }

    /** The settings of a parsed configuration. */
    public static S3ConnectionSettings settings(AbstractConfig config) {
        Optional<String> endpoint = nonEmpty(config.getString(ENDPOINT_URL));
        Optional<String> pathStyle = nonEmpty(config.getString(PATH_STYLE));
        Optional<String> keyId = nonEmpty(config.getPassword(ACCESS_KEY_ID));
        Optional<String> secret = nonEmpty(config.getPassword(SECRET_ACCESS_KEY));
        if (keyId.isPresent() != secret.isPresent()) {
            throw new SettingConflict(keyId.isPresent() ? SECRET_ACCESS_KEY : ACCESS_KEY_ID,
                    "access-key-id and secret-access-key go together: give both or neither");
        }
        Optional<String> sessionToken = nonEmpty(config.getPassword(SESSION_TOKEN));
        if (sessionToken.isPresent() && keyId.isEmpty()) {
            // Alone it was dropped, and the default chain then signed with whatever keys the worker had.
            throw new SettingConflict(SESSION_TOKEN,
                    "a session token needs the access-key-id and secret-access-key it was issued with");
        }
        Optional<StaticCredentials> credentials = keyId.map(id -> new StaticCredentials(id, secret.get(), sessionToken));
        // validateEndpoint accepted it, so it is an http(s) URL: Urls.http writes its scheme in lower case.
        Optional<URI> endpointUrl = endpoint.map(text -> Urls.http(URI.create(text)).orElseThrow());
        return new S3ConnectionSettings(nonEmpty(config.getString(REGION)), endpointUrl,
                pathStyle.map(Boolean::parseBoolean).orElse(endpoint.isPresent()), credentials,
                nonEmpty(config.getString(PROFILE)), config.getInt(MAX_ATTEMPTS),
                Settings.duration(config.getString(ATTEMPT_TIMEOUT)));
    }

    /**
     * {@code validated} with {@code endpoint-url} shown without its user info ({@code http://user:secret@host} as
     * {@code http://host}): Connect hides only password-typed values in a validation answer, and echoes every other
     * value as it was given, so a secret in the URL would go back over the REST API in every answer.
     */
    public static Config withoutEndpointUserInfo(Config validated) {
        validated.configValues().stream()
                .filter(v -> v.name().equals(ENDPOINT_URL) && v.value() instanceof String url && !url.isEmpty())
                .forEach(v -> v.value(Urls.withoutUserInfo((String) v.value())));
        return validated;
    }

    /** The bucket of a parsed configuration. */
    public static String bucket(AbstractConfig config) {
        return config.getString(BUCKET);
    }

    /** The prefix of a parsed configuration. */
    public static String prefix(AbstractConfig config) {
        return config.getString(PREFIX);
    }

    /** Not empty, then a bucket's name by the CLI's rule ({@link BucketNames#problem}): {@code s3://b/p/} is refused as such. */
    private static void validateBucket(String name, Object value) {
        if (value == null) {
            return; // missing: Connect names the required setting itself
        }
        if (((String) value).isEmpty()) {
            throw new ConfigException(name, value, "must not be empty");
        }
        BucketNames.problem((String) value).ifPresent(problem -> {
            throw new ConfigException(name, value, problem);
        });
    }

    private static void validateRegion(String name, Object value) {
        String text = (String) value;
        // Empty is the default (the AWS region chain); anything else is a region, by the CLI's rule.
        if (text != null && !text.isEmpty() && !S3ConnectionSettings.isRegionName(text)) {
            throw new ConfigException(name, text, S3ConnectionSettings.REGION_NAME_RULE);
        }
    }

    private static void validateEndpoint(String name, Object value) {
        String text = (String) value;
        if (text == null || text.isEmpty()) {
            return;
        }
        String requirement = "must be an http:// or https:// URL with a host (and no ?query or #fragment)";
        try {
            if (Urls.http(new URI(text)).isEmpty()) {
                throw new ConfigException(name, Urls.shown(text), requirement);
            }
        } catch (URISyntaxException e) {
            // The parser's reason alone ("Illegal character in scheme name" for 127.0.0.1:9000, written without its
            // scheme) does not say what to write instead.
            throw new ConfigException(name, Urls.shown(text), "is not a URL (" + e.getReason() + "): " + requirement);
        }
    }

    private static Optional<String> nonEmpty(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<String> nonEmpty(Password value) {
        return value == null ? Optional.empty() : nonEmpty(value.value());
    }
}
