package io.s3conn.app.config;

import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSourceProvider;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.config.common.MapBackedConfigSource;

/**
 * YAML configuration files for SmallRye Config: {@code config/application.yaml} in the working
 * directory and the files named by {@code S3CONN_CONFIG_YAML} (comma-separated). Nested keys become
 * dotted properties ({@code s3conn: {jobs: {a: {type: inventory}}}} is {@code s3conn.jobs.a.type}).
 * Written here because the Quarkus YAML extension is not published for this Quarkus version; ranked
 * between the environment (300) and {@code application.properties} (250).
 */
public class YamlConfigSourceProvider implements ConfigSourceProvider {

    private static final int ORDINAL = 260;
    private static final String S3CONN = "s3conn";
    /** What its sources' names start with, before the file's URL: {@link PropertySettings} names the file by it. */
    static final String SOURCE_PREFIX = "yaml:";

    @Override
    public Iterable<ConfigSource> getConfigSources(ClassLoader classLoader) {
        List<Path> files = new ArrayList<>();
        files.add(Path.of("config", "application.yaml"));
        Optional.ofNullable(System.getenv("S3CONN_CONFIG_YAML")).or(() -> Optional.ofNullable(System.getProperty("s3conn.config-yaml")))
                .ifPresent(list -> {
                    for (String name : list.split(",")) {
                        if (!name.isBlank()) {
                            files.add(Path.of(name.strip()));
                        }
                    }
                });
        List<ConfigSource> sources = new ArrayList<>();
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                sources.add(new MapBackedConfigSource(sourceName(file), read(file), ORDINAL) {
                });
            }
        }
        return sources;
    }

    /**
     * The source's name holds the file's URL, as SmallRye names its own file sources: Quarkus warns at start-up
     * of every file in {@code config/} that no source's name holds ("Unrecognized configuration file"), which
     * would otherwise flag the very {@code config/application.yaml} read here.
     */
    private static String sourceName(Path file) {
        try {
            return SOURCE_PREFIX + file.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("a file path is always a URL: " + file, e);
        }
    }

    private static Map<String, String> read(Path file) {
        // Read as a pipeline file is: scalars as written, a key written twice, an anchor or an alias refused, each
        // in one line without the cause (its message, printed with the start-up failure, quotes the file).
        JsonNode root = YamlSettingsTree.read(ConfigurationText.read(file, "configuration file"), "configuration file " + file);
        Map<String, String> properties = new TreeMap<>();
        flatten("", root, properties, file);
        return properties;
    }

    /**
     * A key with dots at the top is the property it spells: no property starts with a name holding dots, so
     * {@code s3conn.database: x} and {@code quarkus.http.port: 8081} are those properties, as in
     * {@code application.properties}. Before, they were quoted: read as no property at all, a database or port written
     * so was ignored (serve bound 8080). Under {@code s3conn} too, where s3conn knows every name: {@code jobs.nightly.bucket: b}
     * under {@code s3conn:} is {@code s3conn.jobs.nightly.bucket}, as a YAML user means it (before, quoted, an unknown
     * property), but for a job's name ({@code jobs: {a.b: {type: inventory}}}), which is one. Elsewhere below the top a
     * key with dots is one name (a log category {@code io.s3conn}), quoted as SmallRye quotes such a segment.
     */
    private static void flatten(String prefix, JsonNode node, Map<String, String> into, Path file) {
        if (node == null || node.isMissingNode() || node.isNull() && prefix.isEmpty()) {
            return;
        }
        if (node.isNull()) {
            // Kept, empty (which reads as absent), so that its name is checked as any other's: a setting and its value
            // run together ({aws: {secret-access-key:SECRET}}) is one key without a value, and was dropped without a word.
            put(prefix, "", into, file);
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = field.getKey().contains(".") && isOneName(prefix, field.getValue())
                        ? "\"" + field.getKey() + "\"" : field.getKey();
                flatten(prefix.isEmpty() ? key : prefix + "." + key, field.getValue(), into, file);
            }
        } else if (node.isArray()) {
            List<String> values = new ArrayList<>();
            node.forEach(element -> values.add(element.asText().replace(",", "\\,")));
            put(prefix, String.join(",", values), into, file);
        } else {
            put(prefix, node.asText(), into, file);
        }
    }

    /** Whether a key with dots under {@code prefix} holding {@code value} is one name rather than the path it spells. */
    private static boolean isOneName(String prefix, JsonNode value) {
        if (prefix.isEmpty()) {
            return false;
        }
        if (prefix.equals(S3CONN) || prefix.startsWith(S3CONN + ".")) {
            return prefix.equals(S3CONN + ".jobs") && value.isObject();
        }
        return true;
    }

    /** One property written both dotted and nested ({@code s3conn.database} and {@code s3conn: {database}}) is refused. */
    private static void put(String property, String value, Map<String, String> into, Path file) {
        if (into.putIfAbsent(property, value) != null) {
            throw new ConfigurationException("configuration file " + file + " sets " + property
                    + " twice (once with dots in a key, once nested): keep one of them");
        }
    }
}
