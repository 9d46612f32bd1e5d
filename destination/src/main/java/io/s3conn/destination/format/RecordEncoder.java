package io.s3conn.destination.format;

import java.io.IOException;

import io.s3conn.core.record.Record;

/** Writes the records of one batch into one file. */
public interface RecordEncoder extends AutoCloseable {

    /** Appends a record. */
    void write(Record record) throws IOException;

    /**
     * Bytes of the encoded records that are held in memory and not yet written to the stream: Parquet's row group in
     * progress. A batch is cut by its encoded size, which counts these too; 0 for an encoder that writes each record
     * through.
     */
    default long bufferedBytes() {
        return 0;
    }

    /** Finishes the file (footer, compression trailer); the underlying stream stays open. */
    @Override
    void close() throws IOException;
}
