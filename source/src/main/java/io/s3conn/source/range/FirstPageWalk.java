package io.s3conn.source.range;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.s3conn.source.walk.ForwardingWalk;
import io.s3conn.source.walk.Walk;
import io.s3conn.source.walk.WalkPage;

/**
 * A walk whose first page of a range a {@link RangePlanner} lists for it: when that page holds the whole range,
 * the plan is that one range and the walk hands the page over as its first instead of listing it again. An empty
 * or one-page scope then costs the walk's one request alone, where it cost three (a folder listing, the planner's
 * page, the walk's).
 *
 * <p>Only the next {@link #pages} call for the same range takes the page, and only once; any other call, or
 * {@link #forget}, drops it, so a page listed for one walk is never handed to a later one (a poll that did not
 * plan would otherwise see the bucket as it was).
 *
 * @param <E> the entry type
 */
public final class FirstPageWalk<E> extends ForwardingWalk<E, E> {

    private final AtomicReference<Optional<Listed<E>>> listed = new AtomicReference<>(Optional.empty());

    /** @param underlying the walk that lists, the first page as the rest */
    public FirstPageWalk(Walk<E> underlying) {
        super(underlying);
    }

    /** A page listed ahead for {@code range}: its last, so the whole walk of it. */
    private record Listed<E>(KeyRange range, WalkPage<E> page) {
    }

    /**
     * The first page of {@code range} (one request), kept for the next walk of the range when it is the last.
     * Failures are the walk's own.
     */
    WalkPage<E> firstPage(KeyRange range) {
        listed.set(Optional.empty());
        WalkPage<E> page = underlying().pages(range).next();
        if (page.last()) {
            listed.set(Optional.of(new Listed<>(range, page)));
        }
        return page;
    }

    /** Drops a page listed ahead and not walked: the next walk lists afresh. */
    public void forget() {
        listed.set(Optional.empty());
    }

    @Override
    public Iterator<WalkPage<E>> pages(KeyRange range) {
        Optional<Listed<E>> ahead = listed.getAndSet(Optional.empty()).filter(l -> l.range().equals(range));
        return ahead.<Iterator<WalkPage<E>>>map(OnePage::new).orElseGet(() -> underlying().pages(range));
    }

    /** The page listed ahead: the last of its range, so the whole walk. */
    private static final class OnePage<E> implements Iterator<WalkPage<E>> {
        private WalkPage<E> page;

        OnePage(Listed<E> listed) {
            this.page = listed.page();
        }

        @Override
        public boolean hasNext() {
            return page != null;
        }

        @Override
        public WalkPage<E> next() {
            if (page == null) {
                throw new NoSuchElementException();
            }
            WalkPage<E> next = page;
            page = null;
            return next;
        }
    }
}
