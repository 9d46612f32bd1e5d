package io.s3conn.core.time;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations as users of Go tools (Conduit among them) write them ({@code 1s}, {@code 500ms},
 * {@code 1m30s}, {@code 1.5h}, {@code 100us}, with a sign: {@code -1s}) and as ISO-8601 ({@code PT1S}), each unit in
 * any case ({@code 30S}, {@code 500MS}, as {@code pt30s}) but for minutes, which are {@code m} only: {@code M} is months
 * or mega to many, and {@code 1M} read as a minute would be a month's wait cut short without a word.
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)",
            Pattern.CASE_INSENSITIVE);

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException with the accepted forms, for anything else; for a duration of 2^63 ns
     *                                  (292 years) or more, in either form, saying so
     */
    public static Duration parse(String text) {
        String value = text == null ? "" : text.strip();
        // A sign, as Go's time.ParseDuration takes it: "-1s" is a negative duration, which a setting then refuses as
        // such ("must not be negative"), as it refuses PT-1S, rather than as no duration at all.
        if (value.startsWith("-") || value.startsWith("+")) {
            Duration unsigned = parseUnsigned(value.substring(1), text);
            return value.startsWith("-") ? unsigned.negated() : unsigned;
        }
        return parseUnsigned(value, text);
    }

    private static Duration parseUnsigned(String value, String text) {
        if (value.toUpperCase(Locale.ROOT).startsWith("PT") || value.toUpperCase(Locale.ROOT).startsWith("P")) {
            Duration iso;
            try {
                iso = Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
            try {
                // The Go form's bound, for the same reason: P999999999999D parsed, then failed whoever read it in
                // nanoseconds or milliseconds with "long overflow" (FlushTimer reads a flush-interval so).
                iso.toNanos();
            } catch (ArithmeticException e) {
                throw tooLong(text);
            }
            return iso;
        }
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        Matcher matcher = PART.matcher(value);
        int end = 0;
        BigDecimal nanos = BigDecimal.ZERO;
        while (matcher.find() && matcher.start() == end) {
            if (matcher.group(2).equals("M")) {
                throw new IllegalArgumentException("must be a duration such as 1s, 500ms, 1m30s or PT1S (m for minutes:"
                        + " M may mean months)" + was(text));
            }
            nanos = nanos.add(new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(unitNanos(matcher.group(2)))));
            end = matcher.end();
        }
        if (end == 0 || end != value.length()) {
            throw invalid(text);
        }
        // longValue() would keep the low 64 bits: 3000000h became a negative duration, others a short one.
        if (nanos.toBigInteger().bitLength() >= Long.SIZE) {
            throw tooLong(text);
        }
        return Duration.ofNanos(nanos.longValue());
    }

    private static long unitNanos(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
    }

    /*
     * Worded to follow the name of what was set, as every value error of s3conn's settings and Kafka Connect's is
     * ("--attempt-timeout must be ..., was: soon"): before, "--attempt-timeout invalid duration "soon": use e.g. ...".
     */
    private static IllegalArgumentException tooLong(String text) {
        return new IllegalArgumentException("must be at most " + Long.MAX_VALUE / 3_600_000_000_000L + "h" + was(text));
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("must be a duration such as 1s, 500ms, 1m30s or PT1S" + was(text));
    }

    private static String was(String text) {
        return ", was: " + (text == null || text.isBlank() ? "\"" + (text == null ? "" : text) + "\"" : text);
    }
}
