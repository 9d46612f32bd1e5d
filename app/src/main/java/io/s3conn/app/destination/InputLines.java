package io.s3conn.app.destination;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.s3conn.core.text.Utf8;

/**
 * The lines of an input, read on a thread of their own, so that a command can stop reading without waiting for a
 * line that may never come. After {@link #stop()} the lines keep coming until the input ends or pauses for
 * {@link #QUIET}: in {@code source read | destination write}, Ctrl-C stops both, and what the source printed last
 * (and recorded as emitted) arrives just after the signal; a writer that stopped reading at once would lose it.
 */
final class InputLines {

    /** How long a stopped input may pause before it counts as ended. */
    static final Duration QUIET = Duration.ofSeconds(1);

    /**
     * Characters read ahead at most, so that memory stays flat with lines of 10 MiB payloads as with small ones; a
     * longer line waits until those before it were taken.
     */
    private static final int READ_AHEAD_CHARS = 1 << 22;
    private static final Duration SLICE = Duration.ofMillis(100);
    private static final Object END = new Object();

    private final BlockingQueue<Object> lines = new LinkedBlockingQueue<>();
    private final Semaphore room = new Semaphore(READ_AHEAD_CHARS);
    private volatile long lastInputAt = System.nanoTime();
    private volatile boolean stopped;
    private boolean ended;

    private InputLines() {
    }

    /** Starts reading {@code in} as UTF-8 lines. */
    static InputLines read(InputStream in) {
        InputLines input = new InputLines();
        Thread.ofPlatform().daemon().name("s3conn-stdin").start(() -> input.readAll(new ByteLines(in)));
        return input;
    }

    /**
     * Decodes line by line, strictly: a reader that replaces what is not UTF-8 with U+FFFD stored such a line altered,
     * without a word, and one that reports it from its read-ahead would lose the lines decoded before it in that chunk.
     */
    private void readAll(ByteLines reader) {
        try {
            try {
                byte[] bytes;
                while ((bytes = reader.next()) != null) {
                    lastInputAt = System.nanoTime();
                    Optional<String> decoded = Utf8.strict(bytes);
                    if (decoded.isEmpty()) {
                        lines.put(new NotUtf8Exception());
                        return; // nothing after it is read
                    }
                    String line = decoded.get();
                    room.acquire(room(line));
                    lines.put(line);
                }
                lines.put(END);
            } catch (IOException e) {
                lines.put(e);
            } catch (OutOfMemoryError e) {
                // The line being read no longer fits in the heap (or in one array): what held it is garbage now. Told
                // as the next line's failure, so that the lines before it are stored and the command does not wait for
                // this thread, which is done.
                lines.put(new TooLongException(reader.lineBytes));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // nobody reads on
        }
    }

    /**
     * The next line; empty at the end of the input, and after {@link #stop()} once the input paused for {@link #QUIET}.
     *
     * @throws IOException when reading the input failed
     */
    Optional<String> next() throws IOException, InterruptedException {
        while (!ended) {
            Object item = lines.poll(SLICE.toMillis(), TimeUnit.MILLISECONDS);
            if (item == null) {
                ended = stopped && System.nanoTime() - lastInputAt >= QUIET.toNanos();
            } else if (item == END) {
                ended = true;
            } else if (item instanceof IOException e) {
                throw e;
            } else {
                String line = (String) item;
                room.release(room(line));
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }

    /** The next line of the input is not UTF-8; the lines before it were all returned. */
    static final class NotUtf8Exception extends IOException {
        NotUtf8Exception() {
            super("not valid UTF-8");
        }
    }

    /** The next line of the input does not fit in memory; the lines before it were all returned. */
    static final class TooLongException extends IOException {
        private final long bytesRead;

        TooLongException(long bytesRead) {
            super("too long to hold in memory");
            this.bytesRead = bytesRead;
        }

        /** Bytes of the line read before memory ran out. */
        long bytesRead() {
            return bytesRead;
        }
    }

    /** The lines of a stream as bytes, each ended as {@link java.io.BufferedReader#readLine()} ends one: LF, CR or CR LF. */
    private static final class ByteLines {
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int position;
        private int limit;
        /** The last line ended with CR: an LF right after it ends nothing more. */
        private boolean afterCr;
        /** Bytes of the line being read so far. */
        private long lineBytes;

        ByteLines(InputStream in) {
            this.in = in;
        }

        /** The next line without its end, or null at the end of the input. */
        byte[] next() throws IOException {
            ByteArrayOutputStream line = null;
            lineBytes = 0;
            while (true) {
                if (position == limit) {
                    position = 0;
                    limit = Math.max(0, in.read(buffer, 0, buffer.length));
                    if (limit == 0) {
                        return line == null ? null : line.toByteArray();
                    }
                }
                if (afterCr) {
                    afterCr = false;
                    if (buffer[position] == '\n') {
                        position++;
                        continue;
                    }
                }
                int start = position;
                while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
                    position++;
                }
                if (line == null) {
                    line = new ByteArrayOutputStream();
                }
                lineBytes += position - start;
                line.write(buffer, start, position - start);
                if (position < limit) {
                    afterCr = buffer[position] == '\r';
                    position++;
                    return line.toByteArray();
                }
            }
        }
    }

    /** The read-ahead a line takes up. */
    private static int room(String line) {
        return Math.max(1, Math.min(line.length(), READ_AHEAD_CHARS));
    }

    /** Ends the input once it pauses for {@link #QUIET}; safe from any thread. */
    void stop() {
        lastInputAt = System.nanoTime(); // a pause counts from the stop at the earliest
        stopped = true;
    }
}
