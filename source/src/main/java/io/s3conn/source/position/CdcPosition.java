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
 */
public record CdcPosition(Instant watermark, Optional<String> key) implements SourcePosition {

    public CdcPosition {
        Objects.requireNonNull(watermark, "watermark");
        Objects.requireNonNull(key, "key");
    }

    @Override
    public String printable() {
        return SourcePositions.format("cdc", watermark, key);
    }
}
