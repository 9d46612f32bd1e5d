package io.s3conn.source.range;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import io.s3conn.source.walk.ForwardingWalk;
import io.s3conn.source.walk.Walk;
import io.s3conn.source.walk.WalkPage;

/**
 * A walk whose first page of a range a {@link RangePlanner} lists for it, handed over as the first page of the
 * walk of the plan's first range instead of being listed again: an empty or one-page scope costs the walk's one
 * request alone, where it cost three (a folder listing, the planner's page, the walk's), and a larger one a request
 * less. The plan's first range starts where the page does; the page is its first page when it ends inside the range
 * (the walk goes on after it), or its whole when it reaches the range's end (trimmed to it: keys the planner's folders
 * put in the next range). The page was listed for this walk, before the plan's other requests: every key that
 * exists throughout the walk is on it.
 *
 * <p>Only a {@link #pages} call for a range starting where the page does takes it, and only once (used or dropped);
 * {@link #forget} drops it too. A page listed for one walk is thus never handed to a later one that starts where it
 * did (a poll that did not plan would otherwise see the bucket as it was): the walk of a plan lists its first range
 * first, and a walk that did not plan forgets first.
 *
 * @param <E> the entry type
 */
public final class FirstPageWalk<E> extends ForwardingWalk<E, E> {

    private final Function<E, String> keyOf;
    private final AtomicReference<Optional<Listed<E>>> listed = new AtomicReference<>(Optional.empty());

    /**
     * @param underlying the walk that lists, the first page as the rest
     * @param keyOf      the key of an entry: the page is trimmed to a range that ends before it does
     */
    public FirstPageWalk(Walk<E> underlying, Function<E, String> keyOf) {
        super(underlying);
        this.keyOf = Objects.requireNonNull(keyOf, "keyOf");
    }

    /**
     * A page listed ahead for {@code range}, and the walk it is the first page of: the rest of {@code range} when the
     * walk of {@code range} itself takes it.
     */
    private record Listed<E>(KeyRange range, WalkPage<E> page, Iterator<WalkPage<E>> rest) {
    }

    /** The first page of {@code range} (one request), kept for the walk of the plan's first range. Failures are the walk's own. */
    WalkPage<E> firstPage(KeyRange range) {
        listed.set(Optional.empty());
        Iterator<WalkPage<E>> pages = underlying().pages(range);
        WalkPage<E> page = pages.next();
        listed.set(Optional.of(new Listed<>(range, page, pages)));
        return page;
    }

    /** Drops a page listed ahead and not walked: the next walk lists afresh. */
    public void forget() {
        listed.set(Optional.empty());
    }

    @Override
    public Iterator<WalkPage<E>> pages(KeyRange range) {
        Optional<Listed<E>> ahead = take(range);
        if (ahead.isEmpty()) {
            return underlying().pages(range);
        }
        Listed<E> first = ahead.get();
        WalkPage<E> page = first.page();
        if (range.equals(first.range())) {
            return new Ahead<>(page, first::rest);
        }
        if (page.last() || page.covered().upTo().map(u -> KeyRange.compareKeys(u, range.upTo().orElseThrow()) >= 0).orElse(true)) {
            // It lists everything up to the range's end and beyond: the whole of the range.
            String end = range.upTo().orElseThrow();
            return new Ahead<>(new WalkPage<>(range, page.entries().stream()
                    .filter(e -> KeyRange.compareKeys(keyOf.apply(e), end) <= 0).toList(), true,
                    page.restoreStatusRequested()), null);
        }
        // It ends inside the range: the rest is listed from where it ends, as the walk of the range would go on.
        return new Ahead<>(page, () -> underlying().pages(new KeyRange(page.covered().upTo(), range.upTo())));
    }

    /**
     * The page listed ahead when {@code range} starts where it does (taken from the next walk even when of no use to
     * it), when {@code range} lies within the page's range; a range starting elsewhere leaves it for the first range.
     */
    private Optional<Listed<E>> take(KeyRange range) {
        while (true) {
            Optional<Listed<E>> current = listed.get();
            if (current.isEmpty() || !current.get().range().after().equals(range.after())) {
                return Optional.empty();
            }
            if (listed.compareAndSet(current, Optional.empty())) {
                Optional<String> within = current.get().range().upTo();
                boolean inside = within.isEmpty() || range.upTo().map(u -> KeyRange.compareKeys(u, within.get()) <= 0).orElse(false);
                return inside ? current : Optional.empty();
            }
        }
    }

    /**
     * The page listed ahead, then the pages of {@code rest} (none when null), asked for only after the page was handed
     * over: a walk's iterator may send its request when made, and the page needs none.
     */
    private static final class Ahead<E> implements Iterator<WalkPage<E>> {
        private WalkPage<E> page;
        private final Supplier<Iterator<WalkPage<E>>> later;
        private Iterator<WalkPage<E>> rest;

        Ahead(WalkPage<E> page, Supplier<Iterator<WalkPage<E>>> rest) {
            this.page = page;
            this.later = page.last() ? null : rest;
        }

        @Override
        public boolean hasNext() {
            return page != null || later != null && rest().hasNext();
        }

        @Override
        public WalkPage<E> next() {
            if (page != null) {
                WalkPage<E> next = page;
                page = null;
                return next;
            }
            if (later == null) {
                throw new NoSuchElementException();
            }
            return rest().next();
        }

        private Iterator<WalkPage<E>> rest() {
            if (rest == null) {
                rest = later.get();
            }
            return rest;
        }
    }
}
