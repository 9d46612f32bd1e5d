package io.s3conn.core.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * UTC times as S3 listings write them and SQLite stores them ({@code 2026-01-02T03:04:05.000Z}), read without a
 * {@link java.time.format.DateTimeFormatter}: a sync reads one or more per row, and through a formatter that was
 * about a tenth of a version sync's CPU. Only that exact form (four-digit year, seconds, up to nine digits of
 * fraction, {@code Z}) and valid dates are read here, which {@link Instant#parse} and the SDK read alike; the caller
 * leaves any other text to its own parser.
 */
public final class UtcInstants {

    private UtcInstants() {
    }

    /** The instant {@code text} stands for; empty when it is not in that form. */
    public static Optional<Instant> parse(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return Optional.empty();
        }
        int nanos = 0;
        if (length > 20) {
            int digits = length - 21;
            if (text.charAt(19) != '.' || digits < 1 || digits > 9) {
                return Optional.empty();
            }
            int fraction = digits(text, 20, length - 1);
            if (fraction < 0) {
                return Optional.empty();
            }
            nanos = fraction;
            for (int i = digits; i < 9; i++) {
                nanos *= 10;
            }
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochSecond(
                    LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC), nanos));
        } catch (DateTimeException e) {
            return Optional.empty(); // not a valid date or time: the SDK's conversion has its say
        }
    }

    /** The number the ASCII digits {@code text[from, to)} spell, or -1 if one is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
