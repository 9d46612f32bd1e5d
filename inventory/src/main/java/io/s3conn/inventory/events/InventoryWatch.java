package io.s3conn.inventory.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.s3conn.core.text.TerminalText;
import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.SyncSummary;
import io.s3conn.source.change.sqs.NotificationScope;
import io.s3conn.source.change.sqs.ObjectEvent;
import io.s3conn.source.change.sqs.QueueMessage;
import io.s3conn.source.change.sqs.SqsNotifications;

/**
 * Keeps {@code s3_objects} live from S3 event notifications: each event is applied as it arrives
 * ({@link InventoryEventApplier}, one transaction per event) and its message deleted only after every
 * event of it was committed; a message whose event failed is left for SQS to deliver again. The normal
 * inventory sync reconciles at start and every {@code reconcileEvery}, so a lost event leaves a row
 * wrong until then, never for good.
 *
 * <p>The queue's reader starts before the first sync lists anything, so no change after that listing can
 * be missed. Events and syncs take turns on the calling thread: a row is never written by both at once.
 * The reader keeps receiving (and keeps its messages hidden) while a sync runs.
 */
public final class InventoryWatch {

    private static final System.Logger LOG = System.getLogger(InventoryWatch.class.getName());
    /** How long one wait for messages lasts at most, so that {@link #stop()} is noticed soon. */
    private static final Duration SLICE = Duration.ofMillis(200);
    private static final int MESSAGES_PER_TAKE = 10;

    private final SqsNotifications queue;
    private final InventoryEventApplier applier;
    private final NotificationScope scope;
    private final Supplier<SyncSummary> reconcile;
    private final Duration reconcileEvery;
    private final Clock clock;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong restoreUpdates = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong reconciles = new AtomicLong();
    private final AtomicReference<Instant> newestEventTime = new AtomicReference<>();
    private final AtomicReference<SyncSummary> lastReconcile = new AtomicReference<>();

    /**
     * @param queue          the queue's reader; started by {@link #run()}, closed by the caller
     * @param applier        applies one event to the scope's rows
     * @param scope          the rows kept: events of other buckets and of keys outside the prefix are skipped
     * @param reconcile      runs the inventory sync of the scope once
     * @param reconcileEvery the time between reconciling syncs (the first runs at once)
     */
    public InventoryWatch(SqsNotifications queue, InventoryEventApplier applier, InventoryScope scope,
                          Supplier<SyncSummary> reconcile, Duration reconcileEvery, Clock clock) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.applier = Objects.requireNonNull(applier, "applier");
        this.scope = new NotificationScope(scope.bucket(), scope.prefix(), EnumSet.complementOf(EnumSet.of(ObjectEvent.Kind.OTHER)));
        this.reconcile = Objects.requireNonNull(reconcile, "reconcile");
        this.reconcileEvery = Objects.requireNonNull(reconcileEvery, "reconcileEvery");
        if (reconcileEvery.isZero() || reconcileEvery.isNegative()) {
            throw new IllegalArgumentException("the reconcile interval must be positive, was " + reconcileEvery);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Watches until {@link #stop()}: reconciles, applies events, reconciles again when due. A failed sync
     * fails the watch (its next run resumes the sync from its checkpoint); a failed event does not. A sync
     * that a host stops together with the watch (it throws {@link CancellationException}) ends the watch as
     * the stop does, so that a stop does not wait for a whole listing.
     *
     * @param untilIdle also return once the first sync is done and the queue came back empty after it (scripts, tests)
     * @return what was done
     */
    public WatchStats run(boolean untilIdle) {
        queue.start(); // before the first sync: no event after its listing can be missed
        Instant nextReconcileAt = clock.instant();
        long emptyReceivesAfterSync = Long.MAX_VALUE;
        while (!stopping.get()) {
            if (!clock.instant().isBefore(nextReconcileAt)) {
                try {
                    lastReconcile.set(reconcile.get());
                } catch (CancellationException e) {
                    if (stopping.get()) {
                        break; // the host stopped the sync with the watch: it resumes from its checkpoint next time
                    }
                    throw e;
                }
                reconciles.incrementAndGet();
                nextReconcileAt = clock.instant().plus(reconcileEvery);
                emptyReceivesAfterSync = queue.emptyReceives();
                continue;
            }
            if (untilIdle && queue.emptyReceives() > emptyReceivesAfterSync && !queue.holdsMessages()) {
                break;
            }
            Instant slice = clock.instant().plus(SLICE);
            List<QueueMessage> messages;
            try {
                messages = queue.take(slice.isBefore(nextReconcileAt) ? slice : nextReconcileAt, MESSAGES_PER_TAKE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            messages.forEach(this::apply);
        }
        return stats();
    }

    /** Applies the events of one message; deletes it once all are committed. */
    private void apply(QueueMessage message) {
        List<ObjectEvent> events = scope.sort(message, queue);
        if (events.isEmpty()) {
            return; // deleted or released by the sort
        }
        try {
            for (ObjectEvent event : events) {
                count(applier.apply(event));
                event.eventTime().ifPresent(time -> newestEventTime.accumulateAndGet(time,
                        (a, b) -> a == null || b.isAfter(a) ? b : a));
            }
        } catch (RuntimeException e) {
            // Events applied before the failure are committed; applying them again on redelivery is harmless.
            failures.incrementAndGet();
            // Escaped: the failure's message may name a key or quote a server, either of which may hold a newline.
            LOG.log(System.Logger.Level.WARNING, TerminalText.escaped("applying message " + message.messageId() + " of "
                    + queue.shownUrl() + " failed; it comes back after its visibility timeout: " + e));
            queue.retryLater(message);
            return;
        }
        queue.delete(message);
    }

    private void count(EventOutcome outcome) {
        applied.incrementAndGet();
        switch (outcome) {
            case WRITTEN -> written.incrementAndGet();
            case DELETED -> deleted.incrementAndGet();
            case RESTORE_UPDATED -> restoreUpdates.incrementAndGet();
            case UNCHANGED -> { }
        }
    }

    /** Asks {@link #run()} to return soon; safe from any thread. */
    public void stop() {
        stopping.set(true);
    }

    /**
     * How far the inventory is behind the bucket, as far as events tell. Zero while the watch is caught up: its first
     * sync is done, every message received was applied (or handed back), and the queue is being long-polled, so an
     * event that reaches the queue is received at once. Otherwise (messages wait to be applied, or receiving fails)
     * now minus the newest applied event's time; empty while that cannot be told (no event applied yet).
     *
     * <p>Once, it was zero only after a receive came back empty after the last event: with 20-second long polls, an
     * idle watch that had applied everything reported a lag growing to about 20 s after each event, which an alert on
     * a few seconds took for a watch falling behind. Safe from any thread.
     */
    public Optional<Duration> lag() {
        if (reconciles.get() > 0 && !queue.holdsMessages() && queue.receiving()) {
            return Optional.of(Duration.ZERO);
        }
        Instant newest = newestEventTime.get();
        if (newest == null) {
            return Optional.empty();
        }
        Duration lag = Duration.between(newest, clock.instant());
        return Optional.of(lag.isNegative() ? Duration.ZERO : lag);
    }

    /** What was done so far; safe from any thread. */
    public WatchStats stats() {
        return new WatchStats(applied.get(), written.get(), deleted.get(), restoreUpdates.get(), failures.get(),
                reconciles.get(), Optional.ofNullable(newestEventTime.get()), Optional.ofNullable(lastReconcile.get()));
    }
}
