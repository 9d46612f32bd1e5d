package io.s3conn.app.config;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Settings written as keys and values: a {@code --config} JSON object, a section of a
 * {@code pipeline.yaml}, a {@code serve} job's properties. A key is a setting's name, its snake_case or
 * camelCase spelling, or one of its aliases (the Fivetran and Conduit names); empty values count as
 * absent, as in Fivetran's files. Two keys of one setting with different values are an error naming both:
 * which one was meant cannot be told, and the other would be dropped without a word.
 */
public final class KeyedSettings implements SettingSource {

    private static final String SOURCE = "source";
    private static final String DESTINATION = "destination";

    /** Where a key holds a value run into it. */
    private static final Pattern SEPARATOR = Pattern.compile("[:=\\s]");

    /**
     * A value as written: its key, its text, the place it was written in (a file, a section of one), and how messages
     * name it ({@code "bufferSize" in pipeline file p.yaml}, or a serve job's variable).
     */
    private record Entry(String key, String text, String where, String origin) {
    }

    /**
     * How messages name the keys of a serve job set by an environment variable or in a file, rather than by key and
     * place: as the user wrote them.
     *
     * @param writtenAs a key as written ({@code S3CONN_JOBS_COPY_PAGE_SIZE in /srv/.env}), empty when written otherwise
     * @param spelling  another key as it would be written where the first one was: for {@code pagesize} set by
     *                  {@code S3CONN_JOBS_COPY_PAGESIZE}, {@code page-size} is {@code S3CONN_JOBS_COPY_PAGE_SIZE}
     */
    public record KeyNaming(Function<String, Optional<String>> writtenAs, BinaryOperator<String> spelling) {

        /** Every key by itself and the place it was written in. */
        static final KeyNaming BY_KEY = new KeyNaming(key -> Optional.empty(), (key, other) -> other);

        /** The keys of a section, named as the same keys after {@code section.} are. */
        KeyNaming within(String section) {
            return new KeyNaming(key -> writtenAs.apply(section + "." + key),
                    (key, other) -> spelling.apply(section + "." + key, section + "." + other));
        }
    }

    private final String where;
    private final Map<Setting<?>, Entry> entries;
    /**
     * An unknown key as messages describe it, and whether that names where it was written ({@code S3CONN_JOBS_J_PAGESIZE
     * in /srv/.env}), so that the place the key is read as ({@code s3conn.jobs.j}) need not be said before it.
     */
    private record Unknown(String described, boolean placed) {
    }

    /** Each unknown key, sorted. */
    private final Map<String, Unknown> unknownKeys;

    private KeyedSettings(String where, Map<Setting<?>, Entry> entries, Map<String, Unknown> unknownKeys) {
        this.where = where;
        this.entries = Map.copyOf(entries);
        this.unknownKeys = new TreeMap<>(unknownKeys);
    }

    /**
     * Reads keys and values.
     *
     * @param where    names the place for messages, e.g. {@code configuration file c.json}
     * @param settings the keys and their text, in the order written
     * @throws ConfigurationException when two keys name one setting ({@code aws.region} and {@code region}) with
     *                                different values
     */
    public static KeyedSettings of(String where, Map<String, String> settings) {
        return of(where, settings, Map.of());
    }

    /**
     * Reads keys and values, some of which name another setting here than elsewhere.
     *
     * @param where    names the place for messages, e.g. {@code the destination of pipeline file p.yaml}
     * @param settings the keys and their text, in the order written
     * @param readAs   settings whose keys here set another one: in a pipeline file's destination, every key of
     *                 {@code bucket} ({@code aws.bucket} too) sets {@code destination-bucket}
     * @throws ConfigurationException when two keys name one setting with different values
     */
    public static KeyedSettings of(String where, Map<String, String> settings, Map<Setting<?>, Setting<?>> readAs) {
        return of(where, settings, readAs, KeyNaming.BY_KEY, "");
    }

