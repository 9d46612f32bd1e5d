package io.s3conn.destination.format;

import java.io.IOException;

import io.s3conn.core.record.Record;

/** Writes the records of one batch into one file. */
public interface RecordEncoder extends AutoCloseable {

    /** Appends a record. */
    void write(Record record) throws IOException;

    /**
     * The size of the file so far, counting records it holds in memory that its stream has not seen yet; 0 for an
     * encoder that writes each record through, whose stream's count is the size. A batch is rotated by this, so that
     * {@code max-batch-bytes} bounds the memory a batch holds, not only what it wrote.
     */
    default long heldSize() {
        return 0;
    }

    /** Finishes the file (footer, compression trailer); the underlying stream stays open. */
    @Override
    void close() throws IOException;
}
