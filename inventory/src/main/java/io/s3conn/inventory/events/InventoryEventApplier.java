package io.s3conn.inventory.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.model.ObjectSummary;
import io.s3conn.core.model.RestoreStatus;
import io.s3conn.core.text.TerminalText;
import io.s3conn.glacier.ArchiveClassifier;
import io.s3conn.glacier.ObjectHead;
import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.objects.InventoryRow;
import io.s3conn.inventory.objects.InventoryTable;
import io.s3conn.inventory.objects.ResolvedObject;
import io.s3conn.source.change.sqs.ObjectEvent;
import io.s3conn.source.range.KeyRange;
import io.s3conn.source.walk.CurrentObjectsWalk;
import io.s3conn.source.walk.ListedObject;
import io.s3conn.source.walk.WalkPage;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Applies one S3 event to {@code s3_objects}, in one transaction: the row change is committed when
 * {@link #apply} returns, so the caller may delete the event's message then.
 *
 * <h2>What is trusted, and what is looked up</h2>
 * <ul>
 *   <li>Creates, removals and lifecycle transitions: the key is HEADed and its row written as the object is
 *       now (or marked deleted when there is none). An event says that something happened, not what the key
 *       holds after later changes whose events may still be on their way; a HEAD does, in one request, with the
 *       storage class, LastModified and restore status no event carries. So duplicated, reordered and late
 *       events leave the row right, and no sequencer bookkeeping is needed. An object whose HEAD is refused while the
 *       bucket lists (SSE-C, a policy) is looked up with a one-key listing instead, as the sync sees it.</li>
 *   <li>Restore events are taken as they are, without a request: {@code ObjectRestore:Post} turns an
 *       {@code archived} row {@code restoring}; {@code ObjectRestore:Completed} makes it {@code restored} until
 *       the expiry of {@code glacierEventData} (an Intelligent-Tiering object: {@code restored} without expiry, readable
 *       for good, as a sync's HEAD reports it);
 *       {@code ObjectRestore:Delete} makes it {@code archived} again. These carry no sequencer, so the rules
 *       refuse what only a late event would do: a start never overrides a completed restore, and a completion
 *       whose copy has already expired leaves the row archived. A restore event for a key without a row is
 *       resolved by a HEAD, like a create; so is one that names a version (versioned buckets): a restore of a
 *       noncurrent version leaves the current one, which the row holds, as it was; and so is one for a row that
 *       holds another object than the event's (readable, or another ETag): a late restore event of an object
 *       since overwritten in STANDARD must not mark the new one archived or restored.</li>
 * </ul>
 *
 * <p>On a versioned bucket {@code s3_objects} holds each key's current version; the HEAD without a
 * version id finds exactly that. {@code s3_object_versions} is kept by the reconciling sync only.
 */
public final class InventoryEventApplier {

    private static final System.Logger LOG = System.getLogger(InventoryEventApplier.class.getName());

    private final S3Client s3;
    private final Database database;
    private final InventoryTable table;
    private final InventoryScope scope;
    private final Clock clock;

    /**
     * @param s3       the client, owned by the caller
     * @param database where {@code s3_objects} is, owned by the caller
     * @param scope    the rows events are applied to
     */
    public InventoryEventApplier(S3Client s3, Database database, InventoryScope scope, Clock clock) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.database = Objects.requireNonNull(database, "database");
        this.table = new InventoryTable(database);
        this.scope = Objects.requireNonNull(scope, "scope");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Applies {@code event} (of this scope's bucket, under its prefix) and commits.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when the HEAD fails: nothing was written
     * @throws io.s3conn.core.jdbc.DatabaseException (or another runtime exception) when the write fails
     */
    public EventOutcome apply(ObjectEvent event) {
        return switch (event.kind()) {
            case CREATED, REMOVED, TRANSITIONED -> resolve(event.key());
            // On a versioned bucket the event names a version, which may not be the current one the row holds.
            case RESTORE_STARTED, RESTORE_COMPLETED, RESTORE_EXPIRED -> event.versionId().isPresent()
                    ? resolve(event.key()) : restore(event);
            case OTHER -> EventOutcome.UNCHANGED;
        };
    }

    /** Writes the key's row as a HEAD finds the object now. */
    private EventOutcome resolve(String key) {
        Optional<ResolvedObject> found;
        try {
            found = ObjectHead.find(s3, scope.bucket(), key, Optional.empty())
                    .map(head -> new ResolvedObject(head.summary(), head.restore()));
        } catch (S3Exception e) {
            if (!ObjectHead.refusedForTheObject(e)) {
                throw e;
            }
            Optional<Optional<ResolvedObject>> listed;
            try {
                listed = listed(key);
            } catch (S3Exception refused) {
                if (!ObjectHead.refusedTheKey(refused)) {
                    throw refused;
                }
                // The server refuses the key itself (S3Proxy: a key that starts with "/"): no object can have it there,
                // so a forged event changes nothing, instead of failing on every delivery until it is dead-lettered.
                LOG.log(System.Logger.Level.WARNING, TerminalText.escaped("an event names key " + key
                        + ", which the server refuses (HTTP 400): skipped"));
                return EventOutcome.UNCHANGED;
            }
            if (listed.isEmpty()) {
                return EventOutcome.UNCHANGED;
            }
            found = listed.get();
        }
        Optional<ResolvedObject> object = found;
        Instant now = clock.instant();
        return database.inTransaction(connection -> {
            if (object.isEmpty()) {
                return table.markGone(connection, scope, key, now) ? EventOutcome.DELETED : EventOutcome.UNCHANGED;
            }
            // A duplicated or late event, or one the reconciling sync got to first, finds the row as the HEAD does:
            // rewriting it would move synced_at and count a write where nothing changed.
            if (table.findLive(connection, scope, key).filter(row -> holds(row, object.get())).isPresent()) {
                return EventOutcome.UNCHANGED;
            }
            table.write(connection, scope, object.get(), now);
            return EventOutcome.WRITTEN;
        });
    }

    /** Whether {@code row} already says what {@code found} does, compared as a sync compares a listed object. */
    private static boolean holds(InventoryRow row, ResolvedObject found) {
        ObjectSummary stored = row.object();
        return found.storedAs(stored.size(), stored.eTag(), stored.storageClass(), Optional.of(stored.lastModified()),
                row.restore().label(), row.restore().expiry());
    }

    /**
     * The key's object as a one-key listing shows it, for an object whose HEAD was refused (SSE-C read without its key:
     * {@code 400}; a policy denying {@code s3:GetObject}: {@code 403}) while the bucket lists, as the sync sees it: else
     * its event would fail on every delivery until the queue dead-lettered it. Empty when the listing cannot tell its
     * restore status (a class that may be archived, which only a HEAD tells): the reconciling sync writes that row.
     *
     * @throws S3Exception when the listing is refused too: the credentials lost their access, and the event is tried again
     */
    private Optional<Optional<ResolvedObject>> listed(String key) {
        Iterator<WalkPage<ListedObject>> pages = new CurrentObjectsWalk(s3, scope.bucket(), key, 1, false).pages(KeyRange.ALL);
        Optional<ListedObject> object = pages.hasNext()
                ? pages.next().entries().stream().findFirst().filter(listed -> listed.key().equals(key)) : Optional.empty();
        if (object.isEmpty()) {
            return Optional.of(Optional.empty());
        }
        if (ArchiveClassifier.mayBeArchived(object.get().summary().storageClass())) {
            return Optional.empty();
        }
        return Optional.of(Optional.of(new ResolvedObject(object.get().summary(), RestoreStatus.READABLE)));
    }

    private EventOutcome restore(ObjectEvent event) {
        Instant now = clock.instant();
        Optional<EventOutcome> applied = database.inTransaction(connection -> {
            Optional<InventoryRow> row = table.findLive(connection, scope, event.key());
            if (row.isEmpty() || !describes(row.get(), event)) {
                return Optional.<EventOutcome>empty();
            }
            Optional<RestoreStatus> next = restoreAfter(event, row.get(), now);
            if (next.isEmpty() || next.get().equals(row.get().restore())) {
                return Optional.of(EventOutcome.UNCHANGED);
            }
            table.setRestore(connection, scope, event.key(), next.get(), now);
            return Optional.of(EventOutcome.RESTORE_UPDATED);
        });
        return applied.orElseGet(() -> resolve(event.key()));
    }

    /**
     * Whether {@code event} can be about the object {@code row} holds. A row that needs no restore (readable) or
     * whose ETag differs from the event's holds another object: the key was overwritten after the event's object
     * (a late restore event would mark a STANDARD object archived or restored), or the row missed a change. Either
     * way only a HEAD says what the key holds now.
     */
    private static boolean describes(InventoryRow row, ObjectEvent event) {
        return !(row.restore() instanceof RestoreStatus.Readable)
                && event.eTag().map(ObjectSummary::unquoteETag).map(row.object().eTag()::equals).orElse(true);
    }

    /** The row's restore status after {@code event}; empty when the event changes nothing. */
    private static Optional<RestoreStatus> restoreAfter(ObjectEvent event, InventoryRow row, Instant now) {
        boolean intelligentTiering = ArchiveClassifier.INTELLIGENT_TIERING.equals(row.object().storageClass());
        return switch (event.kind()) {
            // Only an archived object starts restoring; a late start must not undo a completion.
            case RESTORE_STARTED -> row.restore() instanceof RestoreStatus.Archived
                    ? Optional.of(new RestoreStatus.Restoring()) : Optional.empty();
            // Intelligent-Tiering restores move the object back to a frequent tier, for good: restored without an
            // expiry, as its HEAD (x-amz-restore without expiry-date) makes a sync write it.
            case RESTORE_COMPLETED -> intelligentTiering ? Optional.of(new RestoreStatus.Restored(Optional.empty()))
                    : event.restoreExpiry().filter(expiry -> !expiry.isAfter(now)).isPresent()
                    ? Optional.of(new RestoreStatus.Archived()) // a late event: the copy is gone already
                    : Optional.of(new RestoreStatus.Restored(event.restoreExpiry()));
            case RESTORE_EXPIRED -> intelligentTiering ? Optional.empty() : Optional.of(new RestoreStatus.Archived());
            default -> Optional.empty();
        };
    }
}
