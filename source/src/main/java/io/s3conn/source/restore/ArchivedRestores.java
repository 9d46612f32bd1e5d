package io.s3conn.source.restore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.s3conn.core.model.RestoreStatus;
import io.s3conn.core.record.Operation;
import io.s3conn.core.text.TerminalText;
import io.s3conn.glacier.ObjectHead;
import io.s3conn.glacier.RequestPacer;
import io.s3conn.glacier.RestoreOutcome;
import io.s3conn.glacier.RestoreRequester;
import io.s3conn.glacier.RestoresNotImplementedException;
import io.s3conn.source.change.Change;
import io.s3conn.source.content.ObjectContent;
import io.s3conn.source.position.CdcPosition;
import io.s3conn.source.state.PendingRestore;
import io.s3conn.source.state.SourceState;
import io.s3conn.source.walk.ObjectVersion;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The archived objects a source waits for ({@code --restore-archived}): instead of a record without
 * payload, an archived object gets a restore request, and its record is emitted with the payload once the
 * restore completed.
 *
 * <ul>
 *   <li>An object met archived gets one request, paced by {@link RestoreArchived#rate()}; one already being
 *       restored gets none (and a 409 RestoreAlreadyInProgress counts as requested). The first
 *       {@code 501 NotImplemented} ends the source with {@link RestoresNotImplementedException}.</li>
 *   <li>Its change is kept in the source's state as pending ({@link SourceState#awaitRestore}), committed with
 *       the records around it: positions move on past it, and a restarted source finds it again.</li>
 *   <li>Every {@link RestoreArchived#poll()}, or at once after an {@code ObjectRestore:Completed} event or a
 *       restart, a pending object is looked at with a HEAD: restored, its change is handed back to be emitted;
 *       gone, the wait ends without a record; overwritten, the wait is for the new object.</li>
 *   <li>Change detection finds a pending object again and again (it was not emitted): {@link #screen} drops
 *       those changes. Any record emitted for a key ends its wait ({@link #emitted}): it is newer.</li>
 * </ul>
 *
 * <p>Used from the source's polling thread only, {@link #pendingCount} excepted.
 */
public final class ArchivedRestores {

    private static final System.Logger LOG = System.getLogger(ArchivedRestores.class.getName());

    private final S3Client s3;
    private final String bucket;
    private final RestoreArchived settings;
    private final long maxPayloadBytes;
    private final SourceState state;
    private final Clock clock;
    private final RestoreRequester requester;
    private final RequestPacer pacer;
    /** By key, in the order they were met; each with the time its next HEAD is due. */
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    /** No HEAD is due before this: the source asks often, and most times nothing is due (a lower bound). */
    private Instant earliest = Instant.MAX;
    /** The number pending, for hosts asking from other threads. */
    private volatile int count;

    /**
     * @param s3              the client, owned by the caller
     * @param bucket          the bucket
     * @param settings        tier, days, rate, poll interval
     * @param maxPayloadBytes objects larger than this are emitted without payload anyway: never restored
     * @param state           the source's state, where pending objects are kept
     * @param clock           the time of HEAD polls
     */
    public ArchivedRestores(S3Client s3, String bucket, RestoreArchived settings, long maxPayloadBytes, SourceState state,
                            Clock clock) {
        this.s3 = s3;
        this.bucket = bucket;
        this.settings = settings;
        this.maxPayloadBytes = maxPayloadBytes;
        this.state = state;
        this.clock = clock;
        this.requester = new RestoreRequester(s3);
        this.pacer = new RequestPacer(settings.rate());
    }

    /**
     * Takes up the objects a previous run left pending; each is looked at at once (its restore may be done). One
     * emitted since (by a run without {@code --restore-archived}, which leaves the rows alone) waits no more.
     */
    public void resume() {
        Instant now = clock.instant();
        for (PendingRestore waiting : state.pendingRestores()) {
            Change change = waiting.change();
            boolean emittedSince = change.before().isPresent()
                    && (change.operation() != Operation.UPDATE || change.before().get().sameAs(change.object()));
            if (emittedSince) {
                state.forgetRestore(waiting.key());
            } else {
                schedule(waiting, now);
            }
        }
    }

    /**
     * Whether the record of {@code change} is to wait for a restore, given what a read of its object found;
     * if so, asks for the restore (unless one runs) and keeps the change as pending.
     *
     * @throws RestoresNotImplementedException when the server answers {@code 501 NotImplemented}
     * @throws InterruptedException            when interrupted while pacing requests
     */
    public boolean defer(Change change, ObjectContent content) throws InterruptedException {
        RestoreStatus status = content.restore();
        boolean waitable = status instanceof RestoreStatus.Archived || status instanceof RestoreStatus.Restoring;
        if (!waitable || content.payload().isPresent() || content.omitted().isEmpty()
                || change.object().size() > maxPayloadBytes) {
            return false; // readable, metadata only, or too large to carry a payload anyway
        }
        if (status instanceof RestoreStatus.Archived && !request(change.object())) {
            return false;
        }
        await(change);
        return true;
    }

    /**
     * {@code changes} without those the pending objects already stand for (the same object, not emitted yet),
     * which are handed to {@code dropped}.
     */
    public List<Change> screen(List<Change> changes, Consumer<Change> dropped) {
        if (pending.isEmpty()) {
            return changes;
        }
        List<Change> kept = new ArrayList<>(changes.size());
        for (Change change : changes) {
            Pending waiting = pending.get(change.object().key());
            if (waiting != null && !change.removesKey() && change.object().sameAs(waiting.restore().change().object())) {
                dropped.accept(change);
            } else {
                kept.add(change);
            }
        }
        return kept;
    }

    /**
     * Looks at the pending objects whose HEAD is due, {@code max} at most: the changes of those restored, to be
     * emitted now (read and emitted like any change); asks again for those archived again; forgets those gone.
     *
     * @throws RestoresNotImplementedException when the server answers {@code 501 NotImplemented}
     * @throws InterruptedException            when interrupted while pacing requests
     */
    public List<Change> due(int max) throws InterruptedException {
        Instant now = clock.instant();
        if (now.isBefore(earliest)) {
            return List.of();
        }
        List<Pending> due = pending.values().stream().filter(p -> !p.checkAt().isAfter(now)).limit(max).toList();
        List<Change> restored = new ArrayList<>();
        for (Pending candidate : due) {
            PendingRestore waiting = candidate.restore();
            ObjectVersion object = waiting.change().object();
            Optional<ObjectHead> head = ObjectHead.find(s3, bucket, object.key(), object.versionId());
            if (head.isEmpty()) {
                pending.remove(object.key());
                count = pending.size();
                state.forgetRestore(object.key());
                continue;
            }
            ObjectVersion current = new ObjectVersion(object.key(), head.get().versionId().or(object::versionId),
                    head.get().eTag(), head.get().size(), head.get().storageClass(), head.get().lastModified(), false);
            // Overwritten while waiting: the newer object is the one to emit, with the operation found first.
            Change change = current.sameAs(object) ? waiting.change() : new Change(waiting.change().operation(), current,
                    waiting.change().before(), Optional.empty(), false);
            RestoreStatus status = head.get().restore();
            if (status instanceof RestoreStatus.Archived && !request(change.object())) {
                restored.add(change); // refused: emitted without payload, as without --restore-archived
                continue;
            }
            if (status instanceof RestoreStatus.Archived || status instanceof RestoreStatus.Restoring) {
                if (change != waiting.change()) {
                    await(change);
                } else {
                    schedule(waiting, now.plus(settings.poll()));
                }
                continue;
            }
            // Readable: emitted now, keeping the time it has waited since (its position). Kept pending until it
            // is emitted, in case the read finds the object gone.
            schedule(new PendingRestore(change, waiting.since()), now.plus(settings.poll()));
            restored.add(change);
        }
        earliest = nextCheck().orElse(Instant.MAX);
        return restored;
    }

    /** An {@code ObjectRestore:Completed} event for {@code key}: its HEAD is due now. */
    public void restoreCompleted(String key) {
        Pending waiting = pending.get(key);
        if (waiting != null) {
            schedule(waiting.restore(), clock.instant());
        }
    }

    /** A record for {@code key} was emitted: it is the newest, so nothing waits for the key any more. */
    public void emitted(String key) {
        pending.remove(key);
        count = pending.size();
    }

    /**
     * The position of the record of a restored object that {@link #due} handed out: a CDC position made of the
     * time the source began to wait for it (not of the time it is emitted), so that a source restarted before
     * the record was committed emits it again at the same position, and a batch a host named after it replaces
     * itself.
     */
    public CdcPosition positionOf(Change restored) {
        Pending waiting = pending.get(restored.object().key());
        if (waiting == null) {
            throw new IllegalArgumentException("no restore of " + restored.object().key() + " is pending");
        }
        return new CdcPosition(waiting.restore().since(), Optional.of(restored.object().key()), restored.object().versionId());
    }

    /** Objects waiting for their restores. Safe from any thread. */
    public int pendingCount() {
        return count;
    }

    /** True while some object waits for its restore. */
    public boolean hasPending() {
        return !pending.isEmpty();
    }

    /**
     * Waits until a HEAD is due, or {@code until} at the latest.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    public void awaitDue(Instant until) throws InterruptedException {
        Instant now = clock.instant();
        Instant due = nextCheck().filter(next -> next.isBefore(until)).orElse(until);
        if (now.isBefore(due)) {
            Thread.sleep(Math.max(1, Duration.between(now, due).toMillis()));
        }
    }

    /** When the next HEAD is due, if anything is pending. */
    public Optional<Instant> nextCheck() {
        return pending.values().stream().map(Pending::checkAt).min(Instant::compareTo);
    }

    private void await(Change change) {
        Instant now = clock.instant();
        // Met again (a resumed snapshot, a repeated event): it waits since it was first met, its position unchanged.
        Pending known = pending.get(change.object().key());
        Instant since = known != null && known.restore().change().object().sameAs(change.object()) ? known.restore().since() : now;
        PendingRestore waiting = new PendingRestore(change, since);
        schedule(waiting, now.plus(settings.poll()));
        state.awaitRestore(waiting);
    }

    /** {@code waiting} waits, and its object is looked at {@code at}. */
    private void schedule(PendingRestore waiting, Instant at) {
        pending.put(waiting.key(), new Pending(waiting, at));
        count = pending.size();
        earliest = at.isBefore(earliest) ? at : earliest;
    }

    /**
     * Asks for the restore of {@code object}.
     *
     * @return true when a restore runs now (started, already running, or extended); false when it was refused,
     *         which is logged
     * @throws software.amazon.awssdk.core.exception.SdkException when the server kept throttling or failing after
     *         the client's retries: the source stops (and resumes where it stopped), rather than emitting the object
     *         without its payload for good, as it did
     */
    private boolean request(ObjectVersion object) throws InterruptedException {
        pacer.await();
        RestoreOutcome outcome = requester.request(bucket, object.key(), object.versionId(), object.storageClass(),
                settings.tier(), settings.days(), Optional.empty());
        return switch (outcome) {
            case RestoreOutcome.Started started -> true;
            case RestoreOutcome.Extended extended -> true;
            case RestoreOutcome.InProgress inProgress -> true;
            case RestoreOutcome.NotImplemented notImplemented -> throw new RestoresNotImplementedException(bucket);
            case RestoreOutcome.Gone gone -> {
                // Deleted since it was read: the next listing or event emits its delete, as for any object.
                LOG.log(System.Logger.Level.WARNING, TerminalText.escaped("restore of s3://" + bucket + "/" + object.key()
                        + " not requested (deleted since it was read): emitted without payload"));
                yield false;
            }
            case RestoreOutcome.Refused refused -> {
                // Escaped: a key, or a server's reason, may hold a newline that would forge a log line of its own.
                LOG.log(System.Logger.Level.WARNING, TerminalText.escaped("restore of s3://" + bucket + "/" + object.key()
                        + " not requested (" + refused.reason() + "): emitted without payload"));
                yield false;
            }
            case RestoreOutcome.Failed failed -> {
                LOG.log(System.Logger.Level.WARNING, TerminalText.escaped("restore of s3://" + bucket + "/" + object.key()
                        + " refused (" + failed.code() + "): emitted without payload"));
                yield false;
            }
        };
    }

    /** A record waiting for its object's restore, and when to look at it next. */
    private record Pending(PendingRestore restore, Instant checkAt) {
    }
}
