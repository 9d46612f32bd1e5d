package io.s3conn.destination;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class FlushTimerTest {

    @Test
    void aTimerWithoutAWriterIsRefusedByName() {
        assertThatThrownBy(() -> FlushTimer.start(null, Duration.ofSeconds(5)))
                .isInstanceOf(NullPointerException.class).hasMessage("writer");
    }
}
