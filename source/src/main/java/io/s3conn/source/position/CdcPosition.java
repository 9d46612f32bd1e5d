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
 * @param sequence  0, or the number of the record among those S3 event notifications brought since the reconciling
 *                  listing of {@code watermark} (counted from 1): events can bring several changes of one key before
 *                  the next listing, and only this tells their positions apart. Not part of where a source resumes.
 */
public record CdcPosition(Instant watermark, Optional<String> key, Optional<String> versionId, long sequence)
        implements SourcePosition {

    /** Refuses a null value, by its name, and a negative sequence. */
    public CdcPosition {
        Objects.requireNonNull(watermark, "watermark");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(versionId, "versionId");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative, was " + sequence);
        }
    }

    /** A position without sequence. */
    public CdcPosition(Instant watermark, Optional<String> key, Optional<String> versionId) {
        this(watermark, key, versionId, 0);
    }

    /** A position without version or sequence. */
    public CdcPosition(Instant watermark, Optional<String> key) {
        this(watermark, key, Optional.empty(), 0);
    }

    /**
     * {@code s3conn:v1:cdc:<watermark ms>:<key>}, then {@code :<version id>} when there is one, then
     * {@code :<sequence>} when it is not 0 (after an empty version id field when there is none): the forms
     * of earlier versions, without sequence, stay what they were.
     */
    @Override
    public String printable() {
        String version = versionId.map(v -> ":" + SourcePositions.encode(v)).orElse(sequence > 0 ? ":" : "");
        return SourcePositions.format("cdc", watermark, key) + version + (sequence > 0 ? ":" + sequence : "");
    }
}
