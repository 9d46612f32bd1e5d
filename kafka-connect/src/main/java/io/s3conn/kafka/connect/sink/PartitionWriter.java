package io.s3conn.kafka.connect.sink;

import java.time.Instant;
import java.util.OptionalLong;

import org.apache.kafka.connect.sink.SinkRecord;

import io.s3conn.destination.RecordWriter;
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
 */
final class PartitionWriter {

    private final RecordTimeClock clock = new RecordTimeClock();
    private final RecordWriter writer;
    private volatile long storedUpTo = -1;

    PartitionWriter(S3Client s3, S3DestinationConfiguration config) {
        this.writer = new S3BatchWriter(s3, config, this::stored, clock);
    }

    /** Adds a record; stores the batch before it when the record's time is past the batch's interval, and the batch when full. */
    void write(SinkRecord record) {
        clock.set(record.timestamp() == null || record.timestamp() < 0 ? Instant.EPOCH : Instant.ofEpochMilli(record.timestamp()));
        writer.flushIfDue();
        writer.write(SinkRecords.toRecord(record));
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

    private void stored(StoredBatch batch) {
        storedUpTo = SinkRecords.offset(batch.lastPosition()) + 1;
    }
}
