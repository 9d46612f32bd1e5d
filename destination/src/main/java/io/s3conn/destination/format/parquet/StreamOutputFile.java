package io.s3conn.destination.format.parquet;

import java.io.IOException;
import java.io.OutputStream;

import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * An {@link OutputFile} over a stream someone else owns. Parquet needs the write position for the
 * footer's offsets, which a plain stream does not tell, so this counts the bytes itself; and
 * closing what Parquet got only flushes, because the caller still has to finish its own stream.
 */
final class StreamOutputFile implements OutputFile {

    private final OutputStream out;
    private CountingStream stream;

    StreamOutputFile(OutputStream out) {
        this.out = out;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        // The stream can be written from its start only once; a second file would land after the first.
        if (stream != null) {
            throw new IOException("the stream already holds a Parquet file");
        }
        stream = new CountingStream(out);
        return stream;
    }

    /** Bytes written to the stream so far. */
    long written() {
        return stream == null ? 0 : stream.getPos();
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    private static final class CountingStream extends PositionOutputStream {

        private final OutputStream out;
        private long position;
        private boolean closed;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            position++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            position += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                out.flush();
            }
        }
    }
}
