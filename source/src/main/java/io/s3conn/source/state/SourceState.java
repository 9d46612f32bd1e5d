package io.s3conn.source.state;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.ObjLongConsumer;

import com.fasterxml.jackson.databind.JsonNode;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.json.Json;
import io.s3conn.core.record.Position;
import io.s3conn.core.s3.S3Endpoint;
import io.s3conn.core.state.CheckpointJson;
import io.s3conn.core.state.EndpointChange;
import io.s3conn.core.state.JdbcCheckpointStore;
import io.s3conn.core.state.RunLease;
import io.s3conn.source.change.Change;
import io.s3conn.source.position.SourcePosition;
import io.s3conn.source.position.SourcePositions;
import io.s3conn.source.range.KeyRange;
import io.s3conn.source.state.SourceAheadTable.Kind;
import io.s3conn.source.walk.ObjectVersion;

/**
 * A source's state: what it emitted per key ({@code s3conn_source_objects}), the archived objects it waits
 * for the restores of ({@code s3conn_source_restores}) and its saved position (checkpoint
 * {@code source:<name>}, with the bucket, prefix and endpoint it was saved for), persisted only for committed
 * positions.
 *
 * <p>Everything the source does is queued here in emission order: a record returned at a position,
 * an object recorded silently, a checkpoint reached (the end of the snapshot or of a CDC poll). A
 * {@link #commit} of a position persists, in one transaction, every entry up to and including that
 * record and the silent entries, pending restores and checkpoints right behind it, and saves the last
 * position among them. A record persisted for a key ends any wait for a restore of that key: it is
 * newer. Entries without a record ahead of them uncommitted are persisted by {@link #settle()}.
 * Change detection sees the persisted rows with the queued entries laid over them, so a record
 * returned but not yet committed is not found again as a change.
 *
 * <p>A host whose own record of the position can be committed before the state is (Kafka Connect flushes a task's
 * offsets, then asks it to commit) writes the queue ahead ({@link #writeAhead()}) before it hands records on, and
 * settles what was written ahead with its own position at its next start ({@link #settleAhead}): the entries up to
 * that position are persisted as a commit of it would have, the rest dropped. The state is then exact at the host's
 * position, not behind it.
 *
 * <p>Thread-safe: the host may commit from any thread while the source polls; every use of the
 * database goes through this object's lock.
 */
public final class SourceState implements EmittedObjects {

    private static final String CHECKPOINT_PREFIX = "source:";

    private final Database database;
    private final SourceStateTable table;
    private final SourceRestoreTable restores;
    private final SourceAheadTable ahead;
    private final JdbcCheckpointStore checkpoints;
    private final String name;
    private final String checkpointName;
    private final boolean savePosition;
    private final SourceScope scope;
    private final S3Endpoint endpoint;
    private final Deque<Entry> queue = new ArrayDeque<>();
    private long uncommittedRecords;
    /** The number of the queue's first entry: entries are numbered from 1 in the order they are queued. */
    private long headNumber = 1;
    /** One past the number of the last entry written ahead; 0 while nothing was ({@link #writeAhead()}). */
    private long aheadEnd;
    private Optional<RunLease> lease = Optional.empty();
    /**
     * The saved checkpoint as last read or saved while the lease is held; null when not known that way. A source's
     * start asks it for its scope, position, count of saves and completeness, and a pipeline for the position at every
     * batch: read once, not once for each.
     */
    private Optional<JsonNode> checkpoint;
    /** Whether restores may be pending: only then does a persisted record also clear its key's row there. */
    private boolean restoresPending;
    /**
     * Whether the rows are known to hold everything emitted under this name: a snapshot or a CDC poll completed on
     * them (persisted). Null until read from the saved checkpoint.
     */
    private Boolean historyKnown;

