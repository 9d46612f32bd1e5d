package io.s3conn.destination;

/**
 * A {@link RecordWriter} refused a call because one of its batches could not be stored. It stores nothing more:
 * a later batch's {@link StoredBatch#lastPosition()} would acknowledge the lost batch's records with its own. The
 * cause is that batch's failure, which may have happened on another thread (a {@link FlushTimer}); the host
 * resumes from the last position it was acknowledged, with a new writer.
 */
public class WriterFailedException extends RuntimeException {

    /** @param failure what made the batch fail */
    public WriterFailedException(Throwable failure) {
        super("a batch could not be stored, so this writer stores nothing more: " + failure.getMessage(), failure);
    }
}
