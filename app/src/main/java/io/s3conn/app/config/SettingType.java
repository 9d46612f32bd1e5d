package io.s3conn.app.config;

import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.s3conn.app.cli.ByteSizes;
import io.s3conn.core.net.Urls;
import io.s3conn.core.s3.BucketNames;
import io.s3conn.core.s3.S3ConnectionSettings;
import io.s3conn.core.time.Durations;
import io.s3conn.destination.s3.S3DestinationConfiguration;
import io.s3conn.destination.s3.ServerSideEncryption;
import io.s3conn.glacier.RequestRate;

/**
 * How a setting's text becomes its value. Every reader (flags, {@code --config}, {@code pipeline.yaml},
 * properties) hands over text and this parses it, so a value means the same wherever it was written.
 *
 * @param label  what the value looks like, for help and README (e.g. {@code N}, {@code DURATION})
 * @param parser text to value; throws {@link IllegalArgumentException} with a message that does not
 *               repeat the setting's name (the caller adds where the value came from)
 * @param <T>    the value's type
 */
public record SettingType<T>(String label, Function<String, T> parser) {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]+");

    /** Free text. */
    public static final SettingType<String> TEXT = new SettingType<>("TEXT", text -> text);

    /**
     * A key prefix: at most 1,024 bytes of UTF-8, the longest key Amazon S3 and Ceph RGW store. A longer one starts
     * no key, and its listing URL can outgrow what a server reads (S3Proxy: {@code 414 InvalidURI}, exit 1, where RGW
     * listed nothing); the value is not repeated in the line, whose length it would make.
     */
    public static final SettingType<String> PREFIX = new SettingType<>("TEXT", text -> {
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > 1024) {
            throw new IllegalArgumentException("must be at most 1,024 bytes of UTF-8, the longest S3 key (none starts"
                    + " with a longer prefix), was " + bytes + " bytes");
        }
        return text;
    });

    /** Text that is not blank: a value such as a region or a profile, which an empty flag ({@code --region=}) must not erase. */
    public static final SettingType<String> NAME = TEXT.where(text -> !text.isBlank(), "must not be blank");

    /**
     * A bucket's name: not blank, and what {@link BucketNames#problem} (the rule Kafka Connect's {@code bucket} follows
     * too) finds nothing wrong with: no whitespace or control characters, which no S3 server accepts in one (a stray
     * newline would otherwise reach S3, or the SDK, and come back as an unexpected failure), no path.
     */
    public static final SettingType<String> BUCKET = NAME.checkedBy(BucketNames::problem);

    /** A signing region, by the rule of {@link S3ConnectionSettings#isRegionName(String)}, the same for Kafka Connect. */
    public static final SettingType<String> REGION = NAME.where(S3ConnectionSettings::isRegionName,
            S3ConnectionSettings.REGION_NAME_RULE);

    /**
     * A storage class S3 names ({@code STANDARD_IA}, {@code GLACIER_IR}), in any case, given back as S3 names it, or a
     * server's own class in upper case; by the rule of {@link S3DestinationConfiguration#storageClass(String)}, which the
     * Kafka Connect sink applies too. A misspelt one is thus a value error when the settings are read, not a failed
     * upload after records were read.
     */
    public static final SettingType<String> STORAGE_CLASS = named("CLASS", S3DestinationConfiguration::storageClass,
            S3DestinationConfiguration.STORAGE_CLASS_RULE);

    /** Server-side encryption as S3 spells it, in any case: {@code AES256} or {@code aws:kms}. */
    public static final SettingType<String> SSE = named("AES256|aws:kms", ServerSideEncryption::algorithm,
            ServerSideEncryption.ALGORITHM_RULE);

    /** A canned ACL as S3 spells it ({@code private}, {@code bucket-owner-full-control}, ...), in any case. */
    public static final SettingType<String> ACL = named("ACL", S3DestinationConfiguration::acl,
            S3DestinationConfiguration.ACL_RULE);

    /** {@code true} or {@code false}. */
    public static final SettingType<Boolean> BOOLEAN = new SettingType<>("BOOLEAN", SettingType::bool);

    /** A whole number of at least 1. */
    public static final SettingType<Integer> COUNT = new SettingType<>("N", text -> (int) count(text, Integer.MAX_VALUE));

    /** A whole number of at least 1, up to what a {@code long} holds: a number of objects. */
    public static final SettingType<Long> LARGE_COUNT = new SettingType<>(COUNT.label(), text -> count(text, Long.MAX_VALUE));

    /** A whole number from 1 to {@code max}. */
    public static SettingType<Integer> countUpTo(int max) {
        return new SettingType<>(COUNT.label(), text -> (int) count(text, max));
    }

    /** A byte size: {@code 1048576}, {@code 500MB}, {@code 10MiB}. */
    public static final SettingType<Long> SIZE = new SettingType<>("SIZE", ByteSizes::parse);

    /** A byte size of at least 1. */
    public static final SettingType<Long> POSITIVE_SIZE = SIZE.where(bytes -> bytes >= 1, "must be at least 1");

    /** A duration: Go style ({@code 1s}, {@code 500ms}, {@code 1m30s}) or ISO-8601. */
    public static final SettingType<Duration> DURATION = new SettingType<>("DURATION", Durations::parse);

    /** A duration of 0 or more (ISO-8601 can write negative ones). */
    public static final SettingType<Duration> NON_NEGATIVE_DURATION = DURATION.where(d -> !d.isNegative(), "must not be negative");

    /** A duration longer than 0. */
    public static final SettingType<Duration> POSITIVE_DURATION = DURATION.where(Duration::isPositive, "must be positive");

    /**
     * A duration of at least {@code floor}: for a pause between requests that list a whole scope, which a shorter one
     * repeats without pause.
     *
     * @param why why shorter ones are refused, for the message: {@code must be at least 1s (WHY), was: 0s}
     */
    public static SettingType<Duration> atLeast(Duration floor, String why) {
        return DURATION.where(d -> d.compareTo(floor) >= 0, "must be at least " + (floor.toMillis() % 1000 == 0
                ? floor.toSeconds() + "s" : floor.toMillis() + "ms") + " (" + why + ")");
    }

    /** Requests a second: {@code 100/s}, or just {@code 100}. */
    public static final SettingType<RequestRate> RATE = new SettingType<>("N/s", RequestRate::parse);

    /** An http(s) URL of an endpoint. */
    public static final SettingType<URI> URL = new SettingType<>("URL", SettingType::url);

    /** One of a fixed set of lower-case words; the value is given back lower-cased. */
    public static SettingType<String> oneOf(String... choices) {
        return oneOf(List.of(choices));
    }

    /** One of {@code allowed}, lower-case words; the value is given back lower-cased. */
    public static SettingType<String> oneOf(List<String> allowed) {
        return new SettingType<>(String.join("|", allowed), text -> {
            String value = text.strip().toLowerCase(Locale.ROOT);
            if (!allowed.contains(value)) {
                throw new IllegalArgumentException("must be one of " + String.join(", ", allowed) + was(text));
            }
            return value;
        });
    }

    /** A word that {@code rule} names, given back as the rule spells it; refused in the words of {@code requirement}. */
    private static SettingType<String> named(String label, Function<String, Optional<String>> rule, String requirement) {
        return new SettingType<>(label, text -> rule.apply(text).orElseThrow(
                () -> new IllegalArgumentException(requirement + was(text))));
    }

    /**
     * This type, refusing values outside a range when they are parsed, so that the error names the setting and
     * where it was written like any other value error (rather than a component's own words later on).
     *
     * @param allowed     whether a parsed value is in the range
     * @param requirement what a value must be, e.g. {@code must be at least 1}
     */
    public SettingType<T> where(Predicate<T> allowed, String requirement) {
        return new SettingType<>(label, text -> {
            T value = parse(text);
            if (!allowed.test(value)) {
                throw new IllegalArgumentException(requirement + was(text));
            }
            return value;
        });
    }

    /**
     * This type, refusing a parsed value in the words of {@code problem} when it names one (a library's own rule,
     * shared with Kafka Connect's settings).
     */
    public SettingType<T> checkedBy(Function<T, Optional<String>> problem) {
        return new SettingType<>(label, text -> {
            T value = parse(text);
            problem.apply(value).ifPresent(requirement -> {
                throw new IllegalArgumentException(requirement + was(text));
            });
            return value;
        });
    }

    /**
     * How a refused value is shown after its requirement: as written, but quoted when blank, where it would
     * otherwise read as nothing ({@code must not be blank, was:  (see ...)}).
     */
    private static String was(String text) {
        return ", was: " + (text.isBlank() ? "\"" + text + "\"" : text);
    }

    /** Parses {@code text}. */
    public T parse(String text) {
        return parser.apply(text);
    }

    private static Boolean bool(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false" + was(text));
        };
    }

    /**
     * A whole number from 1 to {@code max}. Digits past what an int holds ({@code 99999999999}) are still a whole
     * number: the error names the bound they break, not "must be a whole number".
     */
    private static long count(String text, long max) {
        String digits = text.strip();
        if (!WHOLE_NUMBER.matcher(digits).matches()) {
            throw new IllegalArgumentException("must be a whole number" + was(text));
        }
        BigInteger value = new BigInteger(digits);
        if (value.signum() < 1) {
            throw new IllegalArgumentException("must be at least 1" + was(text));
        }
        if (value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new IllegalArgumentException((max == Integer.MAX_VALUE || max == Long.MAX_VALUE ? "must be at most " + max
                    : "must be between 1 and " + max) + was(text));
        }
        return value.longValueExact();
    }

    private static URI url(String text) {
        try {
            URI uri = new URI(text.strip());
            // Urls.http is the one rule; a port out of range is named, since the URL may look right otherwise. Before,
            // the SDK refused it at the first request: "unexpected failure: IllegalArgumentException", exit 1.
            return Urls.http(uri).orElseThrow(() -> Urls.hasValidPort(uri) ? notAnEndpoint(text)
                    : new IllegalArgumentException("must have a port from 1 to 65535, was: " + Urls.shown(text)));
        } catch (URISyntaxException e) {
            // 127.0.0.1:9000 is one: the most common slip, the scheme left out, is told the form it lacks.
            throw notAnEndpoint(text);
        }
    }

    private static IllegalArgumentException notAnEndpoint(String text) {
        return new IllegalArgumentException("must look like http(s)://host[:port], was: " + Urls.shown(text));
    }
}
