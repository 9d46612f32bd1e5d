package io.s3conn.app.config;

import java.io.IOException;
import java.io.StringReader;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;

/**
 * A YAML file of settings ({@code pipeline.yaml}, {@code config/application.yaml}) as a tree whose scalars are their text
 * as written. Jackson's own tree read {@code 0123} as the number 83, {@code yes} as {@code true} and {@code 1_000} as
 * 1000, so a secret, a prefix or a state name made of such characters was silently another one; and it read an alias
 * ({@code *name}) as the text {@code name} and an anchored empty value ({@code &name}) as nothing, so a secret that
 * starts with {@code *} or {@code &} was silently another one or none. Anchors and aliases are therefore refused (a
 * file of settings has no use for them: the top of a pipeline file applies to both sections, global properties to
 * every job), as are a key written twice and a second document, each in one line that quotes nothing of the file.
 */
public final class YamlSettingsTree {

    /**
     * A key written twice is a mistake to report, not a choice of the last value. An empty value ({@code destination:}
     * with nothing after it, a file of only {@code ---}) is nothing, as {@code new YAMLFactory()} reads it: the builder
     * leaves that feature off, so a pipeline file's empty section was "must be a mapping of settings".
     */
    private static final YAMLFactory YAML = YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private YamlSettingsTree() {
    }

    /**
     * Reads a file's text.
     *
     * @param text  the file's text
     * @param where the file as messages name it: {@code pipeline file p.yaml}
     * @return the first document's tree; {@link MissingNode} for a file without one
     * @throws ConfigurationException for malformed YAML, a key written twice, an anchor or alias, or a second document
     */
    public static JsonNode read(String text, String where) {
        refuseAnchorsAndAliases(text, where);
        try (JsonParser parser = YAML.createParser(text)) {
            if (parser.nextToken() == null) {
                return MissingNode.getInstance();
            }
            JsonNode root = value((YAMLParser) parser);
            if (parser.nextToken() != null) {
                // As a --config file with a second JSON value is refused: its settings would be ignored without a word.
                throw new ConfigurationException(where + " holds more than one YAML document" + at(parser.currentTokenLocation())
                        + ": keep one (the settings after --- would be ignored)");
            }
            return root;
        } catch (JsonProcessingException e) {
            String problem = YamlErrors.describe(e);
            throw new ConfigurationException(problem.startsWith(YamlErrors.KEY_TWICE)
                    ? where + " holds " + problem + ": keep one of them"
                    : where + " is not valid YAML: " + problem);
        } catch (IOException e) {
            throw new IllegalStateException("reading text in memory cannot fail: " + e.getClass().getSimpleName(), e);
        }
    }

    private static JsonNode value(YAMLParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode node = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    parser.nextToken();
                    node.set(key, value(parser));
                }
                return node;
            }
            case START_ARRAY -> {
                ArrayNode node = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    node.add(value(parser));
                }
                return node;
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> {
                // Every other scalar (text, numbers, booleans, tagged ones) as written, never as Jackson would convert it.
                return NODES.textNode(parser.getText());
            }
        }
    }

    /**
     * Refuses the first anchor or alias, naming its place only: its name is the file's text, and for a secret written
     * unquoted with a leading {@code &} or {@code *} it is the secret itself. Found from SnakeYAML's events, for Jackson's
     * parser does not tell the anchor of a scalar value.
     */
    private static void refuseAnchorsAndAliases(String text, String where) {
        try {
            for (Event event : new Yaml().parse(new StringReader(text))) {
                // An alias is a node event whose anchor is the one it refers to.
                if (event instanceof NodeEvent node && node.getAnchor() != null) {
                    Mark mark = event.getStartMark();
                    throw new ConfigurationException(where + ": YAML anchors and aliases (&name, *name) are not read here"
                            + " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1)
                            + "): write the value itself, in quotes if it starts with & or *");
                }
            }
        } catch (MarkedYAMLException e) {
            throw new ConfigurationException(where + " is not valid YAML: " + YamlErrors.describe(e));
        } catch (YAMLException e) {
            // Without a place: a file past SnakeYAML's limits ("The incoming YAML document exceeds the limit").
            throw new ConfigurationException(where + " is not valid YAML: " + YamlErrors.ownWords(String.valueOf(e.getMessage())));
        }
    }

    private static String at(JsonLocation location) {
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
