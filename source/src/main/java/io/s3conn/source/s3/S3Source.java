package io.s3conn.source.s3;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.json.Json;
import io.s3conn.core.record.Operation;
import io.s3conn.core.record.Record;
import io.s3conn.core.state.JdbcCheckpointStore;
import io.s3conn.source.position.CdcPosition;
import io.s3conn.source.range.KeyRange;
import io.s3conn.source.walk.CurrentObjectsWalk;
import io.s3conn.source.walk.KeyHistory;
import io.s3conn.source.walk.ObjectVersion;
import io.s3conn.source.walk.VersionsWalk;
import io.s3conn.source.walk.Walk;
import io.s3conn.source.walk.WalkPage;
import io.s3conn.source.position.SnapshotPosition;
import io.s3conn.source.position.SourcePosition;
import io.s3conn.source.position.SourcePositions;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * A bucket as a stream of change records: a snapshot of what is there, then CDC by polling.
 *
 * <p>Every emitted object is recorded in the source's on-disk state (key, version, ETag,
 * LastModified) right after the {@link RecordHandler} took it, together with the new position. CDC
 * compares each listing, page by page, with that state: new keys are creates, different versions
 * updates (on versioned buckets every version in between, in order), keys gone or behind a delete
 * marker deletes. So nothing changed during the snapshot is lost, nothing the snapshot emitted is
 * emitted again, and memory stays flat however large the bucket is.
 */
public final class S3Source {

    private static final String CHECKPOINT_PREFIX = "source:";

    private final S3Client s3;
    private final Database database;
    private final S3SourceConfiguration config;
    private final Clock clock;
    private final SourceStateTable state;
    private final JdbcCheckpointStore checkpoints;
    private final RecordFactory records;
    private final ObjectContentReader reader;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Optional<Database> acknowledgements;
    private final Queue<PendingRecord> pending = new ConcurrentLinkedQueue<>();
    private Walk<KeyHistory> listing;
    private long emitted;
    private long limit = Long.MAX_VALUE;
    private Optional<String> baselineUpTo = Optional.empty();

    public S3Source(S3Client s3, Database database, S3SourceConfiguration config, Clock clock) {
        this(s3, database, Optional.empty(), config, clock);
    }

    /**
     * A source whose records count as emitted only once a {@link RecordSink} acknowledges them.
     *
     * @param acknowledgements a second connection to the same database, on which acknowledgements
     *                         (which may come from the sink's timer thread) are written
     */
    public static S3Source acknowledged(S3Client s3, Database database, Database acknowledgements,
                                        S3SourceConfiguration config, Clock clock) {
        return new S3Source(s3, database, Optional.of(acknowledgements), config, clock);
    }

    private S3Source(S3Client s3, Database database, Optional<Database> acknowledgements, S3SourceConfiguration config,
                     Clock clock) {
        this.acknowledgements = acknowledgements;
        this.s3 = s3;
        this.database = database;
        this.config = config;
        this.clock = clock;
        this.state = new SourceStateTable(database, config.stateName());
        this.checkpoints = new JdbcCheckpointStore(database);
        this.records = new RecordFactory(config.bucket(), clock);
        this.reader = new ObjectContentReader(s3, config.bucket(), config.content(), config.maxPayloadBytes());
    }

    /** The position saved under the configured state name, if any. */
    public Optional<SourcePosition> savedPosition() {
        return checkpoints.load(CHECKPOINT_PREFIX + config.stateName()).map(json -> {
            try {
                return SourcePositions.parse(Json.mapper().readTree(json).path("position").asText());
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new IllegalStateException("checkpoint " + CHECKPOINT_PREFIX + config.stateName()
                        + " is damaged and cannot be read", e);
            }
        });
    }

    /** Asks a running source to stop after the record in hand; safe from any thread. */
    public void stop() {
        stopping.set(true);
    }

