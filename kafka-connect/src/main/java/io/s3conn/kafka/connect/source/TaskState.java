package io.s3conn.kafka.connect.source;

import java.util.Optional;

import io.s3conn.source.position.CdcPosition;
import io.s3conn.source.position.SnapshotPosition;
import io.s3conn.source.position.SourcePosition;
import io.s3conn.source.range.KeyRange;

/**
 * Whether a task's state serves: the source's record of what it emitted per key of the task's range (for
 * change detection), kept where {@link TaskStateStore} says.
 *
 * <p>Connect's offset is the truth; the state only helps when it agrees. The source persists its state
 * once Connect acknowledged a record ({@code commitRecord}: with exactly-once delivery, after the transaction
 * committed), so the state can be behind the offset (the worker died between the two, or it is an old file
 * left on this worker) or at or ahead of it (a checkpoint persisted after the last record, or, without
 * exactly-once, records acknowledged whose offsets were not flushed yet: they are in Kafka). State behind
 * the offset, or from another run, is dropped: the source then starts from the offset alone, as it would
 * from a position given on the command line.
 */
final class TaskState {

    private TaskState() {
    }

    /**
     * Whether state saved at {@code saved} may serve a task resuming from Connect's {@code offset}: it is known to
     * be at or after it in the same run (further in the same snapshot, the same position, or a later CDC poll).
     */
    static boolean agrees(Optional<SourcePosition> saved, Optional<SourcePosition> offset) {
        if (saved.isEmpty()) {
            return true; // nothing persisted: the state is empty
        }
        if (offset.isEmpty()) {
            return false; // state of an earlier connector of the same name, or offsets were reset
        }
        return switch (offset.get()) {
            case SnapshotPosition o -> switch (saved.get()) {
                case SnapshotPosition s -> s.watermark().equals(o.watermark()) && compare(s.lastKey(), o.lastKey()) >= 0;
                case CdcPosition s -> !s.watermark().isBefore(o.watermark());
            };
            // Within one CDC poll, deletes follow the page's other changes, so keys do not tell the order:
            // only the same position, or a later poll, is known not to be behind.
            case CdcPosition o -> saved.get().equals(o)
                    || (saved.get() instanceof CdcPosition s && s.watermark().isAfter(o.watermark()));
        };
    }

    private static int compare(Optional<String> a, Optional<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isPresent() ? 1 : b.isPresent() ? -1 : 0;
        }
        return KeyRange.compareKeys(a.get(), b.get());
    }
}
