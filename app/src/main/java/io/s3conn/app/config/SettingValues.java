package io.s3conn.app.config;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting's value after the sources were merged and parsed: immutable and typed.
 */
public final class SettingValues {

    private final Map<Setting<?>, Object> values;
    /** What sources wrote of the settings parsed only when read. */
    private final Map<Setting<?>, Written> unparsed;
    /** The source of each setting a source gave, as opposed to those that hold their default. */
    private final Map<Setting<?>, SettingSource> given;
    /**
     * What a usage error about these settings that names no one source ends with (a required setting no source holds, a
     * bucket the command cannot work on): the hint of the first source, where the user gives settings first (for a
     * command, the pointer to its help, as every other usage error of the command line has).
     */
    private final String hint;

    private SettingValues(Map<Setting<?>, Object> values, Map<Setting<?>, Written> unparsed,
                          Map<Setting<?>, SettingSource> given, String hint) {
        this.values = Map.copyOf(values);
        this.unparsed = Map.copyOf(unparsed);
        this.given = Map.copyOf(given);
        this.hint = hint;
    }

    /** What a usage error about these settings that names no one source ends with; empty for a serve job's. */
    public String hint() {
        return hint;
    }

    /**
     * Merges sources: for each setting, the first source that holds it wins, else its default.
     *
     * @param sources in order of precedence
     * @throws ConfigurationException naming the source of a value that does not parse
     */
    public static SettingValues merge(SettingSource... sources) {
        return merge(Settings.ALL, sources);
    }

    /**
     * Merges sources as {@link #merge(SettingSource...)} does, parsing now only the settings in {@code read}: any other
     * that a source holds is parsed when it is asked for, so a setting the reader never asks for is never checked (a
     * {@code --config} file shared by several commands may hold a value only another command takes, as README says).
     *
     * @throws ConfigurationException naming the source of a value in {@code read} that does not parse
     */
    public static SettingValues merge(Collection<Setting<?>> read, SettingSource... sources) {
        Map<Setting<?>, Object> values = new HashMap<>();
        Map<Setting<?>, Written> unparsed = new HashMap<>();
        Map<Setting<?>, SettingSource> given = new HashMap<>();
        for (Setting<?> setting : Settings.ALL) {
            Optional<Written> written = firstWritten(setting, sources);
            written.ifPresent(w -> given.put(setting, w.source()));
            if (written.isPresent() && !read.contains(setting)) {
                unparsed.put(setting, written.get());
                continue;
            }
            written.map(w -> w.parsed(setting)).or(() -> setting.defaultValue().map(setting::parse))
                    .ifPresent(value -> values.put(setting, value));
        }
        return new SettingValues(values, unparsed, given, sources.length == 0 ? "" : sources[0].hint());
    }

    /** A setting's text as the source that holds it wrote it. */
    private record Written(SettingSource source, String text) {

        /** The value, parsed; a value that does not parse names where it was written. */
        Object parsed(Setting<?> setting) {
            try {
                return setting.parse(text);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(source.origin(setting) + " " + e.getMessage() + source.hint());
            }
        }
    }

    /** The setting's text in the first source that holds it: flags before files before properties, as the caller orders them. */
    private static Optional<Written> firstWritten(Setting<?> setting, SettingSource... sources) {
        for (SettingSource source : sources) {
            Optional<String> text = source.text(setting);
            if (text.isPresent()) {
                return Optional.of(new Written(source, text.get()));
            }
        }
        return Optional.empty();
    }

    /** Whether a source gave the setting (a flag, a file, a property), rather than its default. */
    public boolean given(Setting<?> setting) {
        return given.containsKey(setting);
    }

    /**
     * An error about a value that parsed but does not fit with others (a KMS key without {@code sse aws:kms}, a
     * placeholder no template has), naming where it was written and ending with that place's pointer, as an error of a
     * value that does not parse does: {@code --sse-kms-key-id: a KMS key needs sse aws:kms (see ...)}.
     */
    public ConfigurationException invalid(Setting<?> setting, String problem) {
        SettingSource source = given.get(setting);
        return source == null ? new ConfigurationException(setting.name() + ": " + problem)
                : new ConfigurationException(source.origin(setting) + ": " + problem + source.hint());
    }

    /**
     * An error about a value that parsed but is not one the setting takes (a compression its format lacks, a queue URL
     * that names no queue, a database URL of neither database), worded as one that does not parse is, after where it
     * was written: {@code --compression must be none or gzip with format json, was: zstd (see ...)}. Before, a colon
     * and words of their own ({@code --compression: json supports compression none or gzip, not zstd}).
     *
     * @param refusal its message follows the name: {@code must be ..., was: <value>}
     */
    public ConfigurationException refused(Setting<?> setting, IllegalArgumentException refusal) {
        SettingSource source = given.get(setting);
        return source == null ? new ConfigurationException(setting.name() + " " + refusal.getMessage())
                : new ConfigurationException(source.origin(setting) + " " + refusal.getMessage() + source.hint());
    }

    /** The value of a setting, if any source or its default has one. */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> find(Setting<T> setting) {
        Written written = unparsed.get(setting);
        return Optional.ofNullable((T) (written == null ? values.get(setting) : written.parsed(setting)));
    }

    /**
     * The value of a setting that must be given.
     *
     * @throws ConfigurationException when none is
     */
    public <T> T require(Setting<T> setting) {
        return find(setting).orElseThrow(() -> new ConfigurationException("no " + setting.name() + " given: use "
                + (setting.flag() ? setting.flagName() + " (or \"" + setting.name() + "\" in a file or job)"
                : "\"" + setting.name() + "\" in a file or job") + hint));
    }
}