    /**
     * @param database     the database, used only under this object's lock from now on
     * @param name         the state name: rows and checkpoint are kept under it
     * @param savePosition whether committed positions are saved (rows are kept either way)
     * @param scope        the bucket and prefix the source reads, saved with the position
     * @param endpoint     the server the source reads them from, saved with the position: a bucket is known by its
     *                     name only on one server
     */
    public SourceState(Database database, String name, boolean savePosition, SourceScope scope, S3Endpoint endpoint) {
        this.database = Objects.requireNonNull(database, "database");
        this.name = Objects.requireNonNull(name, "name");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.table = new SourceStateTable(database, name);
        this.restores = new SourceRestoreTable(database, name);
        this.ahead = new SourceAheadTable(database, name);
        this.checkpoints = new JdbcCheckpointStore(database);
        this.checkpointName = CHECKPOINT_PREFIX + name;
        this.savePosition = savePosition;
    }

    /**
     * Takes the lease on this state ({@code source:<name>}), renewed with every persisted entry, so that two
     * sources on the same state never interleave.
     *
     * @throws io.s3conn.core.state.LeaseHeldException when another live source holds it
     */
    public synchronized void hold() {
        if (lease.isEmpty()) {
            lease = Optional.of(RunLease.acquire(database, checkpointName));
        }
    }

    /**
     * Takes the lease on state {@code name} over from its holder, alive or not, for the next source of this
     * process on it ({@link RunLease#takeOver(Database, String)}): for hosts that run each state in one place by
     * other means, such as Kafka Connect's tasks.
     */
    public static void takeOver(Database database, String name) {
        RunLease.takeOver(database, CHECKPOINT_PREFIX + name);
    }

    /**
     * Deletes state {@code name} (what it emitted, its pending restores, what was written ahead and its saved position) in one
     * transaction, for a host whose own record of the position disagrees with the saved one: a source on it
     * then starts from the host's position alone. Call it before a source on the state starts, after
     * {@link #takeOver}, so that no other source writes it meanwhile.
     */
    public static void clear(Database database, String name) {
        database.inTransaction(connection -> {
            new SourceStateTable(database, name).clear(connection);
            new SourceRestoreTable(database, name).clear(connection);
            new SourceAheadTable(database, name).clear(connection);
            new JdbcCheckpointStore(database).deleteIn(connection, CHECKPOINT_PREFIX + name);
            return null;
        });
    }

    /** Gives the lease up, if held; never throws. */
    public synchronized void release() {
        lease.ifPresent(RunLease::close);
        lease = Optional.empty();
        checkpoint = null;
    }

    /**
     * The last committed position saved under state {@code name}, if any, read without a source: for a host that
     * decides where a source on that state starts from it ({@link #clear} when it disagrees with the host's own).
     */
    public static Optional<SourcePosition> savedPosition(Database database, String name) {
        String checkpointName = CHECKPOINT_PREFIX + name;
        return positionIn(checkpointName, new JdbcCheckpointStore(database).load(checkpointName)
                .map(json -> CheckpointJson.read(checkpointName, json)));
    }

    /**
     * The last committed position saved under this name, if any. Read from the database once while the lease
     * is held (nobody else writes it then), and kept as this state saves it: a pipeline asks at every batch.
     */
    public synchronized Optional<SourcePosition> savedPosition() {
        return positionIn(checkpointName, loadCheckpoint());
    }

    /**
     * How many times a position was saved under this name (0 before the first save, and for a state saved before they
     * were counted). The same position can be saved again and again: a source fed by S3 event notifications saves the
     * watermark of its last reconciling listing each time the queue runs dry, until its next listing. With {@link #savedPosition()}, this tells such saves apart: a host that names
     * what it stores after the saved position (a pipeline's batches) would otherwise give two batches one name, and the
     * second would replace the first. Read and kept as {@link #savedPosition()} is.
     */
    public synchronized long savedCount() {
        return loadCheckpoint().map(json -> json.path("saves").asLong(0)).orElse(0L);
    }

