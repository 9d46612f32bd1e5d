package io.s3conn.source.change;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one call of {@link ChangeDetector#detect} found.
 *
 * @param changes       in emission order; may be empty
 * @param watermark     the time the detector's view of these changes is complete from (the start of the poll
 *                      before): part of their positions
 * @param pollCompleted present when these are the last changes of a poll: the watermark of the next one, from
 *                      which the source may resume once everything before is committed
 * @param fromEvents    the changes came from S3 event notifications, not from a listing: unlike a listing's, such
 *                      changes can concern one key again and again under one watermark (on unversioned buckets, with
 *                      nothing else to tell them apart), so the source numbers their positions
 *                      ({@link io.s3conn.source.position.CdcPosition#sequence()})
 */
public record Detection(List<Change> changes, Instant watermark, Optional<Instant> pollCompleted, boolean fromEvents) {

    /** Copies the changes. */
    public Detection {
        changes = List.copyOf(changes);
        Objects.requireNonNull(watermark, "watermark");
        Objects.requireNonNull(pollCompleted, "pollCompleted");
    }

    /** Changes a listing found. */
    public Detection(List<Change> changes, Instant watermark, Optional<Instant> pollCompleted) {
        this(changes, watermark, pollCompleted, false);
    }

    /** Nothing due before the deadline. */
    public static Detection nothing(Instant watermark) {
        return new Detection(List.of(), watermark, Optional.empty());
    }
}