    /**
     * @param section written before an unknown key where it is listed beside others of other sections, as a
     *                {@code --config} file's are ({@code destination.}), else empty
     */
    private static KeyedSettings of(String where, Map<String, String> settings, Map<Setting<?>, Setting<?>> readAs,
                                    KeyNaming naming, String section) {
        Map<Setting<?>, Entry> entries = new LinkedHashMap<>();
        Map<String, Unknown> unknown = new TreeMap<>();
        settings.forEach((key, text) -> {
            Optional<Setting<?>> setting = Settings.byKey(key).map(known -> readAs.getOrDefault(known, known));
            if (setting.isEmpty()) {
                unknown.put(section + key, described(section, key, naming));
            } else if (text != null && !text.isEmpty()) {
                add(entries, setting.get(), new Entry(key, text, where,
                        naming.writtenAs().apply(key).orElseGet(() -> "\"" + key + "\" in " + where)));
            }
        });
        return new KeyedSettings(where, entries, unknown);
    }

    /**
     * An unknown key as messages show it, with the setting it probably meant. A serve job's key set by a variable is
     * shown as that variable, the suggestion too: before, {@code pagesize (did you mean page-size?)}, the key as
     * SmallRye reads {@code S3CONN_JOBS_COPY_PAGESIZE}, which the user never wrote. A key with a value run into it is
     * shown as such whoever wrote it: its name as written would hold the value.
     */
    private static Unknown described(String section, String key, KeyNaming naming) {
        String part = keyPart(key);
        Optional<String> suggestion = Settings.suggestion(part);
        Optional<String> written = part.equals(key) ? naming.writtenAs().apply(key) : Optional.empty();
        if (written.isPresent()) {
            return new Unknown(written.get() + suggestion.map(s -> " (did you mean " + naming.spelling().apply(key, s) + "?)")
                    .orElse(""), true);
        }
        return new Unknown(shownKey(section + key) + suggestion.map(s -> !part.equals(key) && Settings.byKey(part).isPresent()
                ? " (a setting and its value run together?)" : " (did you mean " + section + s + "?)").orElse(""), false);
    }

    /**
     * The sections of one file as one source ({@code source:}, {@code destination:} and the top of a
     * {@code pipeline.yaml}): a setting is read from the first section that holds it.
     *
     * @param where names the file, for messages about no setting in particular
     * @throws ConfigurationException when two sections give one setting different values: which one was meant
     *                                cannot be told, and the other would be dropped without a word
     */
    public static KeyedSettings sections(String where, List<KeyedSettings> sections) {
        Map<Setting<?>, Entry> entries = new LinkedHashMap<>();
        Map<String, Unknown> unknown = new TreeMap<>();
        for (KeyedSettings section : sections) {
            section.entries.forEach((setting, entry) -> add(entries, setting, entry));
            unknown.putAll(section.unknownKeys);
        }
        return new KeyedSettings(where, entries, unknown);
    }

    /**
     * Adds a value of {@code setting} unless one was written before. Two keys naming one setting in one source were
     * once resolved silently, the first one winning: a Conduit file's {@code aws.region} beside an added
     * {@code region} then ran against the region the user did not mean. The same value twice is harmless, so
     * only values that differ (as text and once parsed: {@code 1s} and {@code 1000ms} agree) are refused.
     */
    private static void add(Map<Setting<?>, Entry> entries, Setting<?> setting, Entry entry) {
        Entry first = entries.putIfAbsent(setting, entry);
        if (first != null && !agree(setting, first.text(), entry.text())) {
            // Keys only, never values: either may be a secret.
            throw new ConfigurationException((first.where().equals(entry.where())
                    ? "\"" + first.key() + "\" and \"" + entry.key() + "\" in " + entry.where()
                    : "\"" + first.key() + "\" in " + first.where() + " and \"" + entry.key() + "\" in " + entry.where())
                    + " both set " + setting.name() + ", to different values: keep one of them");
        }
    }

