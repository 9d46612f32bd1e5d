package io.s3conn.source.position;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ResumedListingTest {

    private static final Instant T0 = Instant.ofEpochSecond(1_700_000_000);
    private static final Instant T1 = T0.plusSeconds(5);

    @Test
    void aStateAtAnEarlierKeyOfTheSameCdcPollIsExactUpToItsKey() {
        assertThat(ResumedListing.ofStateBehind(cdc(T0, "b"), cdc(T0, "m")))
                .contains(new ResumedListing("m", Optional.of("b")));
    }

    @Test
    void aStateAtTheStartOfTheCdcPollHoldsNoneOfItsKeys() {
        assertThat(ResumedListing.ofStateBehind(new CdcPosition(T0, Optional.empty()), cdc(T0, "m")))
                .contains(ResumedListing.withoutState("m"));
    }

    @Test
    void aStateAtAnEarlierKeyOfTheSameSnapshotIsExactUpToItsKey() {
        assertThat(ResumedListing.ofStateBehind(snapshot(T0, "b"), snapshot(T0, "m")))
                .contains(new ResumedListing("m", Optional.of("b")));
    }

    @Test
    void aStateAtTheSameKeyIsNotBehind() {
        assertThat(ResumedListing.ofStateBehind(cdc(T0, "m"), cdc(T0, "m"))).isEmpty();
    }

    @Test
    void aStateAtALaterKeyIsNotBehind() {
        assertThat(ResumedListing.ofStateBehind(cdc(T0, "z"), cdc(T0, "m"))).isEmpty();
    }

    @Test
    void aStateOfAnEarlierCdcPollIsNotInTheSameListing() {
        assertThat(ResumedListing.ofStateBehind(cdc(T0, "b"), cdc(T1, "m"))).isEmpty();
    }

    @Test
    void aStateInTheSnapshotIsNotInTheListingOfACdcPosition() {
        assertThat(ResumedListing.ofStateBehind(snapshot(T0, "b"), cdc(T0, "m"))).isEmpty();
    }

    /** Records S3 event notifications brought are numbered, not in key order: their keys say nothing of a listing. */
    @Test
    void positionsOfRecordsEventsBroughtAreNotInAListing() {
        CdcPosition fromEvents = new CdcPosition(T0, Optional.of("m"), Optional.empty(), 3);
        assertThat(ResumedListing.ofStateBehind(cdc(T0, "b"), fromEvents)).isEmpty();
    }

    @Test
    void aPositionAtTheStartOfAPollHasNoListingToResume() {
        assertThat(ResumedListing.ofStateBehind(new CdcPosition(T0, Optional.empty()), new CdcPosition(T0, Optional.empty())))
                .isEmpty();
    }

    @Test
    void aKeyAfterTheStatesKeyUpToTheResumedOneIsUnsure() {
        ResumedListing resumed = new ResumedListing("m", Optional.of("b"));
        assertThat(resumed.unsure("c")).isTrue();
        assertThat(resumed.unsure("m")).isTrue();
    }

    @Test
    void aKeyUpToTheStatesKeyIsPassedButNotUnsure() {
        ResumedListing resumed = new ResumedListing("m", Optional.of("b"));
        assertThat(resumed.passed("b")).isTrue();
        assertThat(resumed.unsure("b")).isFalse();
    }

    @Test
    void aKeyAfterTheResumedOneIsNeitherPassedNorUnsure() {
        ResumedListing resumed = ResumedListing.withoutState("m");
        assertThat(resumed.passed("n")).isFalse();
        assertThat(resumed.unsure("n")).isFalse();
    }

    private static CdcPosition cdc(Instant watermark, String key) {
        return new CdcPosition(watermark, Optional.of(key));
    }

    private static SnapshotPosition snapshot(Instant watermark, String key) {
        return new SnapshotPosition(watermark, Optional.of(key));
    }
}
