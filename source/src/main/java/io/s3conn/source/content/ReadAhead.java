package io.s3conn.source.content;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

import io.s3conn.source.walk.WorkerFailures;

/**
 * Reads a list of items with up to {@code window} reads in flight, handing results over in the list's
 * order and never further ahead: memory holds at most {@code window} payloads beyond those handed over.
 *
 * @param <T> what is read
 * @param <R> what a read gives
 */
public final class ReadAhead<T, R> implements AutoCloseable {

    private final ExecutorService pool;
    private final Function<T, R> read;
    private final int window;
    private final Iterator<T> next;
    private final Deque<Future<R>> inFlight = new ArrayDeque<>();

    /**
     * Starts the first reads at once.
     *
     * @param pool   where reads run, owned by the caller
     * @param window reads in flight at most, at least 1
     * @param items  what to read, in order
     * @param read   the read; its runtime exceptions come out of {@link #next()}
     */
    public ReadAhead(ExecutorService pool, int window, List<T> items, Function<T, R> read) {
        if (window < 1) {
            throw new IllegalArgumentException("read-ahead window must be at least 1");
        }
        this.pool = pool;
        this.window = window;
        this.read = read;
        this.next = List.copyOf(items).iterator();
        fill();
    }

    private void fill() {
        while (next.hasNext() && inFlight.size() < window) {
            T item = next.next();
            inFlight.add(pool.submit(() -> read.apply(item)));
        }
    }

    /** True while results remain. */
    public boolean hasNext() {
        return !inFlight.isEmpty();
    }

    /** True when the next result is there without waiting. */
    public boolean nextReady() {
        return !inFlight.isEmpty() && inFlight.getFirst().isDone();
    }

    /**
     * The next result, waiting for it; starts the next read.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    public R next() throws InterruptedException {
        if (inFlight.isEmpty()) {
            throw new NoSuchElementException();
        }
        try {
            R result = inFlight.getFirst().get();
            inFlight.removeFirst();
            fill();
            return result;
        } catch (ExecutionException e) {
            throw WorkerFailures.rethrow(e.getCause());
        }
    }

    /** Cancels the reads in flight. */
    @Override
    public void close() {
        inFlight.forEach(f -> f.cancel(true));
        inFlight.clear();
    }
}
