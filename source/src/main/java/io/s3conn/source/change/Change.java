package io.s3conn.source.change;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.s3conn.core.record.Operation;
import io.s3conn.source.walk.KeyHistory;
import io.s3conn.source.walk.ObjectVersion;

/**
 * One thing to emit for a key, or to record silently: an operation, the object it leaves, and what was
 * emitted for the key before.
 *
 * @param operation    snapshot, create, update or delete
 * @param object       the object (for deletes: the last emitted state)
 * @param before       what was emitted for the key before this change
 * @param deleteMarker the delete marker behind a delete, on versioned buckets
 * @param silent       record in the state without emitting (objects older than the watermark of a source without state)
 */
public record Change(Operation operation, ObjectVersion object, Optional<ObjectVersion> before,
                     Optional<ObjectVersion> deleteMarker, boolean silent) {

    /** Checks every value is given. */
    public Change {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(deleteMarker, "deleteMarker");
    }

    /** An object found by the snapshot. */
    public static Change snapshot(ObjectVersion object) {
        return new Change(Operation.SNAPSHOT, object, Optional.empty(), Optional.empty(), false);
    }

    /** The key of {@code before} is gone; {@code deleteMarker} is what hides it on a versioned bucket. */
    public static Change deleted(ObjectVersion before, Optional<ObjectVersion> deleteMarker) {
        return new Change(Operation.DELETE, before, Optional.of(before), deleteMarker, false);
    }

    /** This change, to be recorded in the state without a record of its own. */
    public Change silently() {
        return new Change(operation, object, before, deleteMarker, true);
    }

    /** True when the change removes the key from what was emitted. */
    public boolean removesKey() {
        return operation == Operation.DELETE;
    }

    /** True when a record of this change needs the object's content read (anything emitted but a delete). */
    public boolean needsContent() {
        return !silent && !removesKey();
    }

    /**
     * The changes that take a key from what was emitted ({@code known}) to what the listing shows.
     * On a versioned bucket every version newer than the known one is a change of its own, oldest first.
     *
     * @param baseline  the key was not emitted by this source but may have been by whatever made its position:
     *                  a new object older than {@code watermark} is recorded silently
     * @param watermark whole seconds; objects modified before it count as emitted when {@code baseline}
     */
    public static List<Change> between(Optional<ObjectVersion> known, KeyHistory history, boolean baseline, Instant watermark) {
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
        List<Change> changes = new ArrayList<>();
        Optional<ObjectVersion> current = known;
        for (ObjectVersion version : newerThan(known.get(), history)) {
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
