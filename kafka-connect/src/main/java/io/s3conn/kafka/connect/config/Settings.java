package io.s3conn.kafka.connect.config;

import java.time.Duration;
import java.util.Locale;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import io.s3conn.core.time.Durations;

/** Validators for values s3conn writes the same way everywhere: durations such as {@code 5s}, lower-case names. */
final class Settings {

    private Settings() {
    }

    /** Accepts s3conn durations ({@code 500ms}, {@code 5s}, {@code 1m}). */
    static ConfigDef.Validator duration() {
        return (name, value) -> {
            try {
                Durations.parse((String) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        };
    }

    /** A duration setting's value. */
    static Duration duration(String text) {
        return Durations.parse(text);
    }

    /** Accepts the names of {@code type}'s constants, in any case. */
    static <E extends Enum<E>> ConfigDef.Validator oneOf(Class<E> type) {
        return (name, value) -> enumValue(type, name, (String) value);
    }

    /** The constant of {@code type} named {@code value}, in any case. */
    static <E extends Enum<E>> E enumValue(Class<E> type, String name, String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            StringBuilder known = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                known.append(known.isEmpty() ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new ConfigException(name, value, "must be one of " + known);
        }
    }
}