    private static boolean agree(Setting<?> setting, String first, String second) {
        if (first.equals(second)) {
            return true;
        }
        try {
            return setting.parse(first).equals(setting.parse(second));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * A pipeline's keys as a {@code serve} job and a {@code pipeline.yaml} hold them, flat, nested mappings joined by
     * dots: {@code source.<key>} and {@code destination.<key>} are keys of those sections (whose {@code bucket} and
     * {@code prefix}, under any of their keys, are the destination's), any other key is beside them, each strict. One
     * reading for both, so that a file's settings can be moved into a job and back as they are, written nested
     * ({@code source: {bucket: a}}) or with dots ({@code source.bucket: a}). An environment variable
     * ({@code S3CONN_JOBS_COPY_DESTINATION_BUCKET}) reaches a job as {@code destination.bucket}, which the destination
     * section reads as the flat key.
     *
     * @param where names the file or job ({@code pipeline file p.yaml}, {@code s3conn.jobs.copy})
     * @param keys  the keys and their text in the order written; a section's name without a value is an empty section
     * @throws ConfigurationException for an unknown key in any section, a section given a value instead of settings,
     *                                or two sections giving one setting different values
     */
    public static KeyedSettings pipelineKeys(String where, Map<String, String> keys) {
        return pipelineKeys(where, keys, KeyNaming.BY_KEY);
    }

    /**
     * A pipeline's keys, as {@link #pipelineKeys(String, Map)} reads them, some of which are named in messages by where
     * they were written rather than by key and place.
     *
     * @param naming how a key of {@code keys} is named when more is known of it than {@code where} says: a serve
     *               job's key set by an environment variable ({@code S3CONN_JOBS_COPY_PAGE_SIZE}) or in a file
     */
    public static KeyedSettings pipelineKeys(String where, Map<String, String> keys, KeyNaming naming) {
        List<KeyedSettings> sections = pipelineSections(where, keys, naming, false);
        return sections(where, sections.stream().map(KeyedSettings::strict).toList());
    }

    /**
     * A {@code --config} file's keys, read as {@link #pipelineKeys(String, Map)} reads a {@code pipeline.yaml}'s (so
     * that {@code destination.format} or {@code {"destination": {"format": "json"}}} set the format) but for unknown
     * keys, which are kept for {@link #describedUnknownKeys()}, with their section ({@code destination.formt}): another
     * tool's file may hold settings s3conn has no use for. Before, the sections' keys were unknown there alone.
     *
     * @throws ConfigurationException for a section given a value instead of settings, or two keys giving one setting
     *                                different values
     */
    public static KeyedSettings configKeys(String where, Map<String, String> keys) {
        return sections(where, pipelineSections(where, keys, KeyNaming.BY_KEY, true));
    }

    private static List<KeyedSettings> pipelineSections(String where, Map<String, String> keys, KeyNaming naming,
                                                        boolean listedTogether) {
        Map<String, String> source = new LinkedHashMap<>();
        Map<String, String> destination = new LinkedHashMap<>();
        Map<String, String> top = new LinkedHashMap<>();
        keys.forEach((key, text) -> {
            if (key.equals(SOURCE) || key.equals(DESTINATION)) {
                if (text != null && !text.isEmpty()) {
                    // Never the value: a section's name and a setting's value run together may hold a secret.
                    throw new ConfigurationException(where + ": " + key + " must be a mapping of settings");
                }
            } else if (key.startsWith(SOURCE + ".")) {
                source.put(key.substring(SOURCE.length() + 1), text);
            } else if (key.startsWith(DESTINATION + ".")) {
                destination.put(key.substring(DESTINATION.length() + 1), text);
            } else {
                top.put(key, text);
            }
        });
        return List.of(
                of("the source of " + where, source, Map.of(), naming.within(SOURCE), listedTogether ? SOURCE + "." : ""),
                of("the destination of " + where, destination,
                        Map.of(Settings.BUCKET, Settings.DESTINATION_BUCKET, Settings.PREFIX, Settings.DESTINATION_PREFIX),
                        naming.within(DESTINATION), listedTogether ? DESTINATION + "." : ""),
                of(where, top, Map.of(), naming, ""));
    }

    /**
     * Keys of a tree of settings (a {@code pipeline.yaml}, a {@code --config} file) as a serve job's in
     * {@code config/application.yaml} are: nested mappings joined by dots, so that {@code source: {bucket: a}} and
     * {@code source.bucket: a}, or {@code aws: {region: r}} and {@code aws.region: r}, are one key. A null value is
     * absent.
     *
     * @param where names the file for messages
     * @throws ConfigurationException for a key written both ways, or a value that is a list
     */
    public static Map<String, String> treeKeys(String where, JsonNode root) {
        Map<String, String> keys = new LinkedHashMap<>();
        flatten(where, "", root, keys);
        return keys;
    }

    private static void flatten(String where, String prefix, JsonNode node, Map<String, String> into) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            if (field.getValue().isObject()) {
                flatten(where, key, field.getValue(), into);
            } else if (into.containsKey(key)) {
                throw new ConfigurationException(where + " sets " + shownKey(key)
                        + " twice (once with dots in a key, once nested): keep one of them");
            } else {
                into.put(key, scalar(where, key, field.getValue()));
            }
        }
    }

    private static String scalar(String where, String key, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            // The key cut as an unknown one is: a setting and its value run together may hold a secret.
            throw new ConfigurationException("\"" + shownKey(key) + "\" in " + where + " must be a single value, not a list");
        }
        return value.asText();
    }

