package io.s3conn.source.change;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.s3conn.core.text.TerminalText;
import io.s3conn.glacier.ObjectHead;
import io.s3conn.source.change.sqs.NotificationScope;
import io.s3conn.source.change.sqs.ObjectEvent;
import io.s3conn.source.change.sqs.QueueMessage;
import io.s3conn.source.change.sqs.Sequencers;
import io.s3conn.source.change.sqs.SqsNotifications;
import io.s3conn.source.position.ResumedListing;
import io.s3conn.source.state.EmittedObjects;
import io.s3conn.source.walk.KeyHistory;
import io.s3conn.source.walk.ObjectVersion;
import io.s3conn.source.walk.Walk;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Change detection from S3 event notifications: events for speed, listing for truth.
 *
 * <p>Each event names a key; the key is looked up ({@link KeyLookup}: a HEAD on unversioned buckets,
 * the key's version listing on versioned ones) and compared with what the source emitted, exactly as the
 * listing detector compares a page. So a duplicated or redelivered event, or one whose change is already
 * emitted, yields nothing; a late one yields the object as it is now. No request at all is sent for an
 * event older by {@code sequencer} than one already applied to its key, for a removal of a key the source
 * has not emitted (or already emitted as deleted; on versioned buckets only the creation of a delete marker,
 * as deleting a version for good can make an older one current), nor for a create of the very version the
 * source emitted last. Test events, other buckets, keys outside the prefix and events that do not change
 * content (restores, tags) are skipped, except that a source waiting for restores is told of completed ones; a
 * malformed message is left to the queue.
 *
 * <p>A message is deleted once every change it produced was committed (or had nothing to emit); until
 * then its visibility is extended. A reconciling listing ({@link ListingChangeDetector}) runs at start
 * and every {@code reconcileEvery}, so a lost event delays a change until then, never drops it. Events are applied only
 * once the first one completed, so the changes they bring carry the watermark of a listing of this run. A run that
 * stopped inside a reconciling listing finishes it after the key it committed last, as a listing poll is resumed, and
 * reconciles again at once: listed whole under the same watermark, a key changed since would come under the very
 * position of the record the stopped run committed for it.
 */
public final class NotificationChangeDetector implements ChangeDetector {

    private static final System.Logger LOG = System.getLogger(NotificationChangeDetector.class.getName());

    /** Messages turned into changes per call at most: the changes of one batch are read ahead together. */
    private static final int MESSAGES_PER_DETECTION = 100;
    /** Keys whose last sequencer is remembered; older ones fall back to the state comparison. */
    private static final int SEQUENCERS_KEPT = 100_000;

    private final ListingChangeDetector reconciler;
    private final SqsNotifications queue;
    private final KeyLookup lookup;
    private final EmittedObjects emitted;
    private final NotificationScope scope;
    private final Duration reconcileEvery;
    private final Clock clock;
    private final Optional<Consumer<String>> restoreCompleted;
    private final Map<String, String> lastSequencers = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > SEQUENCERS_KEPT;
        }
    };
    /** The messages each emitted change came from, and how many changes each message still waits for. */
    private final Map<Change, List<QueueMessage>> sources = new IdentityHashMap<>();
    private final Map<QueueMessage, Integer> outstanding = new IdentityHashMap<>();
    private Instant watermark;
    private Instant nextReconcileAt;
    private boolean reconciling;
    private boolean started;
    private long emptyReceivesSeen;
    /**
     * Set when a reconciliation that found nothing ended with a receive not yet sent after it: its poll completes
     * once one was answered (or the queue came back empty), so that a host stopping when idle reads, and deletes,
     * what the queue held first. Else the queue's messages of changes the listing had already emitted stayed in the
     * queue, to be received by every such run in turn and dead-lettered in the end.
     */
    private Optional<Long> reconciledBeforeReceive = Optional.empty();
    /** Changes to emit (not silent ones) the reconciliation in progress found so far. */
    private long changesReconciled;
    /**
     * Set while the first reconciliation finishes the one a stopped run was inside of ({@code resumed}): it leaves
     * the keys up to the stopped run's last to the next reconciliation, which therefore starts as soon as it completes.
     */
    private boolean resumedReconciliation;

    /**
     * @param listing         the walk over the scope, for the reconciling listing
     * @param lookup          looks one key up
     * @param queue           the queue's reader; closed with this detector
     * @param emitted         what the source emitted
     * @param bucket          the bucket events must be about
     * @param prefix          the prefix their keys must start with
     * @param reconcileEvery  time between reconciling listings (the first runs at once)
     * @param clock           the time of reconciliations
     * @param watermark       where the source's view of the bucket is complete from (see {@link ListingChangeDetector})
     * @param baseline        see {@link ListingChangeDetector}
     * @param baselineUpTo    see {@link ListingChangeDetector}
     */
    public NotificationChangeDetector(Walk<KeyHistory> listing, KeyLookup lookup,
                                      SqsNotifications queue, EmittedObjects emitted, String bucket, String prefix,
                                      Duration reconcileEvery, Clock clock, Instant watermark, boolean baseline,
                                      Optional<String> baselineUpTo) {
        this(listing, lookup, queue, emitted, bucket, prefix, reconcileEvery, clock, watermark, baseline, baselineUpTo,
                Optional.empty(), Optional.empty());
    }

    /**
     * A detector that also passes on the keys of {@code ObjectRestore:Completed} events (a source waiting for
     * restores looks at those objects at once); see the other constructor for the rest.
     *
     * @param restoreCompleted told the key of each restore completed event in scope, from the polling thread
     * @param resumed          the reconciling listing of {@code watermark} a stopped run was inside of, after the key of
     *                         its last record: the first reconciliation finishes it after that key, reconciling the keys
     *                         up to it whose records the state may lack, as {@link ListingChangeDetector} finishes a
     *                         poll, and the next one starts at once. Listed again under the same watermark, a key the
     *                         stopped run emitted there and that changed since would come under the very position of its
     *                         earlier record.
     */
    public NotificationChangeDetector(Walk<KeyHistory> listing, KeyLookup lookup,
                                      SqsNotifications queue, EmittedObjects emitted, String bucket, String prefix,
                                      Duration reconcileEvery, Clock clock, Instant watermark, boolean baseline,
                                      Optional<String> baselineUpTo, Optional<Consumer<String>> restoreCompleted,
                                      Optional<ResumedListing> resumed) {
        // Zero period: a reconciliation starts whenever this detector asks for one.
        this.reconciler = new ListingChangeDetector(listing, io.s3conn.source.range.KeyRange.ALL, emitted, Duration.ZERO, clock, watermark,
                baseline, baselineUpTo, resumed);
        this.resumedReconciliation = resumed.isPresent();
        this.queue = queue;
        this.lookup = lookup;
        this.emitted = emitted;
        this.restoreCompleted = restoreCompleted;
        this.scope = new NotificationScope(bucket, prefix, restoreCompleted.isPresent()
                ? EnumSet.of(ObjectEvent.Kind.CREATED, ObjectEvent.Kind.REMOVED, ObjectEvent.Kind.RESTORE_COMPLETED)
                : EnumSet.of(ObjectEvent.Kind.CREATED, ObjectEvent.Kind.REMOVED));
        this.reconcileEvery = reconcileEvery;
        this.clock = clock;
        this.watermark = watermark;
        this.nextReconcileAt = clock.instant();
    }

    @Override
    public Detection detect(Instant deadline) throws InterruptedException {
        if (!started) {
            queue.start(); // before the first reconciliation: no event after its listing can be missed
            started = true;
        }
        if (reconciling || !clock.instant().isBefore(nextReconcileAt)) {
            return reconcile(deadline);
        }
        Instant until = deadline.isBefore(nextReconcileAt) ? deadline : nextReconcileAt;
        List<QueueMessage> messages = queue.take(until, MESSAGES_PER_DETECTION);
        if (!messages.isEmpty()) {
            return new Detection(changesOf(messages), watermark, Optional.empty(), true);
        }
        long emptyReceives = queue.emptyReceives();
        boolean readAfterReconciling = reconciledBeforeReceive.filter(sent -> queue.lastAnsweredReceive() > sent).isPresent();
        if (emptyReceives > emptyReceivesSeen || readAfterReconciling) {
            // The queue was drained: like the end of a listing poll, the source has caught up for now.
            emptyReceivesSeen = emptyReceives;
            reconciledBeforeReceive = Optional.empty();
            return new Detection(List.of(), watermark, Optional.of(watermark));
        }
        return Detection.nothing(watermark);
    }

    private Detection reconcile(Instant deadline) throws InterruptedException {
        if (!reconciling) {
            changesReconciled = 0;
        }
        reconciling = true;
        Detection detection = reconciler.detect(deadline);
        changesReconciled += detection.changes().stream().filter(change -> !change.silent()).count();
        if (detection.pollCompleted().isPresent()) {
            reconciling = false;
            watermark = detection.pollCompleted().get();
            boolean resumed = resumedReconciliation;
            resumedReconciliation = false;
            // The keys a resumed reconciliation left are compared at once, not an interval later; and it completes
            // without waiting for the queue: finding nothing, it does not show the source idle (the host knows it resumed).
            nextReconcileAt = resumed ? clock.instant() : clock.instant().plus(reconcileEvery);
            if (changesReconciled == 0 && !resumed) {
                // Nothing found: the poll goes on until the queue was read once after the listing (see the field).
                emptyReceivesSeen = queue.emptyReceives();
                reconciledBeforeReceive = Optional.of(queue.receivesSent());
                return new Detection(detection.changes(), detection.watermark(), Optional.empty());
            }
        }
        return detection;
    }

    /** The changes the events of {@code messages} stand for, in the order their keys first appear. */
    private List<Change> changesOf(List<QueueMessage> messages) {
        Map<String, Set<QueueMessage>> keys = new LinkedHashMap<>();
        Map<String, ObjectEvent> latest = new LinkedHashMap<>();
        Map<QueueMessage, Set<String>> keysOf = new IdentityHashMap<>();
        for (QueueMessage message : messages) {
            List<ObjectEvent> events = scope.sort(message, queue);
            Set<String> relevant = new LinkedHashSet<>();
            for (ObjectEvent event : events) {
                if (event.kind() == ObjectEvent.Kind.RESTORE_COMPLETED) {
                    // Not a change of content; the waiting source HEADs the key. Its sequencer is not for inOrder.
                    restoreCompleted.ifPresent(listener -> listener.accept(event.key()));
                    continue;
                }
                if (inOrder(event)) {
                    relevant.add(event.key());
                    latest.merge(event.key(), event, NotificationChangeDetector::later);
                    keys.computeIfAbsent(event.key(), k -> new LinkedHashSet<>()).add(message);
                }
            }
            if (!relevant.isEmpty()) {
                keysOf.put(message, relevant);
            } else if (!events.isEmpty()) {
                queue.delete(message); // every event stale: nothing left to emit
            }
        }
        List<Change> changes = new ArrayList<>();
        Map<String, List<Change>> byKey = new LinkedHashMap<>();
        for (String key : keys.keySet()) {
            List<Change> found = changesOf(key, latest.get(key));
            byKey.put(key, found);
            changes.addAll(found);
        }
        synchronized (this) {
            for (Map.Entry<QueueMessage, Set<String>> entry : keysOf.entrySet()) {
                int count = entry.getValue().stream().mapToInt(key -> byKey.get(key).size()).sum();
                if (count == 0) {
                    queue.delete(entry.getKey());
                } else {
                    outstanding.put(entry.getKey(), count);
                }
            }
            byKey.forEach((key, found) -> found.forEach(change -> sources.put(change, List.copyOf(keys.get(key)))));
        }
        return changes;
    }

    /** Whether the event is newer than what was applied to its key (by sequencer); counts it stale if not. */
    private boolean inOrder(ObjectEvent event) {
        if (event.sequencer().isPresent()) {
            String last = lastSequencers.get(event.key());
            if (last != null && Sequencers.compare(event.sequencer().get(), last) <= 0) {
                queue.countStale();
                return false;
            }
            lastSequencers.put(event.key(), event.sequencer().get());
        }
        return true;
    }

    /** The later of two events of one key: by sequencer where both have one, else the one received last. */
    private static ObjectEvent later(ObjectEvent a, ObjectEvent b) {
        if (a.sequencer().isPresent() && b.sequencer().isPresent()) {
            return Sequencers.compare(a.sequencer().get(), b.sequencer().get()) > 0 ? a : b;
        }
        return b;
    }

    /** What changed for {@code key} since it was emitted, as a lookup shows it now; {@code latest} is its newest event. */
    private List<Change> changesOf(String key, ObjectEvent latest) {
        Optional<ObjectVersion> known = emitted.find(key);
        if (latest.kind() == ObjectEvent.Kind.REMOVED && known.isEmpty() && !mayUncoverAnOlderVersion(latest)) {
            // Nothing emitted for the key, and its newest event removes it: whatever a lookup finds was written
            // before that removal and is gone, or after it, and then its own (later) event brings it.
            return List.of();
        }
        if (latest.kind() == ObjectEvent.Kind.CREATED && latest.versionId().isPresent()
                && known.flatMap(ObjectVersion::versionId).equals(latest.versionId())) {
            return List.of(); // the version emitted last is the newest the events know of: a repeat
        }
        Optional<KeyHistory> history;
        try {
            history = lookup.find(key);
        } catch (S3Exception e) {
            if (!ObjectHead.refusedTheKey(e)) {
                throw e; // a 403 to a listing too: the credentials lost their access, and the run stops as at start
            }
            // The server refuses the key itself, to a HEAD and to a listing with it as prefix (S3Proxy: a key that
            // starts with "/"): no object can have it there, so a forged event changes nothing, instead of ending
            // every run at its message until the queue dead-letters it. The reconciling listing stays the truth.
            queue.countSkipped();
            LOG.log(System.Logger.Level.WARNING, TerminalText.escaped("an event names key " + key + ", which the server "
                    + "refuses (HTTP 400" + Optional.ofNullable(e.awsErrorDetails()).map(d -> ", " + d.errorCode())
                    .orElse("") + "): skipped"));
            return List.of();
        }
        if (history.isEmpty()) {
            return known.map(gone -> List.of(Change.deleted(gone, Optional.empty()))).orElse(List.of());
        }
        return Change.between(known, history.get(), false, watermark);
    }

    /**
     * Whether a removal may have left an older version of its key current: on a versioned bucket, deleting a
     * version or a delete marker for good uncovers the version below, and no event announces that one. Only
     * the creation of a delete marker surely hides the key.
     */
    private boolean mayUncoverAnOlderVersion(ObjectEvent removal) {
        return lookup.keepsVersions() && !removal.createsDeleteMarker();
    }

    @Override
    public void committed(List<Change> changes) {
        reconciler.committed(changes);
        changes.forEach(this::done);
    }

    @Override
    public void skipped(Change change) {
        done(change);
    }

    private synchronized void done(Change change) {
        List<QueueMessage> messages = sources.remove(change);
        if (messages == null) {
            return; // a change of the reconciling listing
        }
        for (QueueMessage message : messages) {
            Integer left = outstanding.computeIfPresent(message, (m, count) -> count - 1);
            if (left != null && left == 0) {
                outstanding.remove(message);
                queue.delete(message);
            }
        }
    }

    @Override
    public void close() {
        reconciler.close();
        queue.close();
    }
}
