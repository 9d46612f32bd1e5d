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

    /**
     * Stops calling, and waits for a flush in progress to complete: interrupting it would abort its upload, and with
     * it the writer (a command whose input ended during a timed flush failed). An interrupt of the closing thread
     * stops the wait and interrupts the flush.
     */
    @Override
    public void close() {
        timer.shutdown(); // no more ticks; the one running goes on
        try {
            while (!timer.awaitTermination(1, TimeUnit.MINUTES)) {
                // an upload retried through slow answers: its attempts have their own time limits
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
