package io.s3conn.core.jdbc;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.s3conn.core.time.UtcInstants;

/**
 * Instants as SQLite stores them: {@code 2026-11-30T01:02:03.456Z}, text that sorts in time order.
 *
 * <p>Written and read by hand for the common case (years 0000–9999, exactly this shape) because a sync
 * formats or parses a few of them per row: through {@link DateTimeFormatter} and {@link Instant#parse}
 * that was some 4% of a first or no-change sync's CPU in a JFR profile. Anything else goes through them; text is
 * read by {@link UtcInstants}.
 */
final class SqliteTime {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final int LENGTH = "2026-11-30T01:02:03.456Z".length();

    private SqliteTime() {
    }

    /** The stored text of {@code instant}, to the millisecond. */
    static String format(Instant instant) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        if (time.getYear() < 0 || time.getYear() > 9999) {
            return FORMAT.format(instant);
        }
        char[] text = new char[LENGTH];
        digits(text, 0, time.getYear(), 4);
        text[4] = '-';
        digits(text, 5, time.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, time.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, time.getHour(), 2);
        text[13] = ':';
        digits(text, 14, time.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, time.getSecond(), 2);
        text[19] = '.';
        digits(text, 20, time.getNano() / 1_000_000, 3);
        text[23] = 'Z';
        return new String(text);
    }

    /** The instant of stored {@code text}. */
    static Instant parse(String text) {
        // A 30 February or any other shape: rejected or read as Instant.parse does.
        return UtcInstants.parse(text).orElseGet(() -> Instant.parse(text));
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
