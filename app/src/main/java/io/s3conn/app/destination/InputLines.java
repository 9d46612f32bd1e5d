package io.s3conn.app.destination;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

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
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        Thread.ofPlatform().daemon().name("s3conn-stdin").start(() -> input.readAll(reader));
        return input;
    }

    private void readAll(BufferedReader reader) {
        try {
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    lastInputAt = System.nanoTime();
                    room.acquire(room(line));
                    lines.put(line);
                }
                lines.put(END);
            } catch (IOException e) {
                lines.put(e);
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