    /** Nothing. */
    public static KeyedSettings none() {
        return new KeyedSettings("nowhere", Map.of(), Map.of());
    }

    /** Keys that name no setting, sorted. */
    public List<String> unknownKeys() {
        return List.copyOf(unknownKeys.keySet());
    }

    /**
     * The unknown keys as messages name them, each with the setting it probably meant:
     * {@code bufferSiz (did you mean buffer-size?), colour}.
     */
    public String describedUnknownKeys() {
        return unknownKeys.values().stream().map(Unknown::described).collect(Collectors.joining(", "));
    }

    /**
     * A key as messages show it: up to a {@code :}, {@code =} or whitespace in it, then that {@code :} or {@code =}
     * and {@code ...} ({@code secretAccessKey:...}). Such a key is most
     * likely a setting and its value run together, a space left out after the colon ({@code secretAccessKey:SECRET} in
     * a YAML flow mapping is one key), and the value may be a secret.
     */
    public static String shownKey(String key) {
        String part = keyPart(key);
        if (part.equals(key)) {
            return key;
        }
        char separator = key.charAt(part.length());
        return part + (Character.isWhitespace(separator) ? "" : String.valueOf(separator)) + "...";
    }

    /** A key up to a {@code :}, {@code =} or whitespace in it. */
    static String keyPart(String key) {
        Matcher separator = SEPARATOR.matcher(key);
        return separator.find() ? key.substring(0, separator.start()) : key;
    }

    /** Fails on keys that name no setting: for files that s3conn alone reads. */
    public KeyedSettings strict() {
        if (!unknownKeys.isEmpty()) {
            // A variable's or a file's name says where it was, and whose key it is: before it, s3conn.jobs.j said it twice.
            boolean placed = unknownKeys.values().stream().allMatch(Unknown::placed);
            throw new ConfigurationException((placed ? "" : where + ": ") + "unknown " + (unknownKeys.size() == 1 ? "key " : "keys ")
                    + describedUnknownKeys() + " (see the configuration table in README)");
        }
        return this;
    }

    /**
     * Fails on a key of one of {@code settings}: settings that whoever reads this file or job never reads, which
     * would otherwise be ignored without a word.
     *
     * @param why what the message says of such a key after naming it ({@code applies to inventory jobs only})
     */
    public KeyedSettings refuse(List<Setting<?>> settings, String why) {
        for (Setting<?> setting : settings) {
            if (text(setting).isPresent()) {
                throw new ConfigurationException(origin(setting) + " " + why);
            }
        }
        return this;
    }

    @Override
    public Optional<String> text(Setting<?> setting) {
        return Optional.ofNullable(entries.get(setting)).map(Entry::text);
    }

    @Override
    public String origin(Setting<?> setting) {
        return Optional.ofNullable(entries.get(setting)).map(Entry::origin).orElse(where);
    }
}
