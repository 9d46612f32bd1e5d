package io.s3conn.source.s3;

/**
 * A {@link RecordHandler} that stores records later, in batches, and acknowledges them through
 * {@link S3Source#acknowledge(int)} once they are stored. The source records nothing as emitted
 * before its acknowledgement, so a crash loses nothing and a restart re-reads exactly what was not
 * acknowledged.
 */
public interface RecordSink extends RecordHandler {

    /**
     * Stores and acknowledges everything accepted so far. Called at the end of the snapshot and of
     * every CDC poll, because the next poll compares the bucket with what was acknowledged.
     */
    void drain() throws Exception;
}
