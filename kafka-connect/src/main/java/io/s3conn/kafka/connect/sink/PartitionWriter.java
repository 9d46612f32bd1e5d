package io.s3conn.kafka.connect.sink;

import java.time.Instant;
import java.util.OptionalLong;

import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.s3conn.core.record.Record;
import io.s3conn.core.time.SettableClock;
import io.s3conn.destination.StoredBatch;
import io.s3conn.destination.s3.S3BatchWriter;
import io.s3conn.destination.s3.S3DestinationConfiguration;
import io.s3conn.kafka.connect.record.SinkRecords;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The records of one topic partition into objects: a batch writer of its own, whose batches are cut by count,
 * bytes and record time only. Since a partition is redelivered from its last committed offset, which is the
 * end of a stored object, every batch written again starts with the same record, is cut at the same record,
 * and so replaces its earlier copy under the same name.
 *
 * <p>A batch that cannot be stored spends its batch writer: the partition gets a new one, and is read again from
 * the failed batch's first record ({@link #rewindTo}), so the batch written again starts and ends with the same
 * records as the one that failed and gets its name. Records delivered again that were written already (Connect
 * redelivers a whole {@code put} after a {@code RetriableException}) are skipped by their offsets.
 *
 * <p>Connect delivers the failed {@code put} again, unchanged, until a {@code put} returns normally
 * ({@link #putDelivered}); only then does it read the partition again from the offset asked for. When that offset is
 * no longer in the partition (retention or compaction removed it during an outage), the consumer starts at the
 * partition's earliest record instead: the first record of that reading starts the next batch, and one WARN line
 * names the offsets that were gone. Waiting for the failed batch's first record would stall the partition for good.
 */
final class PartitionWriter {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionWriter.class);

    private final S3Client s3;
    private final S3DestinationConfiguration config;
    private final Runnable onStored;
    private final OwnObjectsGuard guard;
    /** The time of the record being written: a batch's age is measured in record time, never in when it was read. */
    private final SettableClock clock = new SettableClock(Instant.EPOCH);
    private S3BatchWriter writer;
    private volatile long storedUpTo = -1;
    /** The offset of the last record written (into the batch in progress or a stored one); -1 before the first. */
    private long written = -1;
    /** The offset of the first record of the batch in progress, or of the last one started. */
    private long batchStart = -1;
    /** After a failed batch, its first record's offset: records are skipped until the partition is read again from it. */
    private OptionalLong rewinding = OptionalLong.empty();
    /** While rewinding: the failed {@code put} is still being delivered again, so no record is of the new reading yet. */
    private boolean redelivering;

    /**
     * @param onStored called once a batch is stored
     * @param guard    refuses a record that is one of this sink's objects read back
     */
    PartitionWriter(S3Client s3, S3DestinationConfiguration config, Runnable onStored, OwnObjectsGuard guard) {
        this.s3 = s3;
        this.config = config;
        this.onStored = onStored;
        this.guard = guard;
        this.writer = newWriter();
    }

    /**
     * Adds a record; stores the batch before it when the record's time is past the batch's interval, and the batch when full.
     * A record written already, or one before the partition was read again from the offset a failed batch asked for, is
     * skipped.
     *
     * @throws org.apache.kafka.connect.errors.ConnectException when the record is one of this sink's objects read back
     *                              ({@link OwnObjectsGuard}): nothing of its batch is stored
     * @throws BatchFailedException when a batch could not be stored: its records are to be read again from
     *                              {@link BatchFailedException#rewindTo()}, and records are skipped until then
     */
    void write(SinkRecord record) {
        long offset = record.kafkaOffset();
        if (rewinding.isPresent()) {
            long from = rewinding.getAsLong();
            // Records of the failed put delivered again (before the partition is read again from the failed batch's
            // first one): the new reading brings them again, in their batch.
            if (offset != from && (redelivering || offset < from)) {
                return;
            }
            if (offset > from) {
                LOG.warn("{}-{}: offsets {} to {} are no longer in the topic (retention or compaction removed them while "
                        + "they could not be stored); storing on from offset {}", record.originalTopic(), record.originalKafkaPartition(),
                        from, offset - 1, offset);
            }
            rewinding = OptionalLong.empty();
        } else if (offset <= written) {
            return; // delivered again after a put that failed: written already
        }
        Record converted = SinkRecords.toRecord(record); // a record it cannot take is no failed batch
        // Before the batch holds it: the task fails, and the batch in progress is dropped unstored.
        guard.check(converted);
        clock.set(record.timestamp() == null || record.timestamp() < 0 ? Instant.EPOCH : Instant.ofEpochMilli(record.timestamp()));
        try {
            writer.flushIfDue();
            if (writer.pending() == 0) {
                batchStart = offset;
            }
            writer.write(converted);
            written = offset;
        } catch (RuntimeException e) {
            // The failed batch starts at batchStart (the batch before this record, or the one this record filled);
            // whatever came after it is dropped with it, and read again.
            writer = newWriter();
            rewinding = OptionalLong.of(batchStart);
            redelivering = true;
            throw new BatchFailedException(batchStart, e);
        }
    }

    /**
     * A {@code put} returned normally: Connect will not deliver its records again, and what it delivers next of a
     * partition being rewound comes from reading it again.
     */
    void putDelivered() {
        redelivering = false;
    }

    /** The offset to commit: the one after the last record of the last stored object; empty before the first. */
    OptionalLong committable() {
        long offset = storedUpTo;
        return offset < 0 ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    /** Drops the batch in progress: the partition's next owner reads its records again from the committed offset. */
    void discard() {
        writer.discard();
    }

    private S3BatchWriter newWriter() {
        // Batches are named after their first record's position and filed under its own time, else its Kafka
        // timestamp (the clock's time when the batch begins): never the wall clock, which would give a batch written
        // again after a crash another name than its first copy, and keep both.
        return new S3BatchWriter(s3, config, this::stored, clock);
    }

    private void stored(StoredBatch batch) {
        storedUpTo = SinkRecords.offset(batch.lastPosition()) + 1;
        onStored.run();
    }

    /** A batch of the partition could not be stored; the partition is to be read again from {@link #rewindTo()}. */
    static final class BatchFailedException extends RuntimeException {

        private final long rewindTo;

        BatchFailedException(long rewindTo, RuntimeException cause) {
            super(cause.getMessage(), cause);
            this.rewindTo = rewindTo;
        }

        /** The offset of the failed batch's first record. */
        long rewindTo() {
            return rewindTo;
        }
    }
}
