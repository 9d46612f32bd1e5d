package io.s3conn.destination;

import io.s3conn.core.record.Record;

/**
 * Writes records somewhere durable, in batches. A writer reports every batch it stored, in order,
 * as a {@link StoredBatch} (to the listener it was made with), and reports nothing of a batch that
 * failed: a host commits source positions only up to the last stored batch's
 * {@link StoredBatch#lastPosition()}, so a crash loses nothing and a retry rewrites at most what was
 * not yet reported. Once a batch failed, the writer stores nothing more, since a later batch would report positions
 * past the lost records: every later {@link #write}, {@link #flush}, {@link #flushIfDue} and {@link #close} throws
 * {@link WriterFailedException}, also when the batch failed on a timer's thread.
 *
 * <p>Implementations are thread-safe: a reader may {@link #write} while a timer calls {@link #flushIfDue}.
 */
public interface RecordWriter extends AutoCloseable {

    /** Adds a record; may store the batch in progress when it is full. */
    void write(Record record);

    /** Stores the batch in progress, if any. */
    void flush();

    /** Stores the batch in progress if its first record reached the writer's flush interval. */
    void flushIfDue();

    /**
     * Drops the batch in progress without storing it, for a host that gave up the records' source (a Kafka
     * partition moved to another worker): nothing of it is reported, so it is read and written again, as the
     * same batch, by whoever resumes from the last stored position.
     */
    void discard();

    /** Stores what is buffered and releases the writer; throws {@link WriterFailedException} when a batch failed before. */
    @Override
    void close();
}
