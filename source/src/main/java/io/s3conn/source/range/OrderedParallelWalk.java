package io.s3conn.source.range;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ObjLongConsumer;

import io.s3conn.source.walk.ForwardingWalk;
import io.s3conn.source.walk.Walk;
import io.s3conn.source.walk.WalkPage;
import io.s3conn.source.walk.WorkerFailures;

/**
 * A {@link Walk} that lists a range as many parts at once and still hands its pages over in key order,
 * as one sequential walk would: for consumers whose progress is a key (the source's snapshot resumes
 * after the last key it emitted) or that compare page by page with what they know (a CDC poll).
 *
 * <p>The range is cut by a {@link RangePlanner} into parts of about a page or more (folders, or cuts placed
 * by the density of the first listing). Up to {@code concurrency} workers list pages of parts (started as requests
 * become worth sending: 8 at first, more as the limit grows), a part's pages one
 * after another; a worker always takes the page nearest to the one being handed over. A part holds at most
 * {@code depth} pages ahead of the one the consumer takes next, and all parts together at most
 * {@code concurrency * (depth + 1)} pages listed or being listed, however large the bucket.
 *
 * <p>A part that turns out large is split while it is listed, by the rule the {@link ParallelWalker} splits
 * by: when a worker finds nothing nearer to list, the unlisted remainder of the nearest busy part with more
 * pages left than it may hold ahead is cut at order-safe points placed by the density of its last page, into
 * parts inserted after it in key order: parts of as many pages as one holds ahead, for all workers but one,
 * right after what the part keeps (pages listed far ahead would only wait), and the rest, split again once
 * it has a page. So a skewed bucket (one folder much larger than the rest) keeps every worker busy while
 * the consumer reads that folder, instead of listing it at the speed of one sequential walk. The plan, every page and every retry go through {@link ThrottledRequests}: a throttled walk sends
 * fewer requests at once instead of failing.
 *
 * <p>The pages handed over tile the range like a sequential walk's: a part's pages cover exactly that
 * part, an empty last page of a part other than the final one is merged into the next page's covered
 * range (so no page but the last is empty), and only the final page is {@link WalkPage#last() last}.
 *
 * <p>A plan is kept for the next walk of the same range (each CDC poll walks the same range): cut at whole pages
 * of the keys this walk handed over ({@link AlignedCuts}), into parts too small to split, so that an unchanged
 * bucket costs a poll the requests of a sequential walk and no planning request. Cut points only balance the
 * work, so a stale plan is never wrong.
 *
 * @param <E> the entry type of the walk
 */
public final class OrderedParallelWalk<E> extends ForwardingWalk<E, E> {

    /**
     * Parts asked of the planner per concurrent listing, as the inventory's walker does: large parts are split
     * while they are listed, and every part costs at least one request, even an empty one (a planner may cut
     * key space that holds no key), on every CDC poll that reuses the plan.
     */
    private static final int PARTS_PER_LISTER = 2;
    /**
     * A plan kept for the next walk holds at most this many parts per lister where a part that ends at a key
     * costs no request to find its end ({@link Walk#endsAtUpperBound()}). Its parts hold whole pages, so more of
     * them cost no request, and parts of up to {@code depth + 1} pages are never split (a split ends a part with
     * a short page: a request more); 64 a lister keeps parts that small up to some 1.5 million keys at
     * concurrency 8, and the plan from growing with the bucket beyond.
     */
    private static final int KEPT_PARTS_PER_LISTER = 64;
    /** The same for a walk that asks once more at the end of each part (versions): each part costs a request. */
    private static final int KEPT_PARTS_PER_LISTER_ASKING_AT_ENDS = 2;

    private final Function<E, String> keyOf;
    private final String prefix;
    private final RangePlanner planner;
    /** The walk underneath, which takes the planner's first page of a range as its own when it holds the range. */
    private final FirstPageWalk<E> firstPages;
    private final WalkerSettings settings;
    private final int depth;
    private final AtomicLong plans = new AtomicLong();
    private final AtomicLong splits = new AtomicLong();
    private final AtomicReference<Optional<Plan>> lastPlan = new AtomicReference<>(Optional.empty());

