package io.s3conn.app.config;

import java.nio.file.Path;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.s3conn.core.json.DuplicateJsonKeyException;
import io.s3conn.core.json.ExtraJsonValueException;
import io.s3conn.core.json.Json;
import io.s3conn.core.json.JsonErrors;
import io.s3conn.core.text.TerminalText;

/**
 * A JSON configuration file given with {@code --config}: an object whose keys are settings
 * ({@link Setting#keys()}), read as a {@code pipeline.yaml}'s ({@link KeyedSettings#configKeys}): nested objects or
 * dots, {@code source.} and {@code destination.} sections. Besides s3conn's own names it accepts the files of the connectors users move
 * from: the Fivetran S3 Glacier example's {@code configuration.json} ({@code aws_access_key_id},
 * {@code aws_secret_access_key}, {@code aws_region}, {@code bucket}, {@code prefix}) and Conduit's S3
 * connector settings ({@code aws.accessKeyId}, {@code aws.secretAccessKey}, {@code aws.region},
 * {@code aws.bucket}, {@code prefix}, {@code pollingPeriod}, {@code format}, {@code bufferSize}).
 */
public final class ConfigFile implements SettingSource {

    private final KeyedSettings settings;

    private ConfigFile(KeyedSettings settings) {
        this.settings = settings;
    }

    /** A file that holds nothing, for runs without {@code --config}. */
    public static ConfigFile none() {
        return new ConfigFile(KeyedSettings.none());
    }

    /**
     * Reads a file. Unknown keys are reported on stderr and ignored, so that a Fivetran or Conduit
     * file with settings s3conn has no use for still works.
     *
     * @throws ConfigurationException when the file is missing, unreadable or not one JSON object of scalars
     *                                (text after the object is an error, not ignored), a key written twice, or two
     *                                keys of one setting with different values;
     *                                the message never quotes the file's content
     */
    public static ConfigFile read(Path path) {
        String text = ConfigurationText.read(path, "configuration file");
        Optional<JsonNode> read;
        try {
            read = Json.readOneWithUniqueKeys(text);
        } catch (ExtraJsonValueException e) {
            throw new ConfigurationException("configuration file " + path + " holds more than one JSON value"
                    + JsonErrors.at(e.getLocation()));
        } catch (DuplicateJsonKeyException e) {
            // As two keys of one setting with different values are: the second would replace the first without a word.
            throw new ConfigurationException("configuration file " + path + " holds the key \"" + KeyedSettings.shownKey(e.key()) + "\" twice"
                    + JsonErrors.at(e.getLocation()) + ": keep one of them");
        } catch (JsonProcessingException e) {
            // What the parser expected and where, in plain words: its own message could quote a secret from the file.
            throw new ConfigurationException("configuration file " + path + " is not valid JSON: " + JsonErrors.describe(e));
        }
        JsonNode root = read.filter(JsonNode::isObject).orElseThrow(
                () -> new ConfigurationException("configuration file " + path + " must hold a JSON object"));
        // Read as a pipeline.yaml is (nested or with dots, destination.format the destination's format), so that its
        // sections can be moved into a --config file and back as they are.
        KeyedSettings settings = KeyedSettings.configKeys("configuration file " + path,
                KeyedSettings.treeKeys("configuration file " + path, root));
        if (!settings.unknownKeys().isEmpty()) {
            // Escaped: a key of the file is the file's text, which may hold a newline or ESC.
            System.err.println(TerminalText.escaped("s3conn: ignoring unknown keys in " + path + ": "
                    + settings.describedUnknownKeys()));
        }
        return new ConfigFile(settings);
    }

    @Override
    public Optional<String> text(Setting<?> setting) {
        return settings.text(setting);
    }

    @Override
    public String origin(Setting<?> setting) {
        return settings.origin(setting);
    }
}