    private static Optional<SourcePosition> positionIn(String checkpointName, Optional<JsonNode> checkpoint) {
        return checkpoint.map(json -> {
            try {
                return SourcePositions.parse(json.path("position").asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(CheckpointJson.damaged(checkpointName, "its position: " + e.getMessage()), e);
            }
        });
    }

    /**
     * Refuses a state saved for another bucket or prefix than this source's. A state saved before scopes (or
     * endpoints) were recorded is taken as this source's own, and records them with its next commit.
     *
     * @return the change of server, when the state was saved reading another endpoint: its rows are then compared
     *         with this server's listing, so what differs is emitted as changes, and the host says so
     * @throws StateScopeException when the saved position names another scope
     */
    public synchronized Optional<EndpointChange> verifyScope() {
        Optional<JsonNode> checkpoint = loadCheckpoint();
        checkpoint.flatMap(SourceState::scopeIn).ifPresent(saved -> {
            if (!saved.equals(scope)) {
                throw new StateScopeException(name, saved, scope);
            }
        });
        return checkpoint.flatMap(SourceState::endpointIn)
                .filter(saved -> !saved.equals(endpoint))
                .map(saved -> new EndpointChange("state " + name + " of " + scope, saved, endpoint));
    }

    /** The bucket and prefix a checkpoint was saved for; empty for one saved before scopes were recorded. */
    private static Optional<SourceScope> scopeIn(JsonNode checkpoint) {
        return checkpoint.hasNonNull("bucket")
                ? Optional.of(new SourceScope(checkpoint.path("bucket").asText(), checkpoint.path("prefix").asText()))
                : Optional.empty();
    }

    /** The endpoint a checkpoint was saved reading; empty for one saved before endpoints were recorded. */
    private static Optional<S3Endpoint> endpointIn(JsonNode checkpoint) {
        return checkpoint.hasNonNull("endpoint") ? Optional.of(new S3Endpoint(checkpoint.path("endpoint").asText()))
                : Optional.empty();
    }

    /** The saved checkpoint: read from the database once while the lease is held (nobody else writes it then). */
    private Optional<JsonNode> loadCheckpoint() {
        if (checkpoint != null) {
            return checkpoint;
        }
        Optional<JsonNode> loaded = checkpoints.load(checkpointName).map(json -> CheckpointJson.read(checkpointName, json));
        if (lease.isPresent()) {
            checkpoint = loaded;
        }
        return loaded;
    }

    /** A record of {@code change} was handed to the host at {@code position}. */
    public synchronized void emitted(SourcePosition position, Change change) {
        emitted(position, change, Optional.empty());
    }

    /**
     * A record of {@code change} was handed to the host at {@code position}, carrying {@code readInstead} when the
     * read found that object in place of the change's (the key was overwritten between its lookup and its GET): that
     * object is what the record holds, so it is what the state keeps as emitted, else the next look at the key would
     * find the object the record already holds and emit it again. The commit still returns {@code change} itself.
     */
    public synchronized void emitted(SourcePosition position, Change change, Optional<ObjectVersion> readInstead) {
        queue.add(new Emitted(position, change, readInstead));
        uncommittedRecords++;
    }

    /** {@code change} is to be recorded without a record of its own, once everything before it is committed. */
    public synchronized void recordSilently(Change change) {
        queue.add(new Silent(change));
    }

    /**
     * A record waits for the restore of its archived object: kept as pending once everything before it is
     * committed, replacing what was pending for its key.
     */
    public synchronized void awaitRestore(PendingRestore pending) {
        restoresPending = true;
        queue.add(new Deferred(pending));
    }

    /** Nothing waits for a restore of {@code key} any more (the object is gone), once everything before is committed. */
    public synchronized void forgetRestore(String key) {
        queue.add(new Forgotten(key));
    }

    /**
     * The records that wait for a restore, in key order: as persisted, with what is queued laid over them. Each
     * change carries the operation it was found with and, for an update, what was emitted for its key.
     */
    public synchronized List<PendingRestore> pendingRestores() {
        SortedMap<String, PendingRestore> pending = new TreeMap<>(KeyRange.KEY_ORDER);
        for (SourceRestoreTable.Pending row : restores.all()) {
            pending.put(row.object().key(), new PendingRestore(new Change(row.operation(), row.object(),
                    find(row.object().key()), Optional.empty(), false), row.since()));
        }
        for (Entry entry : queue) {
            switch (entry) {
                case Deferred deferred -> pending.put(deferred.what().key(), deferred.what());
                case Forgotten forgotten -> pending.remove(forgotten.key());
                default -> entry.change().ifPresent(change -> pending.remove(change.object().key()));
            }
        }
        restoresPending |= !pending.isEmpty();
        return List.copyOf(pending.values());
    }

    /** The source may resume from {@code position} once everything before it is committed. */
    public synchronized void checkpoint(SourcePosition position) {
        queue.add(new Checkpoint(position, false));
    }

    /**
     * As {@link #checkpoint}, at the end of a snapshot or CDC poll that compared the whole scope with these rows:
     * once persisted, the rows hold everything emitted, so that empty rows mean every key emitted was deleted since,
     * not that nothing was compared yet ({@link #historyKnown()}).
     */
    public synchronized void checkpointCompleted(SourcePosition position) {
        queue.add(new Checkpoint(position, true));
    }

    /**
     * Whether a snapshot or a CDC poll completed on this state (committed): its rows are then what was emitted, even
     * when there are none. Without it, a state whose rows are empty may be one whose first poll never completed (a
     * CDC start from now, killed), where objects older than the position are to be taken as there before it.
     */
    public synchronized boolean historyKnown() {
        if (historyKnown == null) {
            historyKnown = savePosition && loadCheckpoint().map(json -> json.path("complete").asBoolean(false)).orElse(false);
        }
        return historyKnown;
    }

    /** Records handed over and not yet committed. */
    public synchronized long uncommitted() {
        return uncommittedRecords;
    }

    /**
     * Acknowledges the record at {@code position} and every record before it: persists their changes, the
     * silent entries and checkpoints between and right behind them, and the last position, in one transaction.
     * A position not awaiting commit (committed already, or never emitted) changes nothing.
     *
     * @return the changes persisted, in emission order
     */
    public synchronized List<Change> commit(Position position) {
        String printable = position.printable();
        int through = 0;
        int index = 0;
        for (Entry entry : queue) {
            index++;
            if (entry instanceof Emitted emitted && emitted.at().printable().equals(printable)) {
                through = index;
                break;
            }
        }
        return through == 0 ? List.of() : persist(through);
    }

    /** Persists the silent entries and checkpoints that no uncommitted record precedes. */
    public synchronized List<Change> settle() {
        return persist(0);
    }

    /**
     * Writes the entries queued since the last call ahead, in one transaction (renewing the lease, if held): for a
     * host to call before it hands the records on, when its own position may be committed before it commits them
     * here. A crash then loses none of them: {@link #settleAhead} persists those up to the host's position. The first
     * call of a source drops what an earlier one left written ahead (its host settled it before this source started).
     */
    public synchronized void writeAhead() {
        long end = headNumber + queue.size();
        long from = Math.max(aheadEnd, headNumber);
        if (from >= end) {
            return;
        }
        List<SourceAheadTable.Row> rows = new ArrayList<>((int) (end - from));
        long number = headNumber;
        for (Entry entry : queue) {
            if (number >= from) {
                rows.add(entry.aheadRow(number));
            }
            number++;
        }
        boolean first = aheadEnd == 0;
        database.inTransaction(connection -> {
            if (first) {
                ahead.clear(connection);
            }
            ahead.append(connection, rows);
            if (lease.isPresent()) {
                lease.get().renewIn(connection);
            }
            return null;
        });
        aheadEnd = end;
    }

    /**
     * Settles what a source on state {@code name} wrote ahead ({@link #writeAhead()}) and never committed, before the
     * next source on it starts: the entries up to the record at {@code committed} (the host's own position, known to
     * be committed there: the records up to it were delivered) and the entries without record right behind it are
     * persisted as {@link #commit} of it would have; every other entry is dropped (its records come again from the
     * host's position). Without {@code committed}, or when no record written ahead has that position (the state
     * already holds it, or the host's position is of another run), everything written ahead is dropped.
     *
     * @param scope    the bucket and prefix read, saved with the position when the state has none saved yet
     * @param endpoint the server they are read from, likewise
     * @return the number of records persisted
     */
    public static long settleAhead(Database database, String name, SourceScope scope, S3Endpoint endpoint,
                                   Optional<SourcePosition> committed) {
        SourceAheadTable table = new SourceAheadTable(database, name);
        List<SourceAheadTable.Row> rows = table.all();
        if (rows.isEmpty()) {
            return 0;
        }
        // Saved with the scope and endpoint the state already has: a source refuses, or names, a state of others.
        String checkpointName = CHECKPOINT_PREFIX + name;
        Optional<JsonNode> saved = new JdbcCheckpointStore(database).load(checkpointName)
                .map(json -> CheckpointJson.read(checkpointName, json));
        SourceState state = new SourceState(database, name, true, saved.flatMap(SourceState::scopeIn).orElse(scope),
                saved.flatMap(SourceState::endpointIn).orElse(endpoint));
        synchronized (state) {
            rows.forEach(row -> state.queue.add(Entry.of(row)));
            state.uncommittedRecords = state.queue.stream().filter(Emitted.class::isInstance).count();
            state.headNumber = rows.getFirst().seq();
            state.aheadEnd = rows.getLast().seq() + 1;
            state.restoresPending = true;
            long written = state.uncommittedRecords;
            committed.ifPresent(position -> state.commit(Position.of(position.printable())));
            database.inTransaction(connection -> {
                table.clear(connection);
                return null;
            });
            return written - state.uncommittedRecords;
        }
    }

    /**
     * {@link #settleAhead(Database, String, SourceScope, S3Endpoint, Optional)} for this state, by a source holding its
     * lease, before it reads anything of it: what it read before would be stale.
     *
     * @return the number of records persisted
     */
    public synchronized long settleAhead(Optional<SourcePosition> committed) {
        checkpoint = null;
        historyKnown = null;
        return settleAhead(database, name, scope, endpoint, committed);
    }

    /** Persists the first {@code through} entries and every non-record entry right behind them. */
    private List<Change> persist(int through) {
        int count = through;
        var entries = queue.iterator();
        for (int i = 0; i < through; i++) {
            entries.next();
        }
        while (entries.hasNext() && !(entries.next() instanceof Emitted)) {
            count++;
        }
        if (count == 0) {
            return List.of();
        }
        List<Entry> persisted = new ArrayList<>(count);
        entries = queue.iterator();
        for (int i = 0; i < count; i++) {
            persisted.add(entries.next());
        }
        Optional<SourcePosition> last = persisted.reversed().stream().flatMap(e -> e.position().stream()).findFirst();
        boolean complete = historyKnown() || persisted.stream().anyMatch(e -> e instanceof Checkpoint c && c.completed());
        long number = savePosition && last.isPresent() ? savedCount() + 1 : 0;
        JsonNode savedCheckpoint = savePosition && last.isPresent() ? checkpointJson(last.get(), complete, number) : null;
        long persistedEnd = headNumber + count;
        database.inTransaction(connection -> {
            for (Entry entry : persisted) {
                switch (entry) {
                    case Deferred deferred -> restores.put(connection, deferred.what().change().operation(),
                            deferred.what().change().object(), deferred.what().since());
                    case Forgotten forgotten -> restores.remove(connection, forgotten.key());
                    default -> {
                        for (Change change : entry.kept().stream().toList()) {
                            if (change.removesKey()) {
                                table.remove(connection, change.object().key());
                            } else {
                                table.put(connection, change.object());
                            }
                            if (restoresPending) {
                                restores.remove(connection, change.object().key());
                            }
                        }
                    }
                }
            }
            if (aheadEnd > headNumber) {
                ahead.removeBefore(connection, persistedEnd);
            }
            if (savedCheckpoint != null) {
                checkpoints.saveIn(connection, checkpointName, Json.write(savedCheckpoint));
            }
            if (lease.isPresent()) {
                lease.get().renewIn(connection);
            }
            return null;
        });
        historyKnown = complete;
        if (checkpoint != null && savedCheckpoint != null) {
            checkpoint = Optional.of(savedCheckpoint);
        }
        for (int i = 0; i < count; i++) {
            if (queue.removeFirst() instanceof Emitted) {
                uncommittedRecords--;
            }
        }
        headNumber += count;
        return persisted.stream().flatMap(e -> e.change().stream()).toList();
    }

    private JsonNode checkpointJson(SourcePosition position, boolean complete, long number) {
        Map<String, String> saved = new LinkedHashMap<>();
        saved.put("position", position.printable());
        saved.put("bucket", scope.bucket());
        saved.put("prefix", scope.prefix());
        saved.put("endpoint", endpoint.label());
        if (complete) {
            saved.put("complete", "true");
        }
        saved.put("saves", Long.toString(number));
        return Json.mapper().valueToTree(saved);
    }

    /**
     * True when the state holds no emitted or recorded object and none waiting for a restore: nothing was emitted
     * yet, or every key emitted was deleted since.
     */
    public synchronized boolean isEmpty() {
        return queue.stream().noneMatch(e -> e.change().isPresent() || e instanceof Deferred) && table.isEmpty()
                && restores.isEmpty();
    }

    /**
     * The committed keys of {@code range} at every {@code every}-th position in key order (1-based), and the
     * last one if it is not among them, each with its position: where a sequential listing of the bucket as
     * last committed would end its pages. For a started source, to plan its first listing without asking the
     * bucket.
     */
    public synchronized void committedKeysEvery(KeyRange range, int every, ObjLongConsumer<String> sink) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be at least 1, was " + every);
        }
        table.keysEvery(range, every, sink);
    }

    @Override
    public synchronized SortedMap<String, ObjectVersion> between(KeyRange range) {
        SortedMap<String, ObjectVersion> rows = new TreeMap<>(KeyRange.KEY_ORDER);
        rows.putAll(table.range(range));
        for (Entry entry : queue) {
            entry.kept().filter(c -> range.contains(c.object().key())).ifPresent(change -> {
                if (change.removesKey()) {
                    rows.remove(change.object().key());
                } else {
                    rows.put(change.object().key(), change.object());
                }
            });
        }
        return rows;
    }

    @Override
    public synchronized Optional<ObjectVersion> find(String key) {
        Optional<ObjectVersion> found = table.find(key);
        for (Entry entry : queue) {
            Optional<Change> change = entry.kept().filter(c -> c.object().key().equals(key));
            if (change.isPresent()) {
                found = change.get().removesKey() ? Optional.empty() : Optional.of(change.get().object());
            }
        }
        return found;
    }

    /** One queued step. */
    private sealed interface Entry permits Emitted, Silent, Checkpoint, Deferred, Forgotten {

        /** The position to save once this entry is persisted. */
        default Optional<SourcePosition> position() {
            return this instanceof Positioned positioned ? Optional.of(positioned.at()) : Optional.empty();
        }

        /** The change to the emitted objects. */
        default Optional<Change> change() {
            return this instanceof Changing changing ? Optional.of(changing.what()) : Optional.empty();
        }

        /** This entry as written ahead, numbered {@code number}. */
        default SourceAheadTable.Row aheadRow(long number) {
            Optional<Change> kept = kept();
            Optional<String> at = position().map(SourcePosition::printable);
            return switch (this) {
                case Deferred(PendingRestore what) -> new SourceAheadTable.Row(number, Kind.DEFERRED, at,
                        Optional.of(what.change().operation()), Optional.of(what.change().object()),
                        Optional.of(what.key()), Optional.of(what.since()));
                case Forgotten(String key) -> new SourceAheadTable.Row(number, Kind.FORGOTTEN, at, Optional.empty(),
                        Optional.empty(), Optional.of(key), Optional.empty());
                case Checkpoint(var position, boolean completed) -> new SourceAheadTable.Row(number,
                        completed ? Kind.COMPLETED : Kind.CHECKPOINT, at, Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty());
                case Emitted e -> row(number, Kind.EMITTED, at, kept.orElseThrow());
                case Silent s -> row(number, Kind.SILENT, at, kept.orElseThrow());
            };
        }

        private static SourceAheadTable.Row row(long number, Kind kind, Optional<String> at, Change change) {
            return new SourceAheadTable.Row(number, kind, at, Optional.of(change.operation()), Optional.of(change.object()),
                    Optional.of(change.object().key()), Optional.empty());
        }

        /**
         * The entry {@code row} wrote ahead. Its change keeps what persisting it needs (the operation and the object
         * kept), not what the record said besides: it is persisted, never emitted again.
         */
        static Entry of(SourceAheadTable.Row row) {
            Optional<SourcePosition> at = row.position().map(SourcePositions::parse);
            Optional<Change> change = row.object().map(object -> new Change(row.operation().orElseThrow(), object,
                    Optional.empty(), Optional.empty(), row.entry() == Kind.SILENT));
            return switch (row.entry()) {
                case EMITTED -> new Emitted(at.orElseThrow(), change.orElseThrow(), Optional.empty());
                case SILENT -> new Silent(change.orElseThrow());
                case CHECKPOINT, COMPLETED -> new Checkpoint(at.orElseThrow(), row.entry() == Kind.COMPLETED);
                case DEFERRED -> new Deferred(new PendingRestore(change.orElseThrow(), row.since().orElseThrow()));
                case FORGOTTEN -> new Forgotten(row.key().orElseThrow());
            };
        }

        /** The change as the state keeps it: with the object its record holds, where the read found another. */
        default Optional<Change> kept() {
            if (this instanceof Emitted(var at, Change what, Optional<ObjectVersion> readInstead) && readInstead.isPresent()) {
                return Optional.of(new Change(what.operation(), readInstead.get(), what.before(), what.deleteMarker(),
                        what.silent()));
            }
            return change();
        }
    }

    /** An entry with a position to save. */
    private sealed interface Positioned permits Emitted, Checkpoint {
        SourcePosition at();
    }

    /** An entry that changes the emitted objects. */
    private sealed interface Changing permits Emitted, Silent {
        Change what();
    }

    /** A record handed to the host. */
    private record Emitted(SourcePosition at, Change what, Optional<ObjectVersion> readInstead)
            implements Entry, Positioned, Changing {
    }

    /** An object recorded without a record. */
    private record Silent(Change what) implements Entry, Changing {
    }

    /** A position to resume from; {@code completed}: the end of a snapshot or poll that compared the whole scope. */
    private record Checkpoint(SourcePosition at, boolean completed) implements Entry, Positioned {
    }

    /** A record that waits for the restore of its object; nothing was emitted. */
    private record Deferred(PendingRestore what) implements Entry {
    }

    /** A wait for a restore that ended without a record. */
    private record Forgotten(String key) implements Entry {
    }
}
