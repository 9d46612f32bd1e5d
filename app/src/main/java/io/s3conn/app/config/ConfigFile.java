package io.s3conn.app.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.s3conn.core.json.Json;

/**
 * A JSON configuration file given with {@code --config}. Besides s3conn's own keys it accepts the
 * files of the connectors users move from: the Fivetran S3 Glacier example's {@code configuration.json}
 * ({@code aws_access_key_id}, {@code aws_secret_access_key}, {@code aws_region}, {@code bucket},
 * {@code prefix}) and Conduit's S3 connector settings ({@code aws.accessKeyId}, {@code aws.secretAccessKey},
 * {@code aws.region}, {@code aws.bucket}, {@code prefix}).
 */
public final class ConfigFile {

    /** s3conn's names for the settings a file can hold. */
    public enum Setting {
        BUCKET("bucket", "aws.bucket"),
        PREFIX("prefix"),
        REGION("region", "aws_region", "aws.region"),
        ENDPOINT_URL("endpoint_url", "endpoint-url", "aws.endpoint", "aws.endpointUrl"),
        PATH_STYLE("path_style", "path-style"),
        ACCESS_KEY_ID("access_key_id", "aws_access_key_id", "aws.accessKeyId"),
        SECRET_ACCESS_KEY("secret_access_key", "aws_secret_access_key", "aws.secretAccessKey"),
        SESSION_TOKEN("session_token", "aws_session_token", "aws.sessionToken"),
        PROFILE("profile", "aws_profile"),
        DATABASE("database"),
        POLLING_PERIOD("polling_period", "pollingPeriod"),
        FORMAT("format"),
        BUFFER_SIZE("buffer_size", "bufferSize");

        private final List<String> names;

        Setting(String... names) {
            this.names = List.of(names);
        }
    }

    private final Path path;
    private final Map<Setting, String> values;

    private ConfigFile(Path path, Map<Setting, String> values) {
        this.path = path;
        this.values = values;
    }

    /** A file that holds nothing, for runs without {@code --config}. */
    public static ConfigFile none() {
        return new ConfigFile(null, Map.of());
    }

    /**
     * Reads a file. Unknown keys are reported on stderr and ignored, so that a Fivetran or Conduit
     * file with settings s3conn has no use for still works.
     *
     * @throws ConfigurationException when the file is missing, unreadable or not a JSON object of scalars;
     *                                the message never quotes the file's content
     */
    public static ConfigFile read(Path path) {
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("configuration file " + path + " does not exist");
        } catch (IOException e) {
            throw new ConfigurationException("cannot read configuration file " + path + ": " + e.getMessage(), e);
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            // Location only: the parser's message could quote a secret from the file.
            throw new ConfigurationException("configuration file " + path + " is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new ConfigurationException("configuration file " + path + " must hold a JSON object");
        }
        Map<Setting, String> values = new LinkedHashMap<>();
        TreeSet<String> unknown = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            Optional<Setting> setting = settingNamed(field.getKey());
            if (setting.isEmpty()) {
                unknown.add(field.getKey());
                continue;
            }
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (!value.isValueNode()) {
                throw new ConfigurationException("configuration file " + path + ": \"" + field.getKey()
                        + "\" must be a string, number or boolean");
            }
            values.put(setting.get(), value.asText());
        }
        if (!unknown.isEmpty()) {
            System.err.println("s3conn: ignoring unknown keys in " + path + ": " + String.join(", ", unknown));
        }
        return new ConfigFile(path, values);
    }

    private static Optional<Setting> settingNamed(String key) {
        for (Setting setting : Setting.values()) {
            if (setting.names.contains(key)) {
                return Optional.of(setting);
            }
        }
        return Optional.empty();
    }

    /** The value of a setting, if the file has one (empty strings count as absent, as in Fivetran's files). */
    public Optional<String> get(Setting setting) {
        return Optional.ofNullable(values.get(setting)).filter(v -> !v.isEmpty());
    }

    /** Where the file was read from, for messages. */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }
}