    /**
     * Runs until the mode is done, {@link #stop()} is called, {@code maxRecords} records were emitted,
     * or (with {@code stopWhenIdle}) a CDC poll finds nothing.
     *
     * @param start      where to start; empty means the saved position, else a new snapshot (or CDC from now)
     * @param handler    receives every record
     * @param maxRecords stop after this many records
     * @param stopWhenIdle stop after the first CDC poll that emits nothing
     * @return what the run did
     */
    public SourceRun run(Optional<SourcePosition> start, RecordHandler handler, long maxRecords, boolean stopWhenIdle)
            throws Exception {
        limit = maxRecords;
        emitted = 0;
        listing = versioned() ? new VersionsWalk(s3, config.bucket(), config.prefix())
                : new CurrentObjectsWalk(s3, config.bucket(), config.prefix()).asHistories();
        SourcePosition position = start
                .or(() -> config.savePosition() ? savedPosition() : Optional.empty())
                .orElseGet(() -> config.mode() == SourceMode.CDC
                        ? new CdcPosition(now(), Optional.empty())
                        : new SnapshotPosition(now(), Optional.empty()));
        long polls = 0;
        baselineUpTo = position instanceof SnapshotPosition s && s.lastKey().isPresent() && state.isEmpty()
                ? s.lastKey() : Optional.empty();
        if (position instanceof SnapshotPosition snapshot) {
            if (config.mode() != SourceMode.CDC) {
                if (!snapshot(snapshot, handler)) {
                    return result(polls);
                }
            }
            drain(handler);
            position = new CdcPosition(snapshot.watermark(), Optional.empty());
            savePosition(position);
        }
        if (config.mode() == SourceMode.SNAPSHOT) {
            return result(polls); // done, or done earlier: a CDC position means the snapshot completed
        }
        CdcPosition cdc = (CdcPosition) position;
        while (!stopRequested()) {
            Instant pollStart = now();
            long before = emitted;
            if (!poll(cdc, handler)) {
                break;
            }
            drain(handler);
            polls++;
            baselineUpTo = Optional.empty();
            cdc = new CdcPosition(pollStart, cdc.key());
            savePosition(cdc);
            if (stopWhenIdle && emitted == before) {
                break;
            }
            sleep();
        }
        return result(polls);
    }

    private void savePosition(SourcePosition position) {
        if (config.savePosition()) {
            synchronized (pending) {
                acknowledgements.orElse(database).inTransaction(connection -> {
                    checkpoints.saveIn(connection, CHECKPOINT_PREFIX + config.stateName(),
                            Json.write(Map.of("position", position.printable())));
                    return null;
                });
            }
        }
    }

    private static void drain(RecordHandler handler) throws Exception {
        if (handler instanceof RecordSink sink) {
            sink.drain();
        }
    }

    /**
     * Records the next {@code records} records handed to the sink as emitted, with the position of
     * the last of them. Thread-safe; for sources made with {@link #acknowledged}.
     */
    public void acknowledge(int records) {
        Database target = acknowledgements.orElseThrow(() -> new IllegalStateException("this source acknowledges by itself"));
        synchronized (pending) {
            target.inTransaction(connection -> {
                PendingRecord last = null;
                for (int i = 0; i < records; i++) {
                    last = pending.remove();
                    last.change().apply(connection);
                }
                if (last != null && config.savePosition()) {
                    checkpoints.saveIn(connection, CHECKPOINT_PREFIX + config.stateName(),
                            Json.write(Map.of("position", last.position().printable())));
                }
                return null;
            });
        }
    }

    private SourceRun result(long polls) {
        return new SourceRun(emitted, polls, listing.requestCount());
    }

    private boolean versioned() {
        BucketVersioningStatus status = s3.getBucketVersioning(b -> b.bucket(config.bucket())).status();
        return status == BucketVersioningStatus.ENABLED || status == BucketVersioningStatus.SUSPENDED;
    }

    /** Emits every current object after the position's key; false when stopped before the end. */
    private boolean snapshot(SnapshotPosition from, RecordHandler handler) throws Exception {
        Iterator<WalkPage<KeyHistory>> pages = listing.pages(KeyRange.after(from.lastKey()));
        while (pages.hasNext()) {
            WalkPage<KeyHistory> page = pages.next();
            List<ObjectVersion> current = page.entries().stream().map(KeyHistory::latest).filter(v -> !v.deleteMarker()).toList();
            try (Reads reads = new Reads(current)) {
                while (reads.hasNext()) {
                    if (stopRequested()) {
                        return false;
                    }
                    Read read = reads.next();
                    if (read.content().isEmpty()) {
                        continue; // deleted since it was listed: CDC has nothing to report either
                    }
                    SnapshotPosition at = new SnapshotPosition(from.watermark(), Optional.of(read.object().key()));
                    Record record = records.object(Operation.SNAPSHOT, at, read.object(), read.content().get(), Optional.empty());
                    emit(handler, record, at, connection -> state.put(connection, read.object()));
                }
            }
        }
        return !stopRequested();
    }

