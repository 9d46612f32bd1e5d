package io.s3conn.glacier;

import java.util.Locale;

/**
 * How many requests a second may be sent at most, as users write it: {@code 100/s}, or just {@code 100}.
 * Restore requests are paced by it ({@link RequestPacer}), so that a bucket full of archived objects does
 * not run into the account's limit of about 1,000 restore requests a second.
 *
 * @param perSecond requests a second at most; 0 means no limit
 */
public record RequestRate(double perSecond) {

    /** Checks the rate is a finite number, not negative. */
    public RequestRate {
        if (Double.isNaN(perSecond) || Double.isInfinite(perSecond) || perSecond < 0) {
            throw new IllegalArgumentException("a request rate must be a number of requests a second, 0 or more, was " + perSecond);
        }
    }

    /**
     * A rate as written: {@code 100/s}, {@code 2.5/s} or {@code 100}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static RequestRate parse(String text) {
        String number = text.strip().toLowerCase(Locale.ROOT);
        if (number.endsWith("/s")) {
            number = number.substring(0, number.length() - 2).strip();
        }
        try {
            return new RequestRate(Double.parseDouble(number));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be requests a second such as 100/s, was: " + text);
        }
    }

    /** The time between two requests, in nanoseconds; 0 without a limit. */
    public long intervalNanos() {
        return perSecond > 0 ? (long) (1e9 / perSecond) : 0;
    }
}
