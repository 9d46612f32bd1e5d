package io.s3conn.source.listing;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Fetches the next pages of a listing on a background thread while the caller works on the
 * current one, so a sync costs about as much as the listing alone. At most {@code depth} pages wait
 * in memory, so memory stays flat however large the bucket is.
 */
public final class PagePrefetcher implements Iterator<ListingPage>, AutoCloseable {

    private sealed interface Item permits Page, End, Failure {}
    private record Page(ListingPage page) implements Item {}
    private record End() implements Item {}
    private record Failure(RuntimeException error) implements Item {}

    private final BlockingQueue<Item> queue;
    private final Thread worker;
    private Item next;

    public PagePrefetcher(Iterable<ListingPage> pages, int depth) {
        this.queue = new ArrayBlockingQueue<>(depth);
        this.worker = Thread.ofPlatform().daemon().name("s3conn-listing").unstarted(() -> fill(pages.iterator()));
        this.worker.start();
    }

    private void fill(Iterator<ListingPage> pages) {
        try {
            while (pages.hasNext()) {
                queue.put(new Page(pages.next()));
            }
            queue.put(new End());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            try {
                queue.put(new Failure(e));
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
    public ListingPage next() {
        Item item = peek();
        switch (item) {
            case Page page -> {
                next = null;
                return page.page();
            }
            case Failure failure -> throw failure.error();
            case End end -> throw new NoSuchElementException();
        }
    }

    private Item peek() {
        if (next == null) {
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a listing page", e);
            }
        }
        if (next instanceof Failure failure) {
            throw failure.error();
        }
        return next;
    }

    @Override
    public void close() {
        worker.interrupt();
    }
}
