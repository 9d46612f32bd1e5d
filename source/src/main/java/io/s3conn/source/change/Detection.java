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
 */
public record Detection(List<Change> changes, Instant watermark, Optional<Instant> pollCompleted) {

    /** Copies the changes. */
    public Detection {
        changes = List.copyOf(changes);
        Objects.requireNonNull(watermark, "watermark");
        Objects.requireNonNull(pollCompleted, "pollCompleted");
    }

    /** Nothing due before the deadline. */
    public static Detection nothing(Instant watermark) {
        return new Detection(List.of(), watermark, Optional.empty());
    }
}
