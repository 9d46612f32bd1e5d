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
    @ValueSource(strings = {"", "1", "1x", "s", "1s2", "-", "--1s", "+-1s"})
    void anythingElseIsRejectedWithTheAcceptedForms(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1m30s");
    }

    /** Before, refused in the short form while pt30s, the ISO form in any case, was accepted. */
    @ParameterizedTest
    @CsvSource({"30S,30000", "500MS,500", "2Ms,2", "1H,3600000", "1h30S,3630000", "1500US,1"})
    void aUnitInAnyCaseIsAccepted(String text, long millis) {
        assertThat(Durations.parse(text).toMillis()).isEqualTo(millis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1M", "1h30M", "-1M"})
    void anUppercaseMIsRefusedSinceItMayMeanMonths(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must be a duration such as 1s, 500ms, 1m30s or PT1S (m for minutes: M may mean months), was: " + text);
    }

    /** Before, "invalid duration "5 minutes": use e.g. ...", which after a setting's name read unlike its other value errors. */
    @Test
    void aRefusalReadsAfterTheNameOfWhatWasSet() {
        assertThatThrownBy(() -> Durations.parse("5 minutes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must be a duration such as 1s, 500ms, 1m30s or PT1S, was: 5 minutes");
    }

    /** Before, "-1s" was refused as no duration at all, while PT-1S parsed and was refused as negative where it must not be. */
    @ParameterizedTest
    @CsvSource({"-1s,-1000", "-1m30s,-90000", "+2s,2000", "-PT1S,-1000", "PT-1S,-1000", "-0,0"})
    void aSignedDurationKeepsItsSign(String text, long millis) {
        assertThat(Durations.parse(text).toMillis()).isEqualTo(millis);
    }

    @ParameterizedTest
    @CsvSource({"100ns,100"})
    void nanosecondsAreKept(String text, long nanos) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @Test
    void aDurationBeyondALongOfNanosecondsIsRefusedInsteadOfWrappingAround() {
        assertThatThrownBy(() -> Durations.parse("3000000h")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must be at most 2562047h, was: 3000000h");
    }

    /** Before, it parsed, and failed whoever read it in nanoseconds or milliseconds with "long overflow". */
    @Test
    void anIsoDurationBeyondALongOfNanosecondsIsRefusedAsAGoOneIs() {
        assertThatThrownBy(() -> Durations.parse("P999999999999D")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must be at most 2562047h, was: P999999999999D");
    }
}