    /** One CDC poll: the whole listing compared with the state, page by page; false when stopped. */
    private boolean poll(CdcPosition position, RecordHandler handler) throws Exception {
        // Without state (a position brought from elsewhere), objects older than the watermark are taken
        // as already emitted: recorded silently, not emitted. At or after it (whole seconds, so nothing
        // sharing the watermark's second is skipped, as Conduit does), they are creates.
        boolean baseline = state.isEmpty();
        Instant watermark = position.watermark().truncatedTo(ChronoUnit.SECONDS);
        Iterator<WalkPage<KeyHistory>> pages = listing.pages(KeyRange.ALL);
        while (pages.hasNext()) {
            WalkPage<KeyHistory> page = pages.next();
            Map<String, ObjectVersion> known = state.range(page.covered().after(), page.covered().upTo());
            List<Change> changes = new ArrayList<>();
            for (KeyHistory history : page.entries()) {
                boolean keyBaseline = baseline || baselineUpTo.filter(
                        upTo -> KeyRange.compareKeys(history.key(), upTo) <= 0).isPresent();
                changes.addAll(Change.between(Optional.ofNullable(known.remove(history.key())), history, keyBaseline, watermark));
            }
            known.values().forEach(vanished -> changes.add(Change.deleted(vanished, Optional.empty())));
            if (!emitChanges(changes, position, handler)) {
                return false;
            }
        }
        return true;
    }

    private boolean emitChanges(List<Change> changes, CdcPosition position, RecordHandler handler) throws Exception {
        List<ObjectVersion> toRead = changes.stream().filter(c -> c.operation() != Operation.DELETE && !c.silent())
                .map(Change::object).toList();
        try (Reads reads = new Reads(toRead)) {
            for (Change change : changes) {
                if (stopRequested()) {
                    return false;
                }
                CdcPosition at = new CdcPosition(position.watermark(), Optional.of(change.object().key()),
                    change.deleteMarker().or(() -> Optional.of(change.object())).flatMap(ObjectVersion::versionId));
                if (change.silent()) {
                    database.inTransaction(connection -> {
                        state.put(connection, change.object());
                        return null;
                    });
                } else if (change.operation() == Operation.DELETE) {
                    Record record = records.delete(at, change.before().orElseThrow(), change.deleteMarker());
                    emit(handler, record, at, connection -> state.remove(connection, change.object().key()));
                } else {
                    Read read = reads.next();
                    if (read.content().isEmpty()) {
                        continue; // gone again before it could be read: the next poll reports the delete
                    }
                    Record record = records.object(change.operation(), at, change.object(), read.content().get(), change.before());
                    emit(handler, record, at, connection -> state.put(connection, change.object()));
                }
            }
        }
        return true;
    }

    /** Reads objects with up to {@code readAhead} requests in flight, results in order, no further ahead. */
    private final class Reads implements AutoCloseable {
        private final ExecutorService pool;
        private final Iterator<ObjectVersion> next;
        private final Deque<Future<Read>> window = new ArrayDeque<>();

        Reads(List<ObjectVersion> objects) {
            pool = Executors.newFixedThreadPool(Math.max(1, Math.min(config.readAhead(), objects.size())));
            next = objects.iterator();
            fill();
        }

        private void fill() {
            while (next.hasNext() && window.size() < config.readAhead()) {
                ObjectVersion object = next.next();
                window.add(pool.submit(() -> new Read(object, reader.read(object))));
            }
        }

        boolean hasNext() {
            return !window.isEmpty();
        }

        Read next() throws Exception {
            try {
                Read read = window.removeFirst().get();
                fill();
                return read;
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }

        @Override
        public void close() {
            window.forEach(f -> f.cancel(true));
            pool.shutdownNow();
        }
    }

    private void emit(RecordHandler handler, Record record, SourcePosition at, StateChange change) throws Exception {
        if (acknowledgements.isPresent()) {
            // Queued first: accepting may store the batch and acknowledge this very record.
            pending.add(new PendingRecord(at, change));
            handler.accept(record);
            emitted++;
            return;
        }
        handler.accept(record);
        database.inTransaction(connection -> {
            change.apply(connection);
            if (config.savePosition()) {
                checkpoints.saveIn(connection, CHECKPOINT_PREFIX + config.stateName(),
                        Json.write(Map.of("position", at.printable())));
            }
            return null;
        });
        emitted++;
    }

    private boolean stopRequested() {
        return stopping.get() || emitted >= limit;
    }

    private void sleep() {
        long until = System.nanoTime() + config.pollingPeriod().toNanos();
        while (!stopRequested() && System.nanoTime() < until) {
            try {
                Thread.sleep(Math.max(1, Math.min(100, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
            }
        }
    }

    private Instant now() {
        return clock.instant();
    }

    private record Read(ObjectVersion object, Optional<ObjectContent> content) {
    }

    private record PendingRecord(SourcePosition position, StateChange change) {
    }

    @FunctionalInterface
    private interface StateChange {
        void apply(java.sql.Connection connection) throws java.sql.SQLException;
    }
}
