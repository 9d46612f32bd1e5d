package io.s3conn.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"1s,1000", "500ms,500", "1m30s,90000", "1.5h,5400000", "PT2S,2000", "0,0", "2m,120000", "1500us,1"})
    void goAndIsoDurationsAreAccepted(String text, long millis) {
        assertThat(Durations.parse(text).toMillis()).isEqualTo(millis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1x", "s", "1s2", "-1s"})
    void anythingElseIsRejectedWithTheAcceptedForms(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1m30s");
    }

    @ParameterizedTest
    @CsvSource({"100ns,100"})
    void nanosecondsAreKept(String text, long nanos) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @Test
    void aDurationBeyondALongOfNanosecondsIsRefusedInsteadOfWrappingAround() {
        assertThatThrownBy(() -> Durations.parse("3000000h")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duration \"3000000h\" is too long: at most 2562047h");
    }

    /**
     * Before, only the Go form was held to a long of nanoseconds: {@code --flush-interval PT3000000H} passed, and the
     * destination's flush timer then failed with "unexpected failure: ArithmeticException: long overflow", exit 1.
     */
    @Test
    void anIsoDurationBeyondALongOfNanosecondsIsRefusedAsTheGoFormIs() {
        assertThatThrownBy(() -> Durations.parse("PT3000000H")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duration \"PT3000000H\" is too long: at most 2562047h");
    }
}
