package io.s3conn.app.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every setting's value after the sources were merged and parsed: immutable and typed.
 */
public final class SettingValues {

    private final Map<Setting<?>, Object> values;
    /** The settings a source gave, as opposed to those that hold their default. */
    private final Set<Setting<?>> given;

    private SettingValues(Map<Setting<?>, Object> values, Set<Setting<?>> given) {
        this.values = Map.copyOf(values);
        this.given = Set.copyOf(given);
    }

    /**
     * Merges sources: for each setting, the first source that holds it wins, else its default.
     *
     * @param sources in order of precedence
     * @throws ConfigurationException naming the source of a value that does not parse
     */
    public static SettingValues merge(SettingSource... sources) {
        Map<Setting<?>, Object> values = new HashMap<>();
        Set<Setting<?>> given = new HashSet<>();
        for (Setting<?> setting : Settings.ALL) {
            Optional<Object> fromSource = fromFirstSource(setting, sources);
            fromSource.ifPresent(value -> given.add(setting));
            fromSource.or(() -> setting.defaultValue().map(setting::parse)).ifPresent(value -> values.put(setting, value));
        }
        return new SettingValues(values, given);
    }

    /** The value of the first source that holds the setting, parsed. */
    private static Optional<Object> fromFirstSource(Setting<?> setting, SettingSource... sources) {
        for (SettingSource source : sources) {
            Optional<String> text = source.text(setting);
            if (text.isPresent()) {
                try {
                    return Optional.of(setting.parse(text.get()));
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException(source.origin(setting) + " " + e.getMessage() + source.hint());
                }
            }
        }
        return Optional.empty();
    }

    /** Whether a source gave the setting (a flag, a file, a property), rather than its default. */
    public boolean given(Setting<?> setting) {
        return given.contains(setting);
    }

    /** The value of a setting, if any source or its default has one. */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> find(Setting<T> setting) {
        return Optional.ofNullable((T) values.get(setting));
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
}
