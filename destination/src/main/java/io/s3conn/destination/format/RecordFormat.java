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
}
