package io.s3conn.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class SqliteTimeTest {

    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void instantsAreWrittenAsTheReferenceFormatterWritesThem() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L),
                    random.nextInt(1_000_000_000));

            assertThat(SqliteTime.format(instant)).isEqualTo(REFERENCE.format(instant));
        }
    }

    @Test
    void writtenInstantsReadBackToTheMillisecond() {
        Instant instant = Instant.parse("2026-11-30T01:02:03.456789Z");

        assertThat(SqliteTime.parse(SqliteTime.format(instant))).isEqualTo(Instant.parse("2026-11-30T01:02:03.456Z"));
    }

    @Test
    void yearsBeyondFourDigitsAreWrittenAsTheReferenceFormatterWritesThem() {
        Instant far = Instant.parse("+12026-01-01T00:00:00Z");

        assertThat(SqliteTime.format(far)).isEqualTo(REFERENCE.format(far));
    }

    @Test
    void textOfAnotherShapeIsReadAsInstantParseReadsIt() {
        assertThat(SqliteTime.parse("2026-11-30T01:02:03Z")).isEqualTo(Instant.parse("2026-11-30T01:02:03Z"));
    }

    @Test
    void anImpossibleDateIsRejectedAsInstantParseRejectsIt() {
        assertThatThrownBy(() -> SqliteTime.parse("2026-02-30T01:02:03.456Z")).isInstanceOf(DateTimeParseException.class);
    }
}
