package io.s3conn.source.range;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.s3conn.source.walk.Prefetcher;
import io.s3conn.source.walk.Walk;
import io.s3conn.source.walk.WalkPage;

/**
 * A {@link Walk} that lists a range as many parts at once and still hands its pages over in key order,
 * as one sequential walk would: for consumers whose progress is a key (the source's snapshot resumes
 * after the last key it emitted) or that compare page by page with what they know (a CDC poll).
 *
 * <p>The range is cut by a {@link RangePlanner} into parts of about a page or more (folders, or cuts placed
 * by the density of the first listing). Up to {@code concurrency} parts are listed at once, each by a
 * {@link Prefetcher} that holds at most {@code depth} pages ahead; when the part being handed over ends,
 * the next part not yet started starts. So at most {@code concurrency * (depth + 1)} pages are held,
 * however large the bucket, and pages come out in key order. The plan and every page go through
 * {@link ThrottledRequests}: a throttled walk sends fewer requests at once instead of failing. Parts much larger than {@code depth} pages
 * (one huge folder) are listed at the speed of one sequential walk, with the parts after them waiting
 * with their first pages.
 *
 * <p>The pages handed over tile the range like a sequential walk's: a part's pages cover exactly that
 * part, an empty last page of a part other than the final one is merged into the next page's covered
 * range (so no page but the last is empty), and only the final page is {@link WalkPage#last() last}.
 *
 * <p>A plan is kept for the next walk of the same range (each CDC poll walks the same range) unless that
 * walk turned out to hold more than two pages a part: cut points only balance the work, so a stale plan is
 * never wrong, and a small scope costs no planning request per poll.
 *
 * @param <E> the entry type of the walk
 */
public final class OrderedParallelWalk<E> implements Walk<E> {

    /** Parts asked of the planner per concurrent listing: small parts keep every lister busy. */
    private static final int PARTS_PER_LISTER = 64;

    private final Walk<E> walk;
    private final RangePlanner planner;
    private final WalkerSettings settings;
    private final int depth;
    private final AtomicLong plans = new AtomicLong();
    private final AtomicReference<Optional<Plan>> lastPlan = new AtomicReference<>(Optional.empty());

    /**
     * @param walk     lists one part; shared by the parts listed at once
     * @param planner  cuts a range into parts, over the same scope as {@code walk}
     * @param settings parts listed at once ({@link WalkerSettings#concurrency()}), attempts and backoff of
     *                 throttled requests; ranges are never split while listed here
     * @param depth    pages each part's lister holds ahead, at least 1
     */
    public OrderedParallelWalk(Walk<E> walk, RangePlanner planner, WalkerSettings settings, int depth) {
        this.walk = Objects.requireNonNull(walk, "walk");
        this.planner = Objects.requireNonNull(planner, "planner");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1, was " + depth);
        }
        this.depth = depth;
    }

    /**
     * {@code walk} as is for a concurrency of 1 (one sequential walk, no planning request), else listed in
     * parts two pages deep with {@link WalkerSettings#of} the concurrency.
     */
    public static <E> Walk<E> of(Walk<E> walk, RangePlanner planner, int concurrency) {
        return concurrency == 1 ? walk : new OrderedParallelWalk<>(walk, planner, WalkerSettings.of(concurrency), 2);
    }

    /** The parts a range was cut into, and how many pages its last walk held. */
    private record Plan(KeyRange range, List<KeyRange> parts, long pages) {
    }

    /** Plans the range at once (one request); the parts start listing at the first {@code hasNext}/{@code next}. */
    @Override
    public Iterator<WalkPage<E>> pages(KeyRange range) {
        ThrottledRequests requests = new ThrottledRequests(settings);
        Optional<Plan> known = lastPlan.get().filter(p -> p.range().equals(range) && p.pages() <= 2L * p.parts().size());
        List<KeyRange> parts = known.map(Plan::parts).orElseGet(() -> {
            plans.incrementAndGet();
            return requests.send(() -> planner.plan(range, PARTS_PER_LISTER * settings.concurrency()));
        });
        return new Pages(range, parts, requests);
    }

    /** The walk's requests, and one per plan made (probes a plan may need are not counted). */
    @Override
    public long requestCount() {
        return walk.requestCount() + plans.get();
    }

    @Override
    public boolean restoreStatusRequested() {
        return walk.restoreStatusRequested();
    }

    @Override
    public boolean restoreStatusRejected() {
        return walk.restoreStatusRejected();
    }

    /**
     * Closes the listers of an iterator of {@link #pages} abandoned before its last page; an iterator of
     * another walk is left alone. An iterator read to its end needs no closing.
     */
    public static void close(Iterator<?> pages) {
        if (pages instanceof OrderedParallelWalk<?>.Pages ordered) {
            ordered.close();
        }
    }

    /** The pages of one range, part after part. */
    private final class Pages implements Iterator<WalkPage<E>>, AutoCloseable {
        private final KeyRange range;
        private final List<KeyRange> parts;
        private final Deque<KeyRange> notStarted;
        private final Deque<Prefetcher<WalkPage<E>>> listing = new ArrayDeque<>();
        private final ThrottledRequests requests;
        /** What empty last pages of parts covered, to be handed over with the next page. */
        private Optional<KeyRange> emptyCovered = Optional.empty();
        private long handedOver;
        private boolean done;

        Pages(KeyRange range, List<KeyRange> parts, ThrottledRequests requests) {
            this.range = range;
            this.parts = parts;
            this.requests = requests;
            this.notStarted = new ArrayDeque<>(parts);
        }

        @Override
        public boolean hasNext() {
            return !done;
        }

        @Override
        public WalkPage<E> next() {
            if (done) {
                throw new NoSuchElementException();
            }
            try {
                while (true) {
                    start();
                    Prefetcher<WalkPage<E>> current = listing.getFirst();
                    WalkPage<E> page = current.next(); // every part's walk ends with a last page
                    boolean finalPart = listing.size() == 1 && notStarted.isEmpty();
                    if (page.last()) {
                        listing.removeFirst().close();
                    }
                    KeyRange covered = emptyCovered.map(e -> new KeyRange(e.after(), page.covered().upTo()))
                            .orElse(page.covered());
                    if (page.last() && !finalPart && page.entries().isEmpty()) {
                        emptyCovered = Optional.of(covered);
                        continue;
                    }
                    emptyCovered = Optional.empty();
                    handedOver++;
                    done = page.last() && finalPart;
                    if (done) {
                        lastPlan.set(Optional.of(new Plan(range, parts, handedOver)));
                    }
                    return new WalkPage<>(covered, page.entries(), done, page.restoreStatusRequested());
                }
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        /** Starts listing parts until {@code concurrency} are listed at once. */
        private void start() {
            while (listing.size() < settings.concurrency() && !notStarted.isEmpty()) {
                listing.addLast(new Prefetcher<>(throttled(walk.pages(notStarted.removeFirst())), depth));
            }
        }

        /** A part's pages, each requested within the limit (a page is sent again from the same marker). */
        private Iterator<WalkPage<E>> throttled(Iterator<WalkPage<E>> pages) {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return pages.hasNext(); // decided by the last page taken: sends nothing
                }

                @Override
                public WalkPage<E> next() {
                    return requests.send(pages::next);
                }
            };
        }

        @Override
        public void close() {
            done = true;
            listing.forEach(Prefetcher::close);
            listing.clear();
            notStarted.clear();
        }
    }
}
