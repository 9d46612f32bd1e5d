package io.s3conn.source.position;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * In CDC: the snapshot is done. What was already emitted lives in the source's on-disk state, so a
 * restart simply polls again; {@code watermark} matters only when that state is missing.
 *
 * @param watermark objects modified at or after this time are new to a source without state
 * @param key       the key of the last record emitted, for people reading the position
 * @param versionId the version of that record, on versioned buckets: with it, every record's position
 *                  is unique, even for several versions of one key found by one poll
 */
public record CdcPosition(Instant watermark, Optional<String> key, Optional<String> versionId) implements SourcePosition {

    /** Refuses a null value, by its name. */
    public CdcPosition {
        Objects.requireNonNull(watermark, "watermark");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(versionId, "versionId");
    }

    /** A position without version. */
    public CdcPosition(Instant watermark, Optional<String> key) {
        this(watermark, key, Optional.empty());
    }

    @Override
    public String printable() {
        return SourcePositions.format("cdc", watermark, key)
                + versionId.map(v -> ":" + SourcePositions.encode(v)).orElse("");
    }
}
