package io.s3conn.app.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Settings written as keys and values: a {@code --config} JSON object, a section of a
 * {@code pipeline.yaml}, a {@code serve} job's properties. A key is a setting's name, its snake_case or
 * camelCase spelling, or one of its aliases (the Fivetran and Conduit names); empty values count as
 * absent, as in Fivetran's files.
 */
public final class KeyedSettings implements SettingSource {

    private record Entry(String key, String text) {
    }

    private final String where;
    private final Map<Setting<?>, Entry> entries;
    private final List<String> unknownKeys;

    private KeyedSettings(String where, Map<Setting<?>, Entry> entries, List<String> unknownKeys) {
        this.where = where;
        this.entries = Map.copyOf(entries);
        this.unknownKeys = List.copyOf(unknownKeys);
    }

    /**
     * Reads keys and values.
     *
     * @param where    names the place for messages, e.g. {@code configuration file c.json}
     * @param settings the keys and their text, in the order written; the first key of a setting wins
     */
    public static KeyedSettings of(String where, Map<String, String> settings) {
        Map<Setting<?>, Entry> entries = new LinkedHashMap<>();
        TreeSet<String> unknown = new TreeSet<>();
        settings.forEach((key, text) -> {
            Optional<Setting<?>> setting = Settings.byKey(key);
            if (setting.isEmpty()) {
                unknown.add(key);
            } else if (text != null && !text.isEmpty()) {
                entries.putIfAbsent(setting.get(), new Entry(key, text));
            }
        });
        return new KeyedSettings(where, entries, List.copyOf(unknown));
    }

    /** Nothing. */
    public static KeyedSettings none() {
        return new KeyedSettings("nowhere", Map.of(), List.of());
    }

    /** Keys that name no setting, sorted. */
    public List<String> unknownKeys() {
        return unknownKeys;
    }

    /**
     * The unknown keys as messages name them, each with the setting it probably meant:
     * {@code bufferSiz (did you mean buffer-size?), colour}.
     */
    public String describedUnknownKeys() {
        return unknownKeys.stream().map(key -> key + Settings.suggestion(key).map(s -> " (did you mean " + s + "?)").orElse(""))
                .collect(Collectors.joining(", "));
    }

    /** Fails on keys that name no setting: for files that s3conn alone reads. */
    public KeyedSettings strict() {
        if (!unknownKeys.isEmpty()) {
            throw new ConfigurationException(where + ": unknown " + (unknownKeys.size() == 1 ? "key " : "keys ")
                    + describedUnknownKeys() + " (see the configuration table in README)");
        }
        return this;
    }

    @Override
    public Optional<String> text(Setting<?> setting) {
        return Optional.ofNullable(entries.get(setting)).map(Entry::text);
    }

    @Override
    public String origin(Setting<?> setting) {
        return Optional.ofNullable(entries.get(setting)).map(e -> "\"" + e.key() + "\" in " + where).orElse(where);
    }
}
