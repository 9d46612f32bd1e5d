package io.s3conn.kafka.connect.source;

import java.util.Optional;

import io.s3conn.source.position.CdcPosition;
import io.s3conn.source.position.ResumedListing;
import io.s3conn.source.position.SnapshotPosition;
import io.s3conn.source.position.SourcePosition;
import io.s3conn.source.range.KeyRange;

/**
 * Whether a task's state serves, and where the task resumes: the source's record of what it emitted per key of the
 * task's range (for change detection), kept where {@link TaskStateStore} says.
 *
 * <p>The source persists its state once Connect acknowledged a record ({@code commitRecord}: with exactly-once
 * delivery, after the transaction committed), having written it ahead before Connect had the records: what the task
 * wrote ahead up to the offset is persisted before these rules apply ({@link io.s3conn.source.state.SourceState#settleAhead}),
 * so that a worker that died between Connect's commit and the task's leaves the state at the offset. The state can
 * still be behind the offset (an offset moved forward by hand, or an old file left on this worker) or at or ahead of it (a checkpoint persisted after the last record,
 * such as the end of a CDC poll, or, without exactly-once, records acknowledged whose offsets were not flushed yet:
 * they are in Kafka). State at or ahead of the offset in the same run is kept, and the task resumes from the state's
 * position ({@link #resumePoint}): what it holds was emitted, and starting from the offset would emit records already
 * in Kafka again, a key changed since under the very position its earlier record had. State behind the offset in the
 * same listing (the same snapshot, or the same CDC poll) is kept too, and the task resumes from the offset: the state
 * holds what was emitted up to its own key, and the source takes the keys after it up to the offset's as Kafka's
 * ({@link ResumedListing#ofStateBehind}). State of an earlier listing, or of another run, is dropped: the source then
 * starts from the offset alone, as it would from a position given on the command line.
 */
final class TaskState {

    private TaskState() {
    }

    /**
     * Whether state saved at {@code saved} may serve a task resuming from Connect's {@code offset}: it is known to
     * be at or after it in the same run (further in the same snapshot, further in the same CDC poll, the same position,
     * or a later CDC poll), or behind it in the same listing.
     */
    static boolean agrees(Optional<SourcePosition> saved, Optional<SourcePosition> offset) {
        if (saved.isEmpty()) {
            return true; // nothing persisted: the state is empty
        }
        return atOrAhead(saved, offset)
                || offset.flatMap(o -> ResumedListing.ofStateBehind(saved.get(), o)).isPresent();
    }

    /**
     * Where a task resumes: the state's position when the state is at or ahead of Connect's {@code offset}, else the
     * offset. A {@code PATCH} of the offsets that moves a position back within what the state holds is therefore not
     * followed: the state says those records were emitted (resetting the offsets, {@code DELETE}, drops the state and
     * reads the range again).
     */
    static Optional<SourcePosition> resumePoint(Optional<SourcePosition> saved, Optional<SourcePosition> offset) {
        return saved.isPresent() && atOrAhead(saved, offset) ? saved : offset;
    }

    private static boolean atOrAhead(Optional<SourcePosition> saved, Optional<SourcePosition> offset) {
        if (saved.isEmpty() || offset.isEmpty()) {
            return false; // without offset: state of an earlier connector of the same name, or offsets were reset
        }
        return switch (offset.get()) {
            case SnapshotPosition o -> switch (saved.get()) {
                case SnapshotPosition s -> s.watermark().equals(o.watermark()) && compare(s.lastKey(), o.lastKey()) >= 0;
                case CdcPosition s -> !s.watermark().isBefore(o.watermark());
            };
            case CdcPosition o -> saved.get().equals(o) || (saved.get() instanceof CdcPosition s && notBehind(s, o));
        };
    }

    /**
     * A CDC position not behind another: a later poll's, or one of the same poll (watermark) at the same key or
     * after. A listing poll emits in key order (a page's deletes among its other changes, pages in key order), and a
     * position without key is the start of its poll (the end of the poll before), so keys tell the order. Several
     * versions of one key share it: which of them came first the positions do not say, and the state is kept (a
     * version it lacks is compared again by the next poll: emitted twice, never lost). Positions with a sequence
     * (records S3 event notifications brought) are not a listing's: only equal ones are known to be at the same place.
     */
    private static boolean notBehind(CdcPosition saved, CdcPosition offset) {
        if (saved.watermark().isAfter(offset.watermark())) {
            return true;
        }
        return saved.watermark().equals(offset.watermark()) && saved.sequence() == 0 && offset.sequence() == 0
                && compare(saved.key(), offset.key()) >= 0;
    }

    private static int compare(Optional<String> a, Optional<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isPresent() ? 1 : b.isPresent() ? -1 : 0;
        }
        return KeyRange.compareKeys(a.get(), b.get());
    }
}
