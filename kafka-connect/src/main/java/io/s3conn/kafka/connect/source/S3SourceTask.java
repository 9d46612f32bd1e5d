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

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.record.Metadata;
import io.s3conn.core.record.Position;
import io.s3conn.core.record.Record;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.kafka.connect.Version;
import io.s3conn.kafka.connect.config.SourceConfig;
import io.s3conn.kafka.connect.record.OpenCdcSchema;
import io.s3conn.source.S3Source;
import io.s3conn.source.position.SourcePosition;
import io.s3conn.source.position.SourcePositions;
import io.s3conn.source.range.KeyRange;
import io.s3conn.source.state.SourceState;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One key range of the bucket as records: an {@link S3Source} scoped to the range, resumed from the range's
 * offset in Connect's offset store. Records are keyed by object key, valued by the OpenCDC record
 * ({@link OpenCdcSchema}); each record's offset is its s3conn position. The source persists its state up to
 * the last record Connect acknowledged ({@link #commitRecord}) when Connect has committed offsets
 * ({@link #commit}): with exactly-once delivery, after the records' transaction committed.
 */
public final class S3SourceTask extends SourceTask {

    /** The offset field holding the printable s3conn position. */
    static final String POSITION = "position";

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final int MAX_RECORDS_PER_POLL = 1000;
    private static final Duration BATCH_LINGER = Duration.ofMillis(200);

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
                .map(o -> o.get(POSITION)).map(Object::toString).map(SourcePositions::parse);
        TaskStateStore store = TaskStateStore.of(config, props.getOrDefault("name", "s3conn"), range);
        var sourceConfig = config.source(store.stateName()).withRange(range);
        s3 = S3Clients.create(config.connection());
        try {
            database = store.open();
            // Connect runs this range in this task alone (and fences zombies of earlier ones): the lease of a
            // task that died, maybe on another worker, gives way at once instead of lapsing in minutes.
            SourceState.takeOver(database, store.stateName());
            source = new S3Source(s3, database, sourceConfig, offset, Clock.systemUTC());
            if (!TaskState.agrees(source.savedPosition(), offset)) {
                source.close();
                store.drop(database);
                source = new S3Source(s3, database, sourceConfig, offset, Clock.systemUTC());
            }
        } catch (RuntimeException e) {
            stop();
            // Database messages name the URL with its password hidden; the first line says what failed.
            String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new ConnectException("cannot prepare the state of range " + range + ": " + reason, e);
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        List<Record> records;
        synchronized (lock) {
            if (closed) {
                return null;
            }
            RuntimeException commitFailure = this.commitFailure;
            if (commitFailure != null) {
                throw new ConnectException("persisting the state of s3://" + partition.get("bucket") + "/"
                        + partition.get("prefix") + " range " + range + " failed: " + commitFailure.getMessage(), commitFailure);
            }
            try {
                records = gather();
            } catch (RuntimeException e) {
                throw new ConnectException("reading s3://" + partition.get("bucket") + "/" + partition.get("prefix")
                        + " range " + range + " failed: " + e.getMessage(), e);
            }
        }
        if (records.isEmpty()) {
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
            List<Record> more = source.poll(Duration.ofNanos(left), MAX_RECORDS_PER_POLL - records.size());
            if (more.isEmpty()) {
                break;
            }
            records.addAll(more);
        }
        return records;
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