    /**
     * @param walk     lists one page of a part at a time; shared by the parts listed at once
     * @param keyOf    the key of an entry, for where a part's remaining keys lie
     * @param prefix   the scope's prefix: every key starts with it
     * @param planner  cuts a range into parts, over the same scope as {@code walk}
     * @param settings workers ({@link WalkerSettings#concurrency()}), whether parts are split while listed
     *                 ({@link WalkerSettings#splitRanges()}), attempts and backoff of throttled requests
     * @param depth    pages each part holds ahead of the consumer, at least 1
     */
    public OrderedParallelWalk(Walk<E> walk, Function<E, String> keyOf, String prefix, RangePlanner planner,
                               WalkerSettings settings, int depth) {
        this(new FirstPageWalk<>(walk), keyOf, prefix, planner, settings, depth);
    }

    private OrderedParallelWalk(FirstPageWalk<E> walk, Function<E, String> keyOf, String prefix, RangePlanner planner,
                                WalkerSettings settings, int depth) {
        super(walk);
        this.firstPages = walk;
        this.keyOf = Objects.requireNonNull(keyOf, "keyOf");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.planner = Objects.requireNonNull(planner, "planner");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1, was " + depth);
        }
        this.depth = depth;
    }

    /**
     * {@code walk} as is for a concurrency of 1 (one sequential walk, no planning request), else listed in
     * parts two pages deep with {@code settings} ({@code WalkerSettings.of(concurrency, s3)}).
     */
    public static <E> Walk<E> of(Walk<E> walk, Function<E, String> keyOf, String prefix, RangePlanner planner,
                                 WalkerSettings settings) {
        return settings.concurrency() == 1 ? walk : new OrderedParallelWalk<>(walk, keyOf, prefix, planner, settings, 2);
    }

    private int keptParts() {
        return keptParts(settings.concurrency());
    }

    /**
     * The most parts a plan keeps when {@code listers} request at once: for a walk that asks once more at the end of
     * each part, two per lister (each part costs a request); for the others, as many as the concurrency allows.
     */
    private int keptParts(int listers) {
        return endsAtUpperBound() ? KEPT_PARTS_PER_LISTER * settings.concurrency()
                : KEPT_PARTS_PER_LISTER_ASKING_AT_ENDS * listers;
    }

    /** The parts to walk a range in next time. */
    private record Plan(KeyRange range, List<KeyRange> parts) {
    }

    /**
     * Plans the next walk of {@code range} from the keys expected in it (a started source's committed keys),
     * as a walk that had just handed them over would: parts of whole pages, so that an unchanged bucket costs
     * that walk the requests of a sequential walk and no planning request. Keys that changed since only make
     * parts uneven (a part that turns out large is split while listed). A walk that asks once more at the end of
     * each part (versions) keeps as few parts as a poll of it keeps (two a request the walk starts with): it planned
     * as a snapshot does before, and on numbered keys with a few after them the planner's probes cost 35 ListObjectsV2
     * where the poll's listing of 2,101 keys took 12 ListObjectVersions.
     *
     * @param range the range the next walk will be asked for
     * @param keys  given a sink, hands it in key order each expected key whose 1-based position in
     *              {@code range} is a multiple of {@link #pageSize()}, and the last key if it is not one of
     *              those, each with its position
     */
    public void expect(KeyRange range, Consumer<ObjLongConsumer<String>> keys) {
        // As many as a walk keeps that started at the initial limit and did not grow it.
        AlignedCuts cuts = new AlignedCuts(pageSize(), keptParts(Math.min(settings.concurrency(), ConcurrencyLimit.INITIAL)));
        keys.accept((key, position) -> cuts.addAt(position, key));
        lastPlan.set(Optional.of(new Plan(range, cuts.parts(range))));
    }

    /** Plans the range at once (one request); the parts start listing at the first {@code next}. */
    @Override
    public Iterator<WalkPage<E>> pages(KeyRange range) {
        ThrottledRequests requests = new ThrottledRequests(settings);
        Optional<Plan> known = lastPlan.get().filter(p -> p.range().equals(range));
        firstPages.forget(); // a page a plan listed for an earlier walk shows the bucket as it was
        List<KeyRange> parts = known.map(Plan::parts).orElseGet(() -> {
            plans.incrementAndGet();
            // Two a request the walk starts with (the limit in force: at most 8), not two a request it may grow to:
            // parts are split for workers as the limit grows, and every part costs a request on every poll.
            return requests.send(() -> planner.plan(range, PARTS_PER_LISTER * requests.worthSending(), firstPages));
        });
        return new Pages(range, parts, requests);
    }

    /** The walk's requests, and one per plan made (probes a plan may need are not counted). */
    @Override
    public long requestCount() {
        return super.requestCount() + plans.get();
    }

    /**
     * Parts split while they were listed, by all walks of this object. Public for tests, which check that splits happen.
     */
    public long splitCount() {
        return splits.get();
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

    /** A part of the range: its progress, and its pages listed but not handed over yet. Guarded by its walk's lock. */
    private final class Part {
        final SplittableRange<E> range;
        final Deque<WalkPage<E>> listed = new ArrayDeque<>();
        /** Listed by the one worker {@link #listing} says lists it. */
        final ContinuedListing<E> pages = new ContinuedListing<>(underlying());
        boolean listing;
        /** A worker is listing the folders after it, to cut it at their names: no one splits it meanwhile. */
        boolean listingFolders;

        Part(SplittableRange<E> range) {
            this.range = range;
        }

        /**
         * Neither listed to its end, nor being listed, nor holding all the pages it may: {@code depth} ahead of
         * the one the consumer takes next. One fewer would leave a part of two pages unable to list its
         * (empty) end until it is handed over, so the consumer would wait a request for every such part.
         */
        boolean listable() {
            return !range.done() && !listing && listed.size() <= depth;
        }
    }

    /**
     * What a worker does next: list the next page of {@code part}, or, given {@code foldersBelow}, the folders
     * below it after what the part listed, to cut the part at their names.
     */
    private record Task<P>(P part, Optional<String> foldersBelow) {
    }

    /** The pages of one range, part after part; the consumer's thread reads, the workers list. */
    private final class Pages implements Iterator<WalkPage<E>>, AutoCloseable {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private final KeyRange range;
        /** The parts not handed over to their end, in key order: the first is being handed over. */
        private final List<Part> parts = new ArrayList<>();
        private final ThrottledRequests requests;
        private final List<Thread> workers = new ArrayList<>();
        /** Where the next walk of the range is cut, learnt from the keys handed over. */
        private final AlignedCuts cuts = new AlignedCuts(pageSize(), keptParts());
        /** Pages listed and not handed over, plus pages being listed. */
        private int held;
        /** A worker's failure, for the consumer: an Error too (out of memory), else the consumer waited for good. */
        private Optional<Throwable> failure = Optional.empty();
        private boolean stopped;
        /** What empty last pages of parts covered, to be handed over with the next page. */
        private Optional<KeyRange> emptyCovered = Optional.empty();
        private boolean done;

        Pages(KeyRange range, List<KeyRange> plan, ThrottledRequests requests) {
            this.range = range;
            this.requests = requests;
            for (KeyRange part : plan) {
                parts.add(new Part(new SplittableRange<>(part, keyOf, prefix)));
            }
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
            lock.lock();
            try {
                startWorkers();
                while (true) {
                    Part current = parts.getFirst(); // the first part is never split off: it stays first
                    while (current.listed.isEmpty() && failure.isEmpty()) {
                        changed.await();
                    }
                    if (failure.isPresent()) {
                        throw WorkerFailures.rethrow(failure.get());
                    }
                    WalkPage<E> page = current.listed.removeFirst();
                    held--;
                    changed.signalAll();
                    cuts.add(page.entries(), keyOf);
                    if (page.last()) {
                        parts.removeFirst();
                    }
                    boolean finalPart = page.last() && parts.isEmpty();
                    KeyRange covered = emptyCovered.map(e -> new KeyRange(e.after(), page.covered().upTo()))
                            .orElse(page.covered());
                    if (page.last() && !finalPart && page.entries().isEmpty()) {
                        emptyCovered = Optional.of(covered);
                        continue;
                    }
                    emptyCovered = Optional.empty();
                    done = finalPart;
                    if (done) {
                        lastPlan.set(Optional.of(new Plan(range, cuts.parts(range, keptPartsNow()))));
                    }
                    return new WalkPage<>(covered, page.entries(), done, page.restoreStatusRequested());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while waiting for a listing page", e);
            } catch (RuntimeException | Error e) {
                close();
                throw e;
            } finally {
                lock.unlock();
            }
        }

        /**
         * Parts the plan kept for the next walk may have, as the limit stands at the end of this one: where each part
         * costs a request (versions), two a request worth sending now, not two a request of the concurrency asked for.
         */
        private int keptPartsNow() {
            return keptParts(requests.worthSending());
        }

        /**
         * Starts workers up to as many as requests are worth sending now ({@link ThrottledRequests#worthSending()}, which
         * the budget of pages ahead follows too), at most the concurrency: at the first page asked for (nothing is
         * listed before), and after each page listed, as the limit grows. Not all of {@code concurrency} at once: with
         * 1000, the consumer started 1000 threads holding the lock, each then woken by every change to find nothing
         * to do, where the limit let 8 requests be in flight. None once the walk is stopped. Called with the lock held.
         */
        private void startWorkers() {
            int wanted = Math.min(settings.concurrency(), requests.worthSending());
            while (workers.size() < wanted && !stopped) {
                try {
                    workers.add(Thread.ofPlatform().daemon().name("s3conn-walk").start(this::work));
                } catch (RuntimeException | Error e) {
                    // No thread (out of them): the workers started list on, fewer; without any, the walk fails.
                    if (workers.isEmpty()) {
                        throw e;
                    }
                    return;
                }
            }
        }

        /**
         * A worker's life: any failure of it goes to the consumer, an Error too (out of memory while holding a page),
         * which otherwise ended the thread and left the consumer waiting for its page for good.
         */
        private void work() {
            try {
                listPages();
            } catch (RuntimeException | Error e) {
                fail(e);
            }
        }

        /** Lists the nearest page there is to list, again and again, until every part is listed or the walk stopped. */
        private void listPages() {
            while (true) {
                Task<Part> task;
                KeyRange remaining;
                lock.lock();
                try {
                    Optional<Task<Part>> next = nextToList();
                    while (next.isEmpty()) {
                        if (stopped || parts.stream().allMatch(p -> p.range.done())) {
                            return;
                        }
                        changed.await();
                        next = nextToList();
                    }
                    task = next.get();
                    remaining = task.part().range.remaining();
                } catch (InterruptedException e) {
                    return; // the walk was closed
                } finally {
                    lock.unlock();
                }
                Part part = task.part();
                if (task.foldersBelow().isPresent()) {
                    if (!splitAtFolders(part, task.foldersBelow().get(), remaining)) {
                        return;
                    }
                    continue;
                }
                WalkPage<E> page;
                try {
                    page = requests.send(() -> part.pages.next(remaining));
                } catch (RuntimeException | Error e) {
                    fail(e);
                    return;
                }
                lock.lock();
                try {
                    part.listing = false;
                    part.listed.addLast(part.range.take(page));
                    startWorkers(); // the answer may have grown the limit
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }

        /**
         * Lists the folders below {@code parent} after what {@code part} listed (one request, without the lock) and
         * cuts the part's remainder at their names into parts right after it, as many as requests are worth sending
         * but one. False when the walk failed on it.
         */
        private boolean splitAtFolders(Part part, String parent, KeyRange remaining) {
            List<String> folders;
            try {
                folders = requests.send(() -> underlying().foldersAfter(parent, remaining.after().orElseThrow()));
            } catch (RuntimeException | Error e) {
                fail(e);
                return false;
            }
            lock.lock();
            try {
                part.listingFolders = false;
                int at = parts.indexOf(part);
                // Listed to its end meanwhile, or its next page lay in one large folder: it is split by density.
                if (at >= 0 && !stopped && part.range.foldersToList().isPresent()) {
                    List<SplittableRange<E>> split = part.range.splitAtFolders(folders, splitParts(part.range));
                    for (int j = 0; j < split.size(); j++) {
                        parts.add(at + 1 + j, new Part(split.get(j)));
                    }
                    if (!split.isEmpty()) {
                        splits.incrementAndGet();
                    }
                }
                changed.signalAll();
                return true;
            } finally {
                lock.unlock();
            }
        }

        /**
         * The part nearest to the consumer with a page to list within the budget, splitting on the way the
         * nearest part that is busy (being listed, or holding its pages ahead) and has more than two pages left:
         * its remainder becomes parts right after it, the first of which is listed at once. Where the part's last
         * page held small folders whole, the task is to list the folders after it instead, and the part is cut at
         * their names ({@link SplittableRange#foldersToList()}): cuts by density would fall mostly where no key lies
         * when names are numbered, each costing a request. The part being handed over is listed whatever the others
         * hold, and they keep one page of the budget for it, so that pages listed far ahead never hold back the one
         * the consumer waits for. Called with the lock held; sends nothing, and marks the part of the task taken.
         */
        private Optional<Task<Part>> nextToList() {
            if (stopped) {
                return Optional.empty();
            }
            // Pages ahead for as many requests as are worth sending now, not the concurrency asked for: workers beyond
            // them would only split parts (each costing a request) and wait for a slot, as they would for growth of
            // the limit not timed yet (it may go back; the parts stay).
            int budget = requests.worthSending() * (depth + 1);
            for (int i = 0; i < parts.size(); i++) {
                Part part = parts.get(i);
                if (part.listable()) {
                    // The part handed over is listed whatever is held: the consumer waits for it, it holds at most
                    // depth + 1 pages itself, and the budget shrinks with the limit, so pages listed ahead before a
                    // throttle may hold more than it now (had they held back this part, nothing would ever be listed).
                    if (i != 0 && held >= budget - 1) {
                        return Optional.empty();
                    }
                    part.listing = true;
                    held++;
                    return Optional.of(new Task<>(part, Optional.empty()));
                }
                if (settings.splitRanges() && held < budget - 1 && worthSplitting(part.range) && !part.listingFolders) {
                    Optional<String> foldersBelow = part.range.foldersToList();
                    if (foldersBelow.isPresent()) {
                        part.listingFolders = true;
                        return Optional.of(new Task<>(part, foldersBelow));
                    }
                    List<SplittableRange<E>> split = part.range.splitNear(splitParts(part.range), depth + 1);
                    for (int j = 0; j < split.size(); j++) {
                        parts.add(i + 1 + j, new Part(split.get(j)));
                    }
                    if (!split.isEmpty()) {
                        splits.incrementAndGet();
                    }
                }
            }
            return Optional.empty();
        }

        /**
         * Splittable, with more pages left than it may hold ahead: a smaller part is listed ahead in full by one
         * worker anyway, and splitting it would mostly carve off the keys past its folder, which a folder plan
         * leaves empty (one request more per folder, for nothing).
         */
        private boolean worthSplitting(SplittableRange<E> part) {
            return part.splittable() && part.pagesLeft() > depth + 1;
        }

        /**
         * Parts split off right after what the part keeps: one per worker but one, which lists the rest at the
         * same time, so that the rest has a page to be split by when they are done; none expected to hold less
         * than a page: smaller parts only cost requests.
         */
        private int splitParts(SplittableRange<E> part) {
            // As many as are worth sending now, not the concurrency asked for: parts beyond it only cost requests.
            return (int) Math.max(1, Math.min(requests.worthSending() - 1, part.pagesLeft() - 1));
        }

        /** Keeps the first failure for the consumer, and stops the other workers. */
        private void fail(Throwable e) {
            lock.lock();
            try {
                if (!stopped && failure.isEmpty()) {
                    failure = Optional.of(e);
                }
                stopWorkers();
            } finally {
                lock.unlock();
            }
        }

        /** Called with the lock held. */
        private void stopWorkers() {
            stopped = true;
            changed.signalAll();
            workers.forEach(worker -> {
                if (worker != Thread.currentThread()) {
                    worker.interrupt();
                }
            });
        }

        @Override
        public void close() {
            lock.lock();
            try {
                done = true;
                stopWorkers();
            } finally {
                lock.unlock();
            }
        }
    }
}
