package io.s3conn.kafka.connect.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.s3conn.source.position.CdcPosition;
import io.s3conn.source.position.SnapshotPosition;
import io.s3conn.source.position.SourcePosition;

class TaskStateTest {

    private static final Instant T0 = Instant.ofEpochSecond(1_700_000_000);
    private static final Instant T1 = T0.plusSeconds(5);

    @Test
    void stateFurtherInTheSameSnapshotAgrees() {
        assertThat(TaskState.agrees(Optional.of(snapshot(T0, "b")), Optional.of(snapshot(T0, "a")))).isTrue();
    }

    /** Before, it was dropped: the deletes of the keys up to the state's, which it holds, were never emitted. */
    @Test
    void stateBehindInTheSameSnapshotAgrees() {
        assertThat(TaskState.agrees(Optional.of(snapshot(T0, "a")), Optional.of(snapshot(T0, "b")))).isTrue();
    }

    @Test
    void stateOfAnotherSnapshotDisagrees() {
        assertThat(TaskState.agrees(Optional.of(snapshot(T1, "z")), Optional.of(snapshot(T0, "a")))).isFalse();
    }

    @Test
    void theCheckpointAtTheEndOfTheSnapshotAgreesWithItsLastRecord() {
        assertThat(TaskState.agrees(Optional.of(new CdcPosition(T0, Optional.empty())), Optional.of(snapshot(T0, "z")))).isTrue();
    }

    @Test
    void aLaterCdcPollAgrees() {
        assertThat(TaskState.agrees(Optional.of(new CdcPosition(T1, Optional.empty())), Optional.of(cdc(T0, "m")))).isTrue();
    }

    @Test
    void theSameCdcPositionAgrees() {
        assertThat(TaskState.agrees(Optional.of(cdc(T0, "m")), Optional.of(cdc(T0, "m")))).isTrue();
    }

    /** Before, it was dropped: the source started from the offset with no state, and that poll's deletes were lost. */
    @Test
    void stateAtALaterKeyOfTheSameCdcPollAgrees() {
        assertThat(TaskState.agrees(Optional.of(cdc(T0, "z")), Optional.of(cdc(T0, "m")))).isTrue();
    }

    @Test
    void stateInsideACdcPollAgreesWithAnOffsetAtTheStartOfThatPoll() {
        assertThat(TaskState.agrees(Optional.of(cdc(T0, "a")), Optional.of(new CdcPosition(T0, Optional.empty())))).isTrue();
    }

    /** Before, it was dropped: the deletes of every key up to the offset's were never emitted. */
    @Test
    void stateAtAnEarlierKeyOfTheSameCdcPollAgrees() {
        assertThat(TaskState.agrees(Optional.of(cdc(T0, "a")), Optional.of(cdc(T0, "m")))).isTrue();
    }

    @Test
    void stateAtTheStartOfACdcPollAgreesWithAnOffsetInsideIt() {
        assertThat(TaskState.agrees(Optional.of(new CdcPosition(T0, Optional.empty())), Optional.of(cdc(T0, "m")))).isTrue();
    }

    @Test
    void stateInTheSnapshotDisagreesWithAnOffsetInTheFirstCdcPoll() {
        assertThat(TaskState.agrees(Optional.of(snapshot(T0, "z")), Optional.of(cdc(T0, "a")))).isFalse();
    }

    @Test
    void stateBehindAnOffsetOfARecordEventsBroughtDisagrees() {
        SourcePosition offset = new CdcPosition(T0, Optional.of("z"), Optional.empty(), 2);
        assertThat(TaskState.agrees(Optional.of(cdc(T0, "a")), Optional.of(offset))).isFalse();
    }

    @Test
    void stateOfAnEarlierCdcPollDisagrees() {
        assertThat(TaskState.agrees(Optional.of(cdc(T0, "z")), Optional.of(cdc(T1, "a")))).isFalse();
    }

    /** Several versions of a key in one poll share it, in an order the positions do not tell: kept, never lost. */
    @Test
    void stateAtAnotherVersionOfTheOffsetsKeyAgrees() {
        SourcePosition saved = new CdcPosition(T0, Optional.of("m"), Optional.of("v2"));
        assertThat(TaskState.agrees(Optional.of(saved), Optional.of(new CdcPosition(T0, Optional.of("m"), Optional.of("v1"))))).isTrue();
    }

    /** Records events brought are numbered, not in key order: only the same position is known to be at the same place. */
    @Test
    void positionsOfRecordsEventsBroughtAgreeOnlyWhenEqual() {
        SourcePosition offset = new CdcPosition(T0, Optional.of("a"), Optional.empty(), 1);
        assertThat(TaskState.agrees(Optional.of(new CdcPosition(T0, Optional.of("z"), Optional.empty(), 2)), Optional.of(offset))).isFalse();
    }

    @Test
    void aTaskResumesFromItsStateWhenTheStateIsAheadOfTheOffsetInTheSamePoll() {
        assertThat(TaskState.resumePoint(Optional.of(cdc(T0, "z")), Optional.of(cdc(T0, "m")))).contains(cdc(T0, "z"));
    }

    @Test
    void aTaskResumesFromItsStateWhenTheStateIsInALaterPoll() {
        SourcePosition saved = new CdcPosition(T1, Optional.empty());
        assertThat(TaskState.resumePoint(Optional.of(saved), Optional.of(cdc(T0, "m")))).contains(saved);
    }

    /** A {@code PATCH} of the offset back inside what the state holds: the state says those records were emitted. */
    @Test
    void aTaskResumesFromItsStateWhenTheOffsetWasMovedBackInTheSameSnapshot() {
        assertThat(TaskState.resumePoint(Optional.of(snapshot(T0, "z")), Optional.of(snapshot(T0, "a")))).contains(snapshot(T0, "z"));
    }

    @Test
    void aTaskResumesFromTheOffsetWhenTheStateIsBehindItInTheSameSnapshot() {
        assertThat(TaskState.resumePoint(Optional.of(snapshot(T0, "a")), Optional.of(snapshot(T0, "m")))).contains(snapshot(T0, "m"));
    }

    @Test
    void aTaskResumesFromTheOffsetWhenTheStateIsBehindIt() {
        assertThat(TaskState.resumePoint(Optional.of(cdc(T0, "a")), Optional.of(cdc(T0, "m")))).contains(cdc(T0, "m"));
    }

    @Test
    void aTaskResumesFromTheOffsetWhenItHasNoState() {
        assertThat(TaskState.resumePoint(Optional.empty(), Optional.of(cdc(T0, "m")))).contains(cdc(T0, "m"));
    }

    @Test
    void aTaskWithoutOffsetStartsAfreshWhateverItsState() {
        assertThat(TaskState.resumePoint(Optional.of(cdc(T0, "m")), Optional.empty())).isEmpty();
    }

    @Test
    void stateWithoutOffsetIsLeftFromAnotherRunAndDisagrees() {
        assertThat(TaskState.agrees(Optional.of(snapshot(T0, "a")), Optional.empty())).isFalse();
    }

    @Test
    void emptyStateAlwaysAgrees() {
        assertThat(TaskState.agrees(Optional.empty(), Optional.of(snapshot(T0, "a")))).isTrue();
    }

    private static SourcePosition cdc(Instant watermark, String key) {
        return new CdcPosition(watermark, Optional.of(key));
    }

    private static SourcePosition snapshot(Instant watermark, String key) {
        return new SnapshotPosition(watermark, Optional.of(key));
    }
}
