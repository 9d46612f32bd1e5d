package io.s3conn.app.cli;

import java.util.Locale;
import java.util.Optional;

import io.s3conn.source.change.sqs.NotificationStats;

/**
 * A count and its noun as a summary line shows them: {@code 1 object}, {@code 0 objects}, {@code 1,234 objects}.
 * Every line that counts something goes through here, so that none reads "1 objects".
 */
public final class Count {

    private Count() {
    }

    /** {@code count} and {@code noun}, plural made by adding "s" unless {@code count} is 1. */
    public static String of(long count, String noun) {
        return of(count, noun, noun + "s");
    }

    /** {@code count} and {@code singular} when it is 1, else {@code plural} ({@code restore status}, {@code restore statuses}). */
    public static String of(long count, String singular, String plural) {
        // Locale.ROOT: the same digit grouping (1,234) whatever the machine's locale, as the rest of a line.
        return String.format(Locale.ROOT, "%,d %s", count, count == 1 ? singular : plural);
    }

    /** What a queue's reader did, for a closing line ({@code ; 12 messages, 1 malformed}), or nothing when changes come from listing. */
    public static String notifications(Optional<NotificationStats> stats) {
        return stats.map(s -> "; " + of(s.received(), "message") + ", " + s.malformed() + " malformed").orElse("");
    }
}
