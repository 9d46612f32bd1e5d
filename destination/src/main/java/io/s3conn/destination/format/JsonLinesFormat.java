package io.s3conn.destination.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

import io.s3conn.core.record.Record;
import io.s3conn.core.record.RecordJson;

/** One OpenCDC record per line, as {@link RecordJson} writes it; optionally gzip-compressed. */
public final class JsonLinesFormat implements RecordFormat {

    private final boolean gzip;

    /** @param gzip compress each file with gzip */
    public JsonLinesFormat(boolean gzip) {
        this.gzip = gzip;
    }

    @Override
    public String extension() {
        return gzip ? "jsonl.gz" : "jsonl";
    }

    @Override
    public String contentType() {
        return gzip ? "application/gzip" : "application/x-ndjson";
    }

    @Override
    public RecordEncoder open(OutputStream out) throws IOException {
        OutputStream target = gzip ? new GZIPOutputStream(new NonClosing(out), 64 * 1024) : new NonClosing(out);
        return new RecordEncoder() {
            @Override
            public void write(Record record) throws IOException {
                target.write(RecordJson.write(record).getBytes(StandardCharsets.UTF_8));
                target.write('\n');
            }

            @Override
            public void close() throws IOException {
                target.close();
            }
        };
    }

    /** Lets the encoder finish its stream (the gzip trailer) without closing the caller's. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
