package io.s3conn.source.position;

import java.util.Objects;
import java.util.Optional;

import io.s3conn.source.range.KeyRange;

/**
 * A listing a stopped run was inside of (a CDC poll, or the snapshot), resumed after the key of the position a source
 * starts from, and how far the source's state holds what that run emitted in it. A host persists the state after it
 * stored the records (a Kafka task once Connect acknowledged them), so a crash between the two leaves the state behind
 * the position: the records of the keys after {@code exactUpTo} up to {@code after} reached the host, and the state may
 * lack them.
 *
 * @param after     the key of the position: the listing goes on after it
 * @param exactUpTo the state holds the records of the listing's keys up to this one; empty when it holds none of them
 *                  (no state, or one saved at the start of the listing)
 */
public record ResumedListing(String after, Optional<String> exactUpTo) {

    /** Refuses a null value, by its name. */
    public ResumedListing {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(exactUpTo, "exactUpTo");
    }

    /** A state that holds every record of the listing up to {@code after}: it was saved at the position. */
    public static ResumedListing exact(String after) {
        return new ResumedListing(after, Optional.of(after));
    }

    /** A state that holds none of the listing's records up to {@code after} (none at all, or one of its start). */
    public static ResumedListing withoutState(String after) {
        return new ResumedListing(after, Optional.empty());
    }

    /**
     * The listing of {@code start} resumed on a state saved at {@code saved}, when that state is behind it in the same
     * listing: the same snapshot (watermark), or the same CDC poll (watermark, and no sequence on either: records S3
     * event notifications brought are numbered, not in key order), at an earlier key or at the listing's start. Empty
     * for any other pair: the state is then at or ahead of {@code start}, or of another listing, and what it holds of
     * the keys up to {@code start}'s is not known from the positions.
     */
    public static Optional<ResumedListing> ofStateBehind(SourcePosition saved, SourcePosition start) {
        Optional<String> savedKey;
        Optional<String> startKey;
        switch (start) {
            case SnapshotPosition s when saved instanceof SnapshotPosition p && p.watermark().equals(s.watermark()) -> {
                savedKey = p.lastKey();
                startKey = s.lastKey();
            }
            case CdcPosition s when saved instanceof CdcPosition p && p.watermark().equals(s.watermark())
                    && p.sequence() == 0 && s.sequence() == 0 -> {
                savedKey = p.key();
                startKey = s.key();
            }
            default -> {
                return Optional.empty();
            }
        }
        return startKey.filter(after -> savedKey.filter(key -> KeyRange.compareKeys(key, after) >= 0).isEmpty())
                .map(after -> new ResumedListing(after, savedKey));
    }

    /** Whether the stopped run went through {@code key} in this listing already. */
    public boolean passed(String key) {
        return KeyRange.compareKeys(key, after) <= 0;
    }

    /**
     * Whether the stopped run went through {@code key} and the state may lack what it emitted there: the host may have a
     * record of the key that the state does not hold.
     */
    public boolean unsure(String key) {
        return passed(key) && exactUpTo.filter(upTo -> KeyRange.compareKeys(key, upTo) <= 0).isEmpty();
    }
}
