package io.s3conn.destination;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Calls a writer's {@link RecordWriter#flushIfDue()} on a daemon thread, often enough that a batch is
 * stored within a tenth of its flush interval after it is due (every 10 ms to 1 s): records that
 * trickle in are not held back by a source that waits between polls. A batch that fails to store on this thread
 * stops the timer; the writer then throws {@link WriterFailedException} at its host's next call.
 */
public final class FlushTimer implements AutoCloseable {

    private final ScheduledExecutorService timer;

    private FlushTimer(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Starts calling {@code writer.flushIfDue()}; {@code flushInterval} is the writer's. */
    public static FlushTimer start(RecordWriter writer, Duration flushInterval) {
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(flushInterval, "flushInterval");
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "s3conn-flush-timer");
            thread.setDaemon(true);
            return thread;
        });
        long tick = Math.max(10, Math.min(1000, flushInterval.toMillis() / 10));
        timer.scheduleAtFixedRate(writer::flushIfDue, tick, tick, TimeUnit.MILLISECONDS);
        return new FlushTimer(timer);
    }

    /** Stops calling; a flush in progress completes. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
