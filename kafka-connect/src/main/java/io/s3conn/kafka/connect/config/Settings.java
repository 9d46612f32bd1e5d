package io.s3conn.kafka.connect.config;

import java.sql.Driver;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.function.Predicate;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;

import io.s3conn.core.jdbc.Dialect;
import io.s3conn.core.jdbc.JdbcUrls;
import io.s3conn.core.time.Durations;

/**
 * Validators for values s3conn writes the same way everywhere: durations such as {@code 5s}, lower-case names,
 * database URLs.
 */
final class Settings {

    private Settings() {
    }

    /**
     * {@code validator}, asked only of a value that is there: Connect also validates a value it could not parse
     * or that is missing (as null), and the one problem it already reported came out twice ({@code Not a number
     * of type INT} and {@code Value must be non-null}).
     */
    static ConfigDef.Validator whenGiven(ConfigDef.Validator validator) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value != null) {
                    validator.ensureValid(name, value);
                }
            }

            @Override
            public String toString() {
                return validator.toString();
            }
        };
    }

    /**
     * Refuses, with {@code reason}, a value for which {@code refused} holds: an s3conn setting this connector does not
     * support, which Connect would otherwise pass on and the connector ignore without a word.
     */
    static ConfigDef.Validator unsupported(Predicate<Object> refused, String reason) {
        return (name, value) -> {
            if (refused.test(value)) {
                throw new ConfigException(name, value, reason);
            }
        };
    }

    /** Whether a string setting has a value: neither missing nor blank. */
    static boolean given(Object value) {
        return value instanceof String text && !text.isBlank();
    }

    /**
     * Accepts a name Kafka takes for a topic (ASCII letters, digits, {@code .}, {@code _} and {@code -}, at most 249)
     * and not one of Kafka's own topics ({@code __consumer_offsets}, {@code __transaction_state}, ...), which the
     * brokers keep from producers: any other would fail the tasks at their first record instead.
     */
    static ConfigDef.Validator topicName() {
        return whenGiven((name, value) -> {
            try {
                Topic.validate((String) value);
            } catch (InvalidTopicException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
            if (Topic.isInternal((String) value) || Topic.CLUSTER_METADATA_TOPIC_NAME.equals(value)) {
                throw new ConfigException(name, value, "is one of Kafka's internal topics, which take no records from clients");
            }
        });
    }

    /** Accepts s3conn durations ({@code 500ms}, {@code 5s}, {@code 1m}). */
    static ConfigDef.Validator duration() {
        return whenGiven(Settings::parsedDuration);
    }

    /** Accepts s3conn durations longer than zero. */
    static ConfigDef.Validator positiveDuration() {
        return whenGiven((name, value) -> {
            if (!parsedDuration(name, value).isPositive()) {
                throw new ConfigException(name, value, "must be positive");
            }
        });
    }

    /**
     * Accepts s3conn durations of at least {@code floor}, as the CLI's setting of the same name does: for a pause
     * between listings, which a shorter one repeats without pause.
     *
     * @param why why shorter ones are refused, for the message
     */
    static ConfigDef.Validator durationAtLeast(Duration floor, String why) {
        return whenGiven((name, value) -> {
            if (parsedDuration(name, value).compareTo(floor) < 0) {
                throw new ConfigException(name, value, "must be at least " + (floor.toMillis() % 1000 == 0
                        ? floor.toSeconds() + "s" : floor.toMillis() + "ms") + " (" + why + ")");
            }
        });
    }

    /** Accepts s3conn durations of 0 or more. */
    static ConfigDef.Validator nonNegativeDuration() {
        return whenGiven((name, value) -> {
            if (parsedDuration(name, value).isNegative()) {
                throw new ConfigException(name, value, "must not be negative");
            }
        });
    }

    private static Duration parsedDuration(String name, Object value) {
        try {
            return Durations.parse((String) value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    /** A duration setting's value. */
    static Duration duration(String text) {
        return Durations.parse(text);
    }

    /**
     * Accepts an empty value and the JDBC URLs s3conn's {@code database} takes ({@code jdbc:sqlite:FILE},
     * {@code jdbc:postgresql://HOST/DB?user=..&password=..}) that their driver can parse; the reason of a refusal
     * shows the URL without its password.
     */
    static ConfigDef.Validator databaseUrl() {
        return (name, value) -> {
            String url = value instanceof Password password ? password.value() : (String) value;
            if (url == null || url.isEmpty()) {
                return;
            }
            try {
                Dialect.of(url);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
            if (!parsable(url)) {
                throw new ConfigException(name, value, "malformed database URL (its driver cannot parse it): "
                        + JdbcUrls.redact(url));
            }
        };
    }

    /** Whether a driver beside s3conn parses the URL, found the way {@link io.s3conn.core.jdbc.Database} finds it. */
    private static boolean parsable(String url) {
        for (Driver driver : ServiceLoader.load(Driver.class, Settings.class.getClassLoader())) {
            try {
                if (driver.acceptsURL(url)) {
                    return true;
                }
            } catch (SQLException e) {
                // this driver cannot tell: ask the next
            }
        }
        return false;
    }

    /**
     * Accepts {@code words} in any case, as the CLI and configuration files take them ({@code format: Parquet},
     * {@code path-style: TRUE}); the value is read in lower case.
     */
    static ConfigDef.Validator oneOfWords(String... words) {
        List<String> allowed = List.of(words);
        String named = String.join(", ", allowed.stream().filter(word -> !word.isEmpty()).toList());
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (!allowed.contains(((String) value).toLowerCase(Locale.ROOT))) {
                    throw new ConfigException(name, value, "must be one of " + named);
                }
            }

            @Override
            public String toString() {
                return named + " (any case)";
            }
        };
    }

    /** Accepts the names of {@code type}'s constants, in any case. */
    static <E extends Enum<E>> ConfigDef.Validator oneOf(Class<E> type) {
        return whenGiven((name, value) -> enumValue(type, name, (String) value));
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
