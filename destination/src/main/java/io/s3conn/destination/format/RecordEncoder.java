package io.s3conn.destination.format;

import java.io.IOException;

import io.s3conn.core.record.Record;

/** Writes the records of one batch into one file. */
public interface RecordEncoder extends AutoCloseable {

    /** Appends a record. */
    void write(Record record) throws IOException;

    /** Finishes the file (footer, compression trailer); the underlying stream stays open. */
    @Override
    void close() throws IOException;
}
