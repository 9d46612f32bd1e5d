package io.s3conn.source.position;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * In the snapshot, after {@code lastKey} (nothing emitted yet when empty).
 *
 * @param watermark when the snapshot began; changes after it are CDC's
 * @param lastKey   the last key emitted; a restarted snapshot continues after it
 */
public record SnapshotPosition(Instant watermark, Optional<String> lastKey) implements SourcePosition {

    /** Refuses a null value, by its name. */
    public SnapshotPosition {
        Objects.requireNonNull(watermark, "watermark");
        Objects.requireNonNull(lastKey, "lastKey");
    }

    @Override
    public String printable() {
        return SourcePositions.format("snapshot", watermark, lastKey);
    }
}
