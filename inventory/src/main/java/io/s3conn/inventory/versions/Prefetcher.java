package io.s3conn.inventory.versions;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Fetches the next pages of a listing on a background thread while the caller works on the current
 * one; at most {@code depth} pages wait, so memory stays flat however large the bucket is. The same
 * scheme as source's {@code PagePrefetcher}, for any page type.
 */
final class Prefetcher<T> implements Iterator<T>, AutoCloseable {

    private sealed interface Item<T> permits Page, End, Failure {}
    private record Page<T>(T page) implements Item<T> {}
    private record End<T>() implements Item<T> {}
    private record Failure<T>(RuntimeException error) implements Item<T> {}

    private final BlockingQueue<Item<T>> queue;
    private final Thread worker;
    private Item<T> next;

    Prefetcher(Iterator<T> pages, int depth) {
        this.queue = new ArrayBlockingQueue<>(depth);
        this.worker = Thread.ofPlatform().daemon().name("s3conn-version-listing").unstarted(() -> fill(pages));
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
        } catch (RuntimeException e) {
            try {
                queue.put(new Failure<>(e));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean hasNext() {
        return !(peek() instanceof End);
    }

    /**
     * The next page.
     *
     * @throws RuntimeException the listing's own failure (an SDK exception), rethrown here
     */
    @Override
    public T next() {
        Item<T> item = peek();
        if (item instanceof Page<T> page) {
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
            throw failure.error();
        }
        return next;
    }

    @Override
    public void close() {
        worker.interrupt();
    }
}
