package io.s3conn.source.s3;

import io.s3conn.source.walk.ObjectVersion;
import io.s3conn.source.walk.KeyHistory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.s3conn.core.record.Operation;

/**
 * One thing CDC found: an operation on a key, the object now, and what was emitted for it before.
 *
 * @param operation    create, update or delete
 * @param object       the object (for deletes: the last emitted state)
 * @param before       what was emitted for the key before this change
 * @param deleteMarker the delete marker behind a delete, on versioned buckets
 * @param silent       record in the state without emitting (objects older than the watermark of a source without state)
 */
record Change(Operation operation, ObjectVersion object, Optional<ObjectVersion> before,
              Optional<ObjectVersion> deleteMarker, boolean silent) {

    static Change deleted(ObjectVersion before, Optional<ObjectVersion> deleteMarker) {
        return new Change(Operation.DELETE, before, Optional.of(before), deleteMarker, false);
    }

    /**
     * The changes that take a key from what was emitted ({@code known}) to what the listing shows.
     * On a versioned bucket every version newer than the known one is a change of its own, oldest first.
     */
    static List<Change> between(Optional<ObjectVersion> known, KeyHistory history, boolean baseline, Instant watermark) {
        ObjectVersion latest = history.latest();
        if (known.isEmpty()) {
            if (latest.deleteMarker()) {
                return List.of();
            }
            boolean silent = baseline && latest.lastModified().isBefore(watermark);
            return List.of(new Change(Operation.CREATE, latest, Optional.empty(), Optional.empty(), silent));
        }
        if (latest.sameAs(known.get())) {
            return List.of();
        }
        List<ObjectVersion> newer = newerThan(known.get(), history);
        List<Change> changes = new ArrayList<>();
        Optional<ObjectVersion> current = known;
        for (ObjectVersion version : newer) {
            if (version.deleteMarker()) {
                if (current.isPresent()) {
                    changes.add(deleted(current.get(), Optional.of(version)));
                    current = Optional.empty();
                }
            } else {
                changes.add(new Change(current.isPresent() ? Operation.UPDATE : Operation.CREATE, version, current,
                        Optional.empty(), false));
                current = Optional.of(version);
            }
        }
        return changes;
    }

    /** The versions after {@code known}, oldest first; just the latest when {@code known} is no longer listed. */
    private static List<ObjectVersion> newerThan(ObjectVersion known, KeyHistory history) {
        List<ObjectVersion> newer = new ArrayList<>();
        for (ObjectVersion version : history.newestFirst()) {
            if (version.sameAs(known)) {
                return newer.reversed();
            }
            newer.add(version);
        }
        return List.of(history.latest());
    }
}
