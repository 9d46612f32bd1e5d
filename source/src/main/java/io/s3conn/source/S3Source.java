package io.s3conn.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.record.Position;
import io.s3conn.core.record.Record;
import io.s3conn.core.s3.S3Endpoint;
import io.s3conn.core.text.TerminalText;
import io.s3conn.source.SourceProgress.Phase;
import io.s3conn.source.change.Change;
import io.s3conn.source.change.ChangeDetector;
import io.s3conn.source.change.ChangeFeed;
import io.s3conn.source.change.NotificationChangeDetector;
import io.s3conn.source.change.Detection;
import io.s3conn.source.change.HeadKeyLookup;
import io.s3conn.source.change.ListingChangeDetector;
import io.s3conn.source.change.ListingKeyLookup;
import io.s3conn.source.content.ObjectContentReader;
import io.s3conn.source.range.KeyRange;
import io.s3conn.source.range.OrderedParallelWalk;
import io.s3conn.source.range.RangePlanner;
import io.s3conn.source.range.WalkerSettings;
import io.s3conn.source.restore.ArchivedRestores;
import io.s3conn.source.position.CdcPosition;
import io.s3conn.source.position.ResumedListing;
import io.s3conn.source.position.SnapshotPosition;
import io.s3conn.source.position.SourcePosition;
import io.s3conn.source.snapshot.SnapshotReader;
import io.s3conn.source.state.SourceScope;
import io.s3conn.source.state.SourceState;
import io.s3conn.source.walk.CurrentObjectsWalk;
import io.s3conn.source.walk.KeyHistory;
import io.s3conn.source.walk.ObjectVersion;
import io.s3conn.source.walk.VersionsWalk;
import io.s3conn.source.walk.Walk;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A bucket as a stream of change records that a host drives: a snapshot of what is there, then CDC.
 *
 * <p>The host calls {@link #poll} for the next records and {@link #commit} once it has stored them.
 * The source persists its state (what it emitted per key, and its saved position) only for committed
 * positions, so a host that crashes before committing gets the uncommitted records again on restart,
 * and nothing committed is emitted twice. Change detection compares the bucket with everything
 * returned, committed or not, so a record is returned once per run however late it is committed.
 *
 * <p>{@code poll} is for one thread at a time; {@link #commit}, {@link #stop()} and {@link #progress()}
 * are safe from any thread (a batch writer's timer, a Kafka producer callback, a signal handler).
 * After {@code poll} threw, the source is spent: close it, and start a new one to resume. A source that saves
 * its position holds a lease on its state from its first poll until it is closed: a second source on the
 * same state fails its first poll with {@link io.s3conn.core.state.LeaseHeldException}.
 */
public final class S3Source implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(S3Source.class.getName());

    /** HEADs of pending restores per batch at most: a poll returns soon even when thousands complete at once. */
    private static final int RESTORED_PER_BATCH = 100;

    private final S3Client s3;
    private final S3SourceConfiguration config;
    private final Clock clock;
    private final Optional<SourcePosition> start;
    private final ChangeFeed feed;
    private final SourceState state;
    private final RecordFactory records;
    private final ObjectContentReader reader;
    /** With {@code --restore-archived}: the archived objects whose records wait for their restores. */
    private final Optional<ArchivedRestores> restores;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Object progressLock = new Object();
    private ExecutorService readPool;
    private volatile Walk<KeyHistory> listing;
    private boolean versionedBucket;
    private SnapshotReader snapshot;
    private Instant snapshotWatermark;
    private Optional<String> baselineUpTo = Optional.empty();
    /** The listing the start position is in, when the saved position is behind it there: see {@link #begin}. */
    private Optional<ResumedListing> stateBehind = Optional.empty();
    private volatile ChangeDetector detector;
    /** The key the CDC listing in hand reached (or the resumed position's), until it completes: see {@link #emit}. */
    private Optional<String> cdcKey = Optional.empty();
    /** Where CDC would resume now: the watermark of the changes detected last, or of the poll they completed. */
    private Instant cdcWatermark;
    /**
     * The watermark the changes brought by events were numbered under last, and the number given last: such changes
     * may concern one key several times before the next reconciling listing, and their positions would be alike
     * without it (a commit of one would then stop at the first of them). Reset with each new watermark, so that
     * no memory grows with the keys changed.
     */
    private Instant sequencedWatermark;
    private long lastSequence;
    /** The batch in hand holds records of restored archived objects, whose positions are not resume points. */
    private boolean restoredInHand;
    private ChangeBatch batch;
    private long recordsThisPoll;
    private volatile Phase phase = Phase.STARTING;
    private volatile boolean snapshotComplete;
    private volatile long returned;
    private volatile long polls;
    private volatile boolean lastPollFoundNothing;
    /**
     * The CDC poll in progress finishes one a stopped run was inside of, leaving the keys up to its position's to the
     * next poll (due at once): finding nothing, it does not make the source idle.
     */
    private boolean resumedPoll;

    /**
     * A source that starts reading on its first {@link #poll}. Nothing is requested from S3 or the
     * database before.
     *
     * @param s3       the client, owned by the caller
     * @param database the source's state; owned by the caller, used by this source only until it is closed
     * @param config   what to read and how
     * @param start    where to start; empty means the saved position (when positions are saved), else a new
     *                 snapshot (or CDC from now, in CDC mode). A position after the saved one in the same listing (a
     *                 host that stored records and crashed before it committed them) resumes on the state as it is: it
     *                 holds what was emitted up to the saved position's key, and the keys after it up to the position's
     *                 are taken as the host's ({@link ResumedListing#ofStateBehind}). A host that wrote the state ahead
     *                 ({@link #writeAhead()}) vouches with it that the records up to it were delivered: what it wrote
     *                 ahead up to it is persisted first ({@link SourceState#settleAhead}), so the state is not behind
     * @param clock    the time of records and of CDC polls
     */
    public S3Source(S3Client s3, Database database, S3SourceConfiguration config, Optional<SourcePosition> start,
                    Clock clock) {
        this(s3, database, config, start, clock, ChangeFeed.listing());
    }

    /**
     * A source whose CDC learns of changes from {@code feed}; see
     * {@link #S3Source(S3Client, Database, S3SourceConfiguration, Optional, Clock)}.
     *
     * @param feed listing, or S3 event notifications from a queue (whose reader this source then closes)
     */
    public S3Source(S3Client s3, Database database, S3SourceConfiguration config, Optional<SourcePosition> start,
                    Clock clock, ChangeFeed feed) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.config = Objects.requireNonNull(config, "config");
        this.start = Objects.requireNonNull(start, "start");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.state = new SourceState(database, config.stateName(), config.savePosition(),
                new SourceScope(config.bucket(), config.prefix()), S3Endpoint.of(s3));
        this.records = new RecordFactory(config.bucket(), clock);
        this.reader = new ObjectContentReader(s3, config.bucket(), config.content(), config.maxPayloadBytes());
        this.restores = config.restoreArchived().map(settings -> new ArchivedRestores(s3, config.bucket(), settings,
                config.maxPayloadBytes(), state, clock));
    }

    /**
     * The next records, at most {@link S3SourceConfiguration#readAhead()} of them, in emission order; see
     * {@link #poll(Duration, int)}.
     */
    public List<Record> poll(Duration timeout) throws InterruptedException {
        return poll(timeout, config.readAhead());
    }

    /**
     * The next records, in emission order: the records of at most one listing page, and no more than
     * {@code maxRecords}. Returns as soon as it has records; without any, it waits (listing, or pausing
     * between CDC polls) up to {@code timeout}, then returns an empty list. A single slow request to S3 may
     * make it return later. It also returns, possibly empty, at the end of every CDC poll, so that a host
     * sees {@link SourceProgress#idle()}; and an empty result means nothing more is there for now: a host
     * that buffers may store what it holds. After {@link #stop()}, and once the mode is done, it returns an
     * empty list at once.
     *
     * <p>Positions of one source are unique and ordered by emission. Each record counts as emitted (its
     * change is kept in the state) once a {@link #commit} covers its position.
     *
     * @param timeout    how long to wait for records when none are there
     * @param maxRecords records to return at most, at least 1
     * @throws InterruptedException when the polling thread is interrupted while waiting
     * @throws io.s3conn.core.state.LeaseHeldException on the first poll, when another source holds this state
     * @throws io.s3conn.source.state.StateScopeException on the first poll, when the state name was used for another
     *         bucket or prefix
     * @throws software.amazon.awssdk.core.exception.SdkException when S3 still fails after the SDK's retries (no such
     *         bucket, access refused, endpoint unreachable)
     * @throws io.s3conn.core.jdbc.DatabaseException when the state cannot be read or written
     */
    public List<Record> poll(Duration timeout, int maxRecords) throws InterruptedException {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be at least 1, was " + maxRecords);
        }
        Instant deadline = clock.instant().plus(Objects.requireNonNull(timeout, "timeout"));
        List<Record> out = new ArrayList<>();
        if (phase == Phase.STARTING && !stopping.get()) {
            begin();
        }
        while (!stopping.get() && out.size() < maxRecords) {
            if (batch != null && batch.hasNext()) {
                if (!out.isEmpty() && !batch.nextReady()) {
                    break; // hand over what is there rather than wait for S3
                }
                emit(batch.next(), out);
                continue;
            }
            if (batch != null) {
                if (finishBatch()) {
                    break;
                }
                // A page without records (its changes recorded silently, as a first poll's baseline is) is persisted
                // now, not queued until the call returns: a first poll of a large bucket, all of it baseline, held the
                // whole bucket's changes in memory. And the deadline holds between pages, so that a host whose records
                // wait for a commit gets them back to store, and what is queued behind them stays a page or so.
                notifyPersisted(state.settle());
                if (out.isEmpty() && !clock.instant().isBefore(deadline)) {
                    break;
                }
            }
            if (!out.isEmpty() || !nextBatch(deadline)) {
                break;
            }
        }
        notifyPersisted(state.settle());
        return out;
    }

    /**
     * Acknowledges the record at {@code position} and every record returned before it: their changes and
     * the position (or a checkpoint right behind them, such as the end of the snapshot) are persisted in one
     * transaction. A position not awaiting commit (committed already, or not returned by this source) changes
     * nothing, so a host may commit the same position twice, or positions out of order. Safe from any thread.
     *
     * @param position the position of a record returned by {@link #poll}
     * @throws io.s3conn.core.jdbc.DatabaseException when the state cannot be written; nothing of it was persisted
     */
    public void commit(Position position) {
        notifyPersisted(state.commit(Objects.requireNonNull(position, "position")));
    }

    /**
     * Writes what the records returned so far change in the state ahead, in one transaction, for a host that may
     * commit its own position before it calls {@link #commit}: the host settles it at its next start
     * ({@link SourceState#settleAhead}), so that a crash between the two leaves the state exact at the host's
     * position. Call it before handing the records on.
     *
     * @throws io.s3conn.core.jdbc.DatabaseException when the state cannot be written
     */
    public void writeAhead() {
        if (config.savePosition()) { // else nothing outlives the run, and nothing resumes from its rows
            state.writeAhead();
        }
    }

    /**
     * Asks the source to stop: a waiting {@link #poll} returns soon, and every later one returns nothing.
     * Nothing is committed by stopping. Safe from any thread.
     */
    public void stop() {
        stopping.set(true);
    }

    /** True once {@link #stop()} was called. */
    public boolean stopRequested() {
        return stopping.get();
    }

    /** Where the source stands. Safe from any thread. */
    public SourceProgress progress() {
        synchronized (progressLock) {
            return new SourceProgress(stopping.get() ? Phase.DONE : phase, snapshotComplete, returned, polls,
                    lastPollFoundNothing, listing == null ? 0 : listing.requestCount(), state.uncommitted(),
                    restores.map(ArchivedRestores::pendingCount).orElse(0));
        }
    }

    /** The last committed position saved under the configured state name, if any. */
    public Optional<SourcePosition> savedPosition() {
        return state.savedPosition();
    }

    /**
     * How many times a position was saved under the configured state name (0 before the first): with
     * {@link #savedPosition()}, it tells apart two saves of one position, which a source fed by S3 event notifications
     * makes between its reconciling listings ({@link SourceState#savedCount()}).
     */
    public long positionsSaved() {
        return state.savedCount();
    }

    /** Stops, and releases the reads in flight; commits nothing. */
    @Override
    public void close() {
        stop();
        if (batch != null) {
            batch.close();
            batch = null;
        }
        if (snapshot != null) {
            snapshot.close();
        }
        if (detector != null) {
            detector.close();
        } else if (feed instanceof ChangeFeed.Notifications notifications) {
            notifications.queue().close();
        }
        if (readPool != null) {
            readPool.shutdownNow();
        }
        state.release();
    }

    private void begin() {
        if (config.savePosition()) {
            state.hold(); // before anything is read: a second source on this state emits nothing
            // A host that gives a position vouches that the records up to it were delivered: what a run killed
            // between handing them on and committing them wrote ahead is persisted up to it, the rest dropped.
            long settled = state.settleAhead(start);
            if (settled > 0) {
                LOG.log(System.Logger.Level.INFO, "the state " + TerminalText.escaped(config.stateName()) + " takes the "
                        + settled + (settled == 1 ? " record" : " records") + " up to the position given, "
                        + TerminalText.escaped(start.orElseThrow().printable()) + ", that a stopped run wrote ahead");
            }
            // A state of another bucket or prefix would make its keys look deleted: refused. One of another endpoint
            // may be the same server under another address, or a migrated bucket: read on, with a warning.
            state.verifyScope().ifPresent(change -> LOG.log(System.Logger.Level.WARNING,
                    change.warning("what differs from what this state emitted is emitted as changes")));
        }
        versionedBucket = versioned();
        restores.ifPresent(ArchivedRestores::resume);
        listing = OrderedParallelWalk.of(walkUnderPrefix(config.prefix(), 1000), KeyHistory::key, config.prefix(),
                RangePlanner.of(s3, config.bucket(), config.prefix()), WalkerSettings.of(config.listConcurrency(), s3));
        Optional<SourcePosition> saved = config.savePosition() ? state.savedPosition() : Optional.empty();
        SourcePosition position = start.or(() -> saved).orElseGet(this::freshStart);
        // A host that stored records and crashed before it committed them starts from the last of them on a state
        // saved behind it: exact up to the state's key, the records after it up to the position's the host's alone.
        stateBehind = saved.flatMap(s -> ResumedListing.ofStateBehind(s, position));
        // A snapshot position from elsewhere (no state yet), or ahead of the state in its snapshot, vouches for the keys
        // up to its own that the state does not hold.
        baselineUpTo = position instanceof SnapshotPosition s && s.lastKey().isPresent()
                && (state.isEmpty() || stateBehind.isPresent()) ? s.lastKey() : Optional.empty();
        switch (position) {
            case SnapshotPosition s when config.mode() != SourceMode.CDC -> {
                snapshot = new SnapshotReader(listing, config.range(), config.prefix(), s.lastKey());
                snapshotWatermark = s.watermark();
                phase = Phase.SNAPSHOT;
            }
            case SnapshotPosition s -> continueSnapshotAsCdc(s);
            case CdcPosition c -> {
                snapshotComplete = true;
                expectCommittedKeys();
                // Until a snapshot or poll completed on the state, its first poll is a baseline, also when a run
                // stopped inside it left rows (a CDC start from now, killed after its first pages): objects older than
                // the position were there before it, and the keys the stopped run did not reach are recorded, not
                // emitted as creates. Once one completed, empty rows mean every key was deleted since, not that
                // nothing was compared yet: a version a removed delete marker uncovers is then a create, however old.
                startCdc(c, !state.historyKnown());
            }
        }
    }

    /**
     * Where a source without a saved position starts. Its watermark is part of every record's position, and
     * a host names what it stores after positions (the destination's exactly-once object names): it is saved
     * before the first record is returned, so that a run killed before its first commit reads the same
     * positions again instead of new ones that would store the same records a second time.
     */
    private SourcePosition freshStart() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // as precise as a saved position
        SourcePosition fresh = config.mode() == SourceMode.CDC
                ? new CdcPosition(now, Optional.empty())
                : new SnapshotPosition(now, Optional.empty());
        state.checkpoint(fresh);
        notifyPersisted(state.settle());
        return fresh;
    }

    /**
     * A source started in CDC plans its first listing from the keys it last committed, as a running source
     * plans each poll from the poll before: without it, the first poll of every run (each {@code source read},
     * each restarted task) asked the planner and listed parts ending with short pages, up to twice the
     * requests of a sequential listing.
     */
    private void expectCommittedKeys() {
        if (listing instanceof OrderedParallelWalk<KeyHistory> ordered) {
            ordered.expect(config.range(), keys -> state.committedKeysEvery(config.range(), listing.pageSize(), keys));
        }
    }

    /**
     * CDC mode from a position in a snapshot: what the snapshot did not reach comes as changes. Keys after the
     * position's are not in the state, so the first poll emits them as creates; keys up to it count as emitted when
     * older than the watermark ({@link #baselineUpTo}) and the state does not hold them. Taking every object older
     * than the watermark as emitted, as a CDC position does, would skip for good the objects the snapshot never read.
     *
     * <p>No CDC checkpoint is saved here: the snapshot position stays the resume point until a record or a poll of
     * this CDC is committed, since a CDC position saved now, with no rows behind it, would tell a run killed before
     * then that every older object was emitted.
     */
    private void continueSnapshotAsCdc(SnapshotPosition position) {
        snapshotComplete = true;
        startCdc(new CdcPosition(position.watermark(), Optional.empty()), false);
    }

    /** The snapshot this run read is done: the state holds everything emitted, even when that is nothing. */
    private void completeSnapshot(Instant watermark) {
        CdcPosition cdc = new CdcPosition(watermark, Optional.empty());
        state.checkpointCompleted(cdc);
        snapshot = null;
        snapshotComplete = true;
        startCdc(cdc, false);
    }

    /**
     * @param baseline the state holds nothing from before {@code position}: its first poll takes objects older than
     *                 the watermark as emitted by whatever made the position (see {@link ListingChangeDetector})
     */
    private void startCdc(CdcPosition position, boolean baseline) {
        cdcWatermark = position.watermark();
        if (config.mode() == SourceMode.SNAPSHOT) {
            // A CDC position: the snapshot completed earlier. Its archived objects are still to come, if any.
            phase = restores.filter(ArchivedRestores::hasPending).isPresent() ? Phase.RESTORING : Phase.DONE;
            return;
        }
        cdcKey = position.key();
        recordsThisPoll = 0; // the snapshot's records are not the first poll's
        // A position with a key and no sequence is inside a listing: a CDC poll's, or a reconciling listing's. One with a
        // sequence is a record events brought: its key says nothing of how far a listing went, and no record of the
        // listing that follows it under its watermark can have been committed before it (positions are saved in order).
        // Without state (a position from elsewhere, or a task's state dropped), a listing poll is resumed after the key
        // too: emitting the keys up to it again would put a key changed since under the very position of the record
        // emitted for it before. A notifications run without state keeps reconciling from the watermark alone.
        resumedPoll = position.key().isPresent() && (baseline
                ? feed instanceof ChangeFeed.Listing && position.sequence() == 0
                : feed instanceof ChangeFeed.Listing || position.sequence() == 0);
        // The keys up to the position's that the state may lack the records of are reconciled by the resumed poll: all
        // of them without state, those after the state's key with a state behind the position, none with one saved at it.
        Optional<ResumedListing> resumed = resumedPoll ? stateBehind.or(() -> position.key().map(
                after -> baseline ? ResumedListing.withoutState(after) : ResumedListing.exact(after))) : Optional.empty();
        detector = switch (feed) {
            case ChangeFeed.Listing ignored ->
                    new ListingChangeDetector(listing, config.range(), state, config.pollingPeriod(), clock, position.watermark(),
                            baseline, baselineUpTo, resumed);
            case ChangeFeed.Notifications notifications when !config.range().equals(KeyRange.ALL) ->
                    throw new IllegalArgumentException("S3 event notifications cover a whole prefix, not a key range: "
                            + "read " + config.range() + " by listing");
            // One request per key: a HEAD on unversioned buckets; the key's versions (one page) on versioned ones.
            case ChangeFeed.Notifications notifications -> new NotificationChangeDetector(listing,
                    versionedBucket ? new ListingKeyLookup(key -> walkUnderPrefix(key, 1000))
                            : new HeadKeyLookup(s3, config.bucket(), new ListingKeyLookup(key -> walkUnderPrefix(key, 1))),
                    notifications.queue(), state,
                    config.bucket(), config.prefix(), notifications.reconcileEvery(), clock, position.watermark(), baseline,
                    baselineUpTo, restores.<Consumer<String>>map(r -> r::restoreCompleted),
                    resumed);
        };
        phase = Phase.CDC;
    }

    /**
     * Takes the next page's changes into a batch.
     *
     * @return false when there is nothing more before the deadline
     */
    private boolean nextBatch(Instant deadline) throws InterruptedException {
        switch (phase) {
            case SNAPSHOT -> {
                Optional<List<Change>> page = snapshot.nextPage();
                if (page.isEmpty()) {
                    completeSnapshot(snapshotWatermark);
                    return phase != Phase.DONE;
                }
                Instant watermark = snapshotWatermark;
                batch = newBatch(page.get(), change -> new SnapshotPosition(watermark, Optional.of(change.object().key())),
                        Optional.empty());
                return true;
            }
            case CDC -> {
                if (restoredBatch()) {
                    return true;
                }
                // Slices of at most 100 ms, so that a stop() is noticed while waiting for the next poll.
                Instant slice = clock.instant().plusMillis(100);
                Detection detection = detector.detect(slice.isBefore(deadline) ? slice : deadline);
                if (detection.changes().isEmpty() && detection.pollCompleted().isEmpty()) {
                    return clock.instant().isBefore(deadline);
                }
                Instant watermark = detection.watermark();
                cdcWatermark = detection.pollCompleted().orElse(watermark);
                if (detection.pollCompleted().isPresent()) {
                    cdcKey = Optional.empty(); // a position with a key would be one inside the next poll
                }
                List<Change> changes = restores.map(r -> r.screen(detection.changes(), detector::skipped))
                        .orElse(detection.changes());
                Map<Change, Long> sequences = detection.fromEvents() ? numbered(changes, watermark) : Map.of();
                batch = newBatch(changes, change -> new CdcPosition(watermark, Optional.of(change.object().key()),
                                change.deleteMarker().or(() -> Optional.of(change.object())).flatMap(ObjectVersion::versionId),
                                sequences.getOrDefault(change, 0L)),
                        detection.pollCompleted().map(next -> new CdcPosition(next, Optional.empty())));
                return true;
            }
            case RESTORING -> {
                if (!restores.orElseThrow().hasPending()) {
                    phase = Phase.DONE;
                    return false;
                }
                if (restoredBatch()) {
                    return true;
                }
                // Slices of at most 100 ms, so that a stop() is noticed while waiting for the next HEAD.
                Instant slice = clock.instant().plusMillis(100);
                restores.get().awaitDue(slice.isBefore(deadline) ? slice : deadline);
                return clock.instant().isBefore(deadline);
            }
            default -> {
                return false;
            }
        }
    }

    /**
     * The sequence of each of {@code changes} brought by events under {@code watermark}: the numbers after those
     * given under it before, from 1. A listing's changes have none (0): a listing finds a key once, and on
     * versioned buckets each version once, so its positions differ from one another and from the numbered ones.
     */
    private Map<Change, Long> numbered(List<Change> changes, Instant watermark) {
        if (!watermark.equals(sequencedWatermark)) {
            sequencedWatermark = watermark;
            lastSequence = 0;
        }
        Map<Change, Long> sequences = new IdentityHashMap<>();
        for (Change change : changes) {
            sequences.put(change, ++lastSequence);
        }
        return sequences;
    }

    /**
     * Takes the archived objects whose restores completed into a batch, if there are any. Their records come
     * after the snapshot (a snapshot position names the last key read, which they would move back), with CDC
     * positions of the time the source began to wait for them ({@link ArchivedRestores#positionOf}).
     */
    private boolean restoredBatch() throws InterruptedException {
        if (restores.isEmpty()) {
            return false;
        }
        List<Change> restored = restores.get().due(RESTORED_PER_BATCH);
        if (restored.isEmpty()) {
            return false;
        }
        batch = newBatch(restored, restores.get()::positionOf, Optional.empty());
        restoredInHand = true;
        return true;
    }

    private ChangeBatch newBatch(List<Change> changes, Function<Change, SourcePosition> positions,
                                 Optional<SourcePosition> completesPoll) {
        if (readPool == null) {
            readPool = Executors.newFixedThreadPool(config.readAhead(), runnable -> {
                Thread thread = new Thread(runnable, "s3conn-source-read");
                thread.setDaemon(true);
                return thread;
            });
        }
        restoredInHand = false;
        return new ChangeBatch(changes, positions, completesPoll, readPool, config.readAhead(), reader::read);
    }

    /**
     * Closes the exhausted batch; at the end of a CDC poll, counts it and queues its checkpoint.
     *
     * @return true when a CDC poll completed
     */
    private boolean finishBatch() {
        batch.close();
        Optional<SourcePosition> completesPoll = batch.completesPoll();
        batch = null;
        if (completesPoll.isEmpty()) {
            return false;
        }
        state.checkpointCompleted(completesPoll.get());
        synchronized (progressLock) {
            polls++;
            lastPollFoundNothing = recordsThisPoll == 0 && !resumedPoll;
        }
        recordsThisPoll = 0;
        resumedPoll = false;
        return true;
    }

    private void emit(ChangeBatch.Item item, List<Record> out) throws InterruptedException {
        Change change = item.change();
        if (change.silent()) {
            state.recordSilently(change);
            return;
        }
        Record record;
        Optional<ObjectVersion> readInstead = Optional.empty();
        if (change.removesKey()) {
            record = records.delete(item.position(), change.before().orElseThrow(), change.deleteMarker());
        } else if (item.content().isPresent()) {
            if (restores.isPresent() && restores.get().defer(change, item.content().get())) {
                if (detector != null) {
                    detector.skipped(change); // kept in the state as pending instead: its own record comes later
                }
                return;
            }
            record = records.object(change.operation(), item.position(), change.object(), item.content().get(), change.before());
            readInstead = item.content().get().overwrittenBy();
        } else {
            if (detector != null) {
                detector.skipped(change);
            }
            return; // deleted since it was listed: the next CDC poll reports what is left to report
        }
        state.emitted(item.position(), change, readInstead);
        restores.ifPresent(r -> r.emitted(change.object().key()));
        if (restoredInHand) {
            // Its position holds an earlier time: resuming from it would change the positions of the changes after.
            state.checkpoint(new CdcPosition(cdcWatermark, cdcKey));
        } else if (item.position() instanceof CdcPosition at && at.sequence() == 0 && at.watermark().equals(cdcWatermark)) {
            // How far the listing in hand went (not its last page, whose records carry the watermark before the one it
            // completes): a restored record between its pages checkpoints there. Without the key, a run stopped right
            // after listed the whole poll again under its watermark, and a key of the pages before that changed since
            // came under the very position of the record committed for it.
            cdcKey = at.key();
        }
        out.add(record);
        recordsThisPoll++;
        synchronized (progressLock) {
            returned++;
        }
    }

    private void notifyPersisted(List<Change> changes) {
        ChangeDetector current = detector;
        if (!changes.isEmpty() && current != null) {
            current.committed(changes);
        }
    }

    /** The walk of this bucket's kind over the keys under {@code prefix}. */
    private Walk<KeyHistory> walkUnderPrefix(String prefix, int pageSize) {
        return versionedBucket ? new VersionsWalk(s3, config.bucket(), prefix, pageSize, false)
                : new CurrentObjectsWalk(s3, config.bucket(), prefix, pageSize, false).asHistories();
    }

    private boolean versioned() {
        BucketVersioningStatus status;
        try {
            status = s3.getBucketVersioning(b -> b.bucket(config.bucket())).status();
        } catch (S3Exception e) {
            if (e.statusCode() == 403) {
                throw new VersioningRefusedException(config.bucket(), e);
            }
            throw e;
        }
        return status == BucketVersioningStatus.ENABLED || status == BucketVersioningStatus.SUSPENDED;
    }
}
