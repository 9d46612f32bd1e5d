package io.s3conn.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountTest {

    @Test
    void oneTakesTheSingular() {
        assertThat(Count.of(1, "object")).isEqualTo("1 object");
    }

    @Test
    void zeroTakesThePlural() {
        assertThat(Count.of(0, "object")).isEqualTo("0 objects");
    }

    @Test
    void largeCountsAreGroupedByThousands() {
        assertThat(Count.of(1_234_567, "record")).isEqualTo("1,234,567 records");
    }

    @Test
    void anIrregularPluralIsGivenExplicitly() {
        assertThat(Count.of(2, "restore status", "restore statuses")).isEqualTo("2 restore statuses");
    }
}
