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

    @Test
    void stateBehindInTheSameSnapshotDisagrees() {
        assertThat(TaskState.agrees(Optional.of(snapshot(T0, "a")), Optional.of(snapshot(T0, "b")))).isFalse();
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
    void aLaterCdcPollAgreesAndTheSamePollAtAnotherKeyDoesNot() {
        SourcePosition offset = new CdcPosition(T0, Optional.of("m"));
        assertThat(TaskState.agrees(Optional.of(new CdcPosition(T1, Optional.empty())), Optional.of(offset))).isTrue();
        assertThat(TaskState.agrees(Optional.of(offset), Optional.of(offset))).isTrue();
        assertThat(TaskState.agrees(Optional.of(new CdcPosition(T0, Optional.of("z"))), Optional.of(offset))).isFalse();
    }

    @Test
    void stateWithoutOffsetIsLeftFromAnotherRunAndDisagrees() {
        assertThat(TaskState.agrees(Optional.of(snapshot(T0, "a")), Optional.empty())).isFalse();
    }

    @Test
    void emptyStateAlwaysAgrees() {
        assertThat(TaskState.agrees(Optional.empty(), Optional.of(snapshot(T0, "a")))).isTrue();
    }

    private static SourcePosition snapshot(Instant watermark, String key) {
        return new SnapshotPosition(watermark, Optional.of(key));
    }
}
