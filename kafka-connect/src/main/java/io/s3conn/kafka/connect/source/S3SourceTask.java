package io.s3conn.kafka.connect.source;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.TransactionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.record.Metadata;
import io.s3conn.core.record.Position;
import io.s3conn.core.record.Record;
import io.s3conn.core.s3.RequestFailure;
import io.s3conn.core.s3.S3Endpoint;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.text.TerminalText;
import io.s3conn.kafka.connect.Outage;
import io.s3conn.kafka.connect.Version;
import io.s3conn.kafka.connect.config.SourceConfig;
import io.s3conn.kafka.connect.record.OpenCdcSchema;
import io.s3conn.source.S3Source;
import io.s3conn.source.S3SourceConfiguration;
import io.s3conn.source.SourceProgress;
import io.s3conn.source.position.MalformedPositionException;
import io.s3conn.source.position.SourcePosition;
import io.s3conn.source.position.SourcePositions;
import io.s3conn.source.range.KeyRange;
import io.s3conn.source.state.SourceScope;
import io.s3conn.source.state.SourceState;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One key range of the bucket as records: an {@link S3Source} scoped to the range, resumed from the range's
 * offset in Connect's offset store. Records are keyed by object key, valued by the OpenCDC record
 * ({@link OpenCdcSchema}); each record's offset is its s3conn position. The source persists its state up to
 * the last record Connect acknowledged ({@link #commitRecord}) when Connect has committed offsets
 * ({@link #commit}): with exactly-once delivery, after the records' transaction committed.
 *
 * <p>S3 trouble that may pass ({@link RequestFailure#mayPass()}: throttling, 5xx, no connection, after the SDK's own
 * retries) does not fail the task: the spent source waits until Connect committed every record it returned, then a
 * new one resumes from the last of them, as a restarted task would, after a wait that doubles up to
 * {@link Outage#MAX_WAIT} ({@link Outage}); meanwhile {@link #poll} returns nothing. Any other failure (access
 * refused, no such bucket, the state) fails the task with one line.
 */
public final class S3SourceTask extends SourceTask {

    /** The offset field holding the printable s3conn position. */
    static final String POSITION = "position";

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final int MAX_RECORDS_PER_POLL = 1000;
    private static final Duration BATCH_LINGER = Duration.ofMillis(200);
    /** The longest a poll sleeps while an outage is waited out: Connect's poll loop and a stop are not held longer. */
    private static final Duration MAX_IDLE = Duration.ofSeconds(1);
    /** How long a poll sleeps once the source's mode is done: it has nothing more to read, ever. */
    private static final Duration DONE_IDLE = MAX_IDLE;
    private static final Logger LOG = LoggerFactory.getLogger(S3SourceTask.class);

    private final Object lock = new Object();
    private final Object commitLock = new Object();
    private volatile Position acknowledged;
    private S3Client s3;
    private Database database;
    private S3Source source;
    private Map<String, String> partition;
    private KeyRange range;
    private Map<String, Object> offsetPlan;
    private String topic;
    private TaskStateStore store;
    private S3SourceConfiguration sourceConfig;
    /** Where a new source resumes: the position of the last record handed to Connect, else the task's offset. */
    private Optional<SourcePosition> resumeFrom;
    /** The last position handed to Connect, and the last one persisted by {@link #commit}: a new source waits for them to meet. */
    private volatile Position returned;
    private volatile Position persisted;
    /** The source failed in a way that may pass: it waits in {@link #outage} until Connect committed what it returned. */
    private boolean spent;
    /** A failure of the source after it returned records for the poll in progress: handled by the next poll. */
    private RuntimeException failedAfterRecords;
    private Outage outage;
    private volatile boolean closed;
    /** Why persisting the state failed in {@link #commit}, which Connect only logs; null while it never did. */
    private volatile RuntimeException commitFailure;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        SourceConfig config = new SourceConfig(props);
        TaskRange taskRange = TaskRange.of(config.bucket(), config.prefix(), props);
        range = taskRange.range();
        partition = taskRange.partition();
        topic = config.topic();
        Map<String, Object> planFields = new LinkedHashMap<>();
        taskRange.plan().addTo(planFields);
        offsetPlan = Collections.unmodifiableMap(planFields);
        // An offset of another plan belongs to another range that had this task's number.
        Optional<SourcePosition> offset = Optional.ofNullable(context.offsetStorageReader().offset(partition))
                .filter(o -> RangePlan.from(o).equals(Optional.of(taskRange.plan())))
                .map(o -> o.get(POSITION)).map(Object::toString).map(this::storedPosition);
        store = TaskStateStore.of(config, props.getOrDefault("name", "s3conn"), range);
        sourceConfig = config.source(store.stateName()).withRange(range);
        resumeFrom = offset;
        outage = new Outage(LOG, "reading " + where(), partition.get("bucket"));
        s3 = S3Clients.create(config.connection());
        try {
            database = store.open();
            // Connect runs this range in this task alone (and fences zombies of earlier ones): the lease of a
            // task that died, maybe on another worker, gives way at once instead of lapsing in minutes.
            SourceState.takeOver(database, store.stateName());
            source = openSource(offset, true);
        } catch (RuntimeException e) {
            stop();
            // Database messages name the URL with its password hidden; the first line says what failed.
            String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw failure("cannot prepare the state of range " + range + ": " + reason, e);
        }
    }

    /**
     * The position of the range's offset in Connect's offset store. One the source cannot parse (written into the
     * offsets topic by hand, or by a {@code PATCH} before the connector refused such offsets) fails the task at every
     * start: its reason says where the position came from and how to read the range again, which the parser's own
     * text ({@code malformed s3conn position: …}) did not.
     */
    private SourcePosition storedPosition(String position) {
        try {
            return SourcePositions.parse(position);
        } catch (MalformedPositionException e) {
            throw failure("the offset of " + where() + " in Connect's offset store has a position the source cannot "
                    + "resume from: " + e.getMessage() + "; to read the range again, reset the connector's offsets "
                    + "(PUT /connectors/NAME/stop, then DELETE /connectors/NAME/offsets)", e);
        }
    }

    /**
     * A source resuming from {@code offset}, on state that agrees with it (else dropped first) once what the task
     * wrote ahead is settled with the offset (persisted up to it, dropped after it), from the state's
     * position when that is ahead of the offset in the same run ({@link TaskState#resumePoint}): before, state further
     * than the offset inside one CDC poll was dropped, and the deletes that poll and the next would have found were
     * never emitted. State behind the offset in the same listing is kept as well, the source resuming from the offset
     * on it: before, it was dropped, and the deletes of every key up to the offset's were never emitted. The state's
     * position is read before the source is made, so that one source is made, not one to ask and one to read.
     *
     * @param starting whether the task starts (else it reopens its source after an outage): only then does a state
     *                 ahead of or behind the offset say something new, worth its INFO line; before, the line came again
     *                 at every attempt of an outage in CDC, where the state is ahead of the offset after each empty poll
     */
    private S3Source openSource(Optional<SourcePosition> offset, boolean starting) {
        long settled = SourceState.settleAhead(database, sourceConfig.stateName(),
                new SourceScope(sourceConfig.bucket(), sourceConfig.prefix()), S3Endpoint.of(s3), offset);
        if (starting && settled > 0) {
            LOG.info("{}: its state takes the {} up to the offset {} that Connect committed before the task "
                    + "persisted {}", TerminalText.escaped(where()), settled == 1 ? "record" : settled + " records",
                    offset.get().printable(), settled == 1 ? "it" : "them");
        }
        Optional<SourcePosition> saved = SourceState.savedPosition(database, sourceConfig.stateName());
        Optional<SourcePosition> start = offset;
        if (!TaskState.agrees(saved, offset)) {
            store.drop(database);
        } else {
            start = TaskState.resumePoint(saved, offset);
            if (starting && saved.isPresent() && start.equals(offset) && !saved.equals(offset)) {
                LOG.info("{}: resuming from the offset {} on its state, which is behind it at {}: the keys after the "
                                + "state's up to the offset's are taken as Kafka has them",
                        TerminalText.escaped(where()), offset.get().printable(), saved.get().printable());
            }
            if (starting && !start.equals(offset)) {
                LOG.info("{}: resuming from {}, the position of its state, which is ahead of the offset {}",
                        TerminalText.escaped(where()),
                        start.get().printable(), offset.map(SourcePosition::printable).orElse("(none)"));
            }
        }
        return new S3Source(s3, database, sourceConfig, start, Clock.systemUTC());
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        List<Record> records = List.of();
        Duration idle;
        synchronized (lock) {
            if (closed) {
                return null;
            }
            RuntimeException commitFailure = this.commitFailure;
            if (commitFailure != null) {
                throw failure("persisting the state of " + where() + " failed: " + commitFailure.getMessage(), commitFailure);
            }
            try {
                if (failedAfterRecords != null) {
                    RuntimeException failure = failedAfterRecords;
                    failedAfterRecords = null;
                    throw failure;
                }
                idle = resume();
                if (idle.isZero()) {
                    records = gather();
                    SourceProgress progress = source.progress();
                    // S3 answered: records came, or a CDC poll listed the range. An empty poll proves nothing (the
                    // listing may still be failing on its threads): ending the episode then would log it again and again.
                    if (failedAfterRecords == null && (!records.isEmpty() || progress.polls() > 0)) {
                        outage.succeeded();
                    }
                    if (records.isEmpty() && progress.phase() == SourceProgress.Phase.DONE && !source.stopRequested()) {
                        // The mode is done (mode=snapshot, its snapshot read): the source returns nothing at once from
                        // now on, and Connect polls again at once, which kept a core busy for as long as the task ran.
                        idle = DONE_IDLE;
                    }
                }
            } catch (RuntimeException e) {
                idle = failed(e);
            }
            if (!records.isEmpty()) {
                writeAhead();
                returned = records.getLast().position();
                resumeFrom = Optional.of(SourcePositions.parse(returned.printable()));
            }
        }
        if (records.isEmpty()) {
            if (!idle.isZero()) {
                // Outside the lock: stop() takes it. Connect polls again at once.
                Thread.sleep(Math.min(idle.toMillis(), MAX_IDLE.toMillis()));
            }
            return null;
        }
        List<SourceRecord> out = new ArrayList<>(records.size());
        for (Record record : records) {
            out.add(new SourceRecord(partition, offset(record.position()), topic, null,
                    Schema.STRING_SCHEMA, new String(record.key(), StandardCharsets.UTF_8),
                    OpenCdcSchema.VALUE, OpenCdcSchema.struct(record), timestamp(record)));
        }
        // With connector-defined boundaries, one transaction per poll: at most MAX_RECORDS_PER_POLL records.
        TransactionContext transaction = context.transactionContext();
        if (transaction != null) {
            transaction.commitTransaction();
        }
        return out;
    }

    /**
     * Writes the state of the records in hand ahead, before Connect has them: Connect may commit their offsets (flush
     * them, or commit their transaction) and the worker die before {@link #commit} persists the state, which the next
     * start then settles with the offset ({@link SourceState#settleAhead}). Before, the state was left behind the
     * offset there: a delete of a key between the two, made while the task was down, was never emitted, and in CDC
     * their changes were deferred to the next poll.
     */
    private void writeAhead() {
        try {
            source.writeAhead();
        } catch (RuntimeException e) {
            throw failure("persisting the state of " + where() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The source's records for one poll of Connect. The source hands over what it has as soon as it has some (a
     * few objects of its read-ahead); each of Connect's polls costs a transaction with exactly-once delivery (and
     * a send and offset bookkeeping without), so records are gathered for up to {@link #BATCH_LINGER}: with a
     * few records per poll the transactions, not S3, set the pace (observed: about 6 records a transaction).
     */
    private List<Record> gather() throws InterruptedException {
        List<Record> records = new ArrayList<>(source.poll(POLL_TIMEOUT, MAX_RECORDS_PER_POLL));
        long lingerEnd = System.nanoTime() + BATCH_LINGER.toNanos();
        while (!records.isEmpty() && records.size() < MAX_RECORDS_PER_POLL) {
            long left = lingerEnd - System.nanoTime();
            if (left <= 0) {
                break;
            }
            // Empty when nothing came within the linger, at the end of a CDC poll, or once stopped.
            List<Record> more;
            try {
                more = source.poll(Duration.ofNanos(left), MAX_RECORDS_PER_POLL - records.size());
            } catch (RuntimeException e) {
                failedAfterRecords = e; // the records in hand go to Connect first; the next poll handles the failure
                break;
            }
            if (more.isEmpty()) {
                break;
            }
            records.addAll(more);
        }
        return records;
    }

    /**
     * How long to wait before reading on: zero when the source reads (a new one, once an outage's wait is over and
     * Connect committed every record the spent one returned, so that its state holds them), else the wait.
     */
    private Duration resume() {
        if (!spent) {
            return Duration.ZERO;
        }
        Duration wait = outage.untilRetry();
        if (!wait.isZero()) {
            return wait;
        }
        Position last = returned;
        if (last != null && (persisted == null || !persisted.printable().equals(last.printable()))) {
            return Duration.ofMillis(100); // Connect has yet to commit the spent source's last records
        }
        synchronized (commitLock) {
            source.close();
            source = openSource(resumeFrom, false);
            spent = false;
        }
        return Duration.ZERO;
    }

    /**
     * Handles a failure of the source: one that may pass starts or continues an outage (the source, spent, stops
     * reading ahead but stays open for Connect's commits of what it returned); any other fails the task.
     *
     * @return how long to wait before trying again
     */
    private Duration failed(RuntimeException e) {
        RequestFailure kind = RequestFailure.of(e);
        if (!kind.mayPass()) {
            throw failure("reading " + where() + " failed: " + Outage.oneLine(e, partition.get("bucket")), e);
        }
        source.stop();
        spent = true;
        return outage.failed(kind, e);
    }

    /**
     * The exception that fails the task, its reason escaped: it is the first line of the task's trace in Connect's
     * status, and the prefix, a range's keys or a server's text may hold a newline, which would cut the reason short
     * there and forge a line of its own in the worker's log.
     */
    private static ConnectException failure(String reason, Throwable cause) {
        return new ConnectException(TerminalText.escaped(reason), cause);
    }

    private String where() {
        return "s3://" + partition.get("bucket") + "/" + partition.get("prefix") + " range " + range;
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        if (record.sourceOffset() != null) {
            acknowledged = Position.of(record.sourceOffset().get(POSITION).toString());
        }
    }

    /**
     * Persists the source's state up to the last acknowledged record: one transaction per offset commit. Connect
     * only logs what this throws, so a failure is kept for the next {@link #poll} to fail the task with: a task
     * whose range was given to another (its lease taken over) stops without writing.
     */
    @Override
    public void commit() {
        synchronized (commitLock) {
            Position position = acknowledged;
            if (!closed && position != null) {
                try {
                    source.commit(position);
                    persisted = position;
                } catch (RuntimeException e) {
                    commitFailure = e;
                    throw e;
                }
            }
        }
    }

    @Override
    public void stop() {
        if (source != null) {
            source.stop();
        }
        synchronized (lock) {
            synchronized (commitLock) {
                closed = true;
                if (source != null) {
                    source.close();
                }
                if (database != null) {
                    database.close();
                }
                if (s3 != null) {
                    s3.close();
                }
            }
        }
    }

    /** A record's offset: its position, and the plan its range belongs to (for a restarted connector). */
    private Map<String, Object> offset(Position position) {
        Map<String, Object> offset = new LinkedHashMap<>(offsetPlan);
        offset.put(POSITION, position.printable());
        return offset;
    }

    private static Long timestamp(Record record) {
        String nanos = record.metadata().getOrDefault(Metadata.OPENCDC_CREATED_AT, record.metadata().get(Metadata.OPENCDC_READ_AT));
        return nanos == null ? null : Long.parseLong(nanos) / 1_000_000L;
    }
}
