package io.s3conn.source.walk;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Fetches the next pages of a walk on a background thread while the caller works on the current one,
 * so a sync costs about as much as the listing alone. At most {@code depth} pages wait in memory, so
 * memory stays flat however large the bucket is.
 *
 * @param <T> the page type
 */
public final class Prefetcher<T> implements Iterator<T>, AutoCloseable {

    private sealed interface Item<T> permits Page, End, Failure {}
    private record Page<T>(T page) implements Item<T> {}
    private record End<T>() implements Item<T> {}
    /** The walk's failure, an Error too (out of memory): else the thread ended and the consumer waited for good. */
    private record Failure<T>(Throwable error) implements Item<T> {}

    private final BlockingQueue<Item<T>> queue;
    private final Thread worker;
    private Item<T> next;

    /**
     * Starts fetching at once.
     *
     * @param pages the pages, advanced only by the background thread from now on
     * @param depth pages fetched ahead at most
     */
    public Prefetcher(Iterator<T> pages, int depth) {
        this.queue = new ArrayBlockingQueue<>(depth);
        this.worker = Thread.ofPlatform().daemon().name("s3conn-walk").unstarted(() -> fill(pages));
        this.worker.start();
    }

    private void fill(Iterator<T> pages) {
        try {
            while (pages.hasNext()) {
                queue.put(new Page<>(pages.next()));
            }
            queue.put(new End<>());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            try {
                queue.put(new Failure<>(e));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits for the next page.
     *
     * @throws RuntimeException the walk's own failure (an SDK exception), rethrown here
     */
    @Override
    public boolean hasNext() {
        return !(peek() instanceof End);
    }

    /**
     * The next page.
     *
     * @throws RuntimeException the walk's own failure (an SDK exception), rethrown here
     */
    @Override
    public T next() {
        if (peek() instanceof Page<T> page) {
            next = null;
            return page.page();
        }
        throw new NoSuchElementException();
    }

    private Item<T> peek() {
        if (next == null) {
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a listing page", e);
            }
        }
        if (next instanceof Failure<T> failure) {
            throw WorkerFailures.rethrow(failure.error());
        }
        return next;
    }

    /** Stops the background thread; pages it fetched are dropped. */
    @Override
    public void close() {
        worker.interrupt();
    }
}
