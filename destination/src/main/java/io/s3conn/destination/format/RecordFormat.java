package io.s3conn.destination.format;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A file format batches of records are written in: JSON lines (optionally gzip) or Parquet.
 * Implementations are stateless factories; each batch gets its own {@link RecordEncoder}.
 */
public interface RecordFormat {

    /** The file name extension without a dot, e.g. {@code jsonl}, {@code jsonl.gz}, {@code parquet}. */
    String extension();

    /** The Content-Type objects of this format are stored with. */
    String contentType();

    /** Starts encoding one batch into {@code out}; the encoder's {@code close()} finishes the file but not {@code out}. */
    RecordEncoder open(OutputStream out) throws IOException;

    /**
     * As {@link #open(OutputStream)}, holding at most about {@code memoryBytes} of the batch in memory: a format that
     * buffers rows before writing them (Parquet's row groups) writes them out once they reach it. Formats that write
     * each record through ignore it.
     */
    default RecordEncoder open(OutputStream out, long memoryBytes) throws IOException {
        return open(out);
    }
}
