package io.s3conn.app.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting's value after the sources were merged and parsed: immutable, typed, and for each
 * value the place it came from (for messages about values that parse but do not fit together).
 */
public final class SettingValues {

    private record Value(Object value, String origin) {
    }

    private final Map<Setting<?>, Value> values;

    private SettingValues(Map<Setting<?>, Value> values) {
        this.values = Map.copyOf(values);
    }

    /**
     * Merges sources: for each setting, the first source that holds it wins, else its default.
     *
     * @param sources in order of precedence
     * @throws ConfigurationException naming the source of a value that does not parse
     */
    public static SettingValues merge(SettingSource... sources) {
        Map<Setting<?>, Value> values = new HashMap<>();
        for (Setting<?> setting : Settings.ALL) {
            find(setting, sources).ifPresent(value -> values.put(setting, value));
        }
        return new SettingValues(values);
    }

    private static Optional<Value> find(Setting<?> setting, SettingSource... sources) {
        for (SettingSource source : sources) {
            Optional<String> text = source.text(setting);
            if (text.isPresent()) {
                try {
                    return Optional.of(new Value(setting.parse(text.get()), source.origin(setting)));
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException(source.origin(setting) + " " + e.getMessage() + source.hint());
                }
            }
        }
        return setting.defaultValue().map(text -> new Value(setting.parse(text), "the default"));
    }

    /** The value of a setting, if any source or its default has one. */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> find(Setting<T> setting) {
        return Optional.ofNullable(values.get(setting)).map(v -> (T) v.value());
    }

    /**
     * The value of a setting that must be given.
     *
     * @throws ConfigurationException when none is
     */
    public <T> T require(Setting<T> setting) {
        return find(setting).orElseThrow(() -> new ConfigurationException("no " + setting.name() + " given: use "
                + (setting.flag() ? setting.flagName() + " (or \"" + setting.name() + "\" in a file or job)"
                : "\"" + setting.name() + "\" in a file or job")));
    }

    /** Where the value of a setting came from: a flag, a file key, a property, or the default. */
    public String origin(Setting<?> setting) {
        return Optional.ofNullable(values.get(setting)).map(Value::origin).orElse("nowhere");
    }
}
