package io.s3conn.source.range;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

import io.s3conn.source.walk.CurrentObjectsWalk;
import io.s3conn.source.walk.ListedObject;
import io.s3conn.source.walk.Walk;
import io.s3conn.source.walk.WalkPage;
import io.s3conn.source.walk.WorkerFailures;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Walks key ranges of a scope several at once: each range is walked page after page by one worker
 * through a {@link Walk}. A worker with nothing left to walk splits the range with the most keys left
 * into as many parts as workers are idle, at once and without probes: cut points come from the
 * {@link KeyDensity} of the range's last page, so a skewed bucket (one huge folder) keeps every
 * worker busy. Where that page held whole folders of less than a page, the range is cut at the names of the
 * folders after it instead, found by one {@link Walk#foldersAfter listing with delimiter} (numbered names read
 * as a density put most cuts where no key lies). The part the range's worker is listing stays with it.
 *
 * <p>Requests go through {@link ThrottledRequests}: {@code 503 SlowDown} halves the concurrency and the
 * request is retried after a backoff; successes grow it back slowly. Workers are started as requests become worth
 * sending ({@link ThrottledRequests#worthSending()}), up to {@link WalkerSettings#concurrency()}: a walk allowed 1000
 * requests at once starts with 8 threads, as the default does, and more only as the limit grows.
 *
 * <p>Pages reach the consumer on the calling thread, through a queue of
 * {@link WalkerSettings#pagesInFlight()} pages: workers wait when the consumer is behind, so memory
 * does not grow with the bucket. Pages of one range arrive in key order; ranges interleave. Together
 * the pages' {@link WalkPage#covered() covered} ranges are exactly the ranges given, each key once.
 *
 * @param <E> the entry type of the walk
 */
public final class ParallelWalker<E> {

    /** How often a walk waiting for pages looks whether it was asked to stop. */
    public static final Duration STOP_CHECK = Duration.ofMillis(100);

    private final Walk<E> walk;
    private final Function<E, String> keyOf;
    private final String prefix;
    private final WalkerSettings settings;

    /**
     * @param walk     lists one range (its {@code pages} iterator is asked for one page at a time)
     * @param keyOf    the key of an entry
     * @param prefix   the scope's prefix
     * @param settings how to walk
     */
    public ParallelWalker(Walk<E> walk, Function<E, String> keyOf, String prefix, WalkerSettings settings) {
        this.walk = Objects.requireNonNull(walk, "walk");
        this.keyOf = Objects.requireNonNull(keyOf, "keyOf");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * The current objects under {@code prefix}, 1000 keys a page, without restore status. Public for the tests of this
     * walker; the inventory builds its walker from its own walk ({@code ScopeSync}).
     */
    public static ParallelWalker<ListedObject> currentObjects(S3Client s3, String bucket, String prefix,
                                                               WalkerSettings settings) {
        return new ParallelWalker<>(new CurrentObjectsWalk(s3, bucket, prefix), ListedObject::key, prefix, settings);
    }

    /**
     * Walks {@code ranges} (consecutive or not, but not overlapping) and hands every page to
     * {@code consumer}; returns when all are walked. A failure of a request (after its attempts) or of the
     * consumer stops the walk and is thrown.
     */
    public WalkSummary walk(List<KeyRange> ranges, Consumer<RangePage<E>> consumer) throws InterruptedException {
        return new Run(ranges, 1).run(batch -> consumer.accept(batch.getFirst()), () -> false);
    }

    /**
     * As {@link #walk}, handing the consumer every page waiting at once (at most
     * {@link WalkerSettings#pagesInFlight()}), so that it can write them in one transaction. While the
     * consumer holds a batch, as many pages again may wait and each worker hold one.
     */
    public WalkSummary walkBatches(List<KeyRange> ranges, Consumer<List<RangePage<E>>> consumer)
            throws InterruptedException {
        return walkBatches(ranges, consumer, () -> false);
    }

    /**
     * As {@link #walkBatches(List, Consumer)}, ending early once {@code stopRequested} says so: the consumer gets
     * no batch after that, and the walk throws {@link CancellationException} within {@link #STOP_CHECK} (or once
     * the batch in the consumer's hands is done), without waiting for the requests in flight.
     */
    public WalkSummary walkBatches(List<KeyRange> ranges, Consumer<List<RangePage<E>>> consumer, BooleanSupplier stopRequested)
            throws InterruptedException {
        return new Run(ranges, settings.pagesInFlight()).run(consumer, stopRequested);
    }

    /** One walk's state: ranges to walk, ranges being walked, the limit and the page queue. */
    private final class Run {
        private static final Object END = new Object();

        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private final Deque<RangeState<E>> pending = new ArrayDeque<>();
        private final Set<RangeState<E>> active = new LinkedHashSet<>();
        /** Ranges whose folders an idle worker is listing, to split them at their names: no one else splits them meanwhile. */
        private final Set<RangeState<E>> listingFolders = new LinkedHashSet<>();
        private final ThrottledRequests requests = new ThrottledRequests(settings);
        private final BlockingQueue<Object> pages = new ArrayBlockingQueue<>(settings.pagesInFlight());
        private final int batchSize;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private long nextId;
        private int splits;
        private int idle;
        private boolean stopped;
        /** The pool workers are started in, one by one as requests become worth sending ({@link #startWorkers}). */
        private ExecutorService pool;
        /** Workers started and not ended: the last to end tells the consumer. */
        private final AtomicInteger running = new AtomicInteger();
        /** Workers started so far. Guarded by the lock. */
        private int started;

        Run(List<KeyRange> ranges, int batchSize) {
            this.batchSize = batchSize;
            for (KeyRange range : ranges) {
                pending.add(new RangeState<>(nextId++, new SplittableRange<>(range, keyOf, prefix)));
            }
        }

        WalkSummary run(Consumer<List<RangePage<E>>> consumer, BooleanSupplier stopRequested) throws InterruptedException {
            long pageCount = 0;
            long entryCount = 0;
            pool = Executors.newFixedThreadPool(settings.concurrency(), r -> {
                Thread t = new Thread(r, "range-walker");
                t.setDaemon(true);
                return t;
            });
            try {
                lock.lock();
                try {
                    startWorkers();
                } finally {
                    lock.unlock();
                }
                boolean ended = false;
                List<Object> taken = new ArrayList<>();
                while (!ended) {
                    taken.clear();
                    taken.add(nextPage(stopRequested));
                    pages.drainTo(taken, batchSize - 1);
                    List<RangePage<E>> batch = new ArrayList<>(taken.size());
                    for (Object item : taken) {
                        if (item == END) {
                            ended = true;
                        } else {
                            @SuppressWarnings("unchecked")
                            RangePage<E> page = (RangePage<E>) item;
                            batch.add(page);
                            entryCount += page.page().entries().size();
                        }
                    }
                    if (!batch.isEmpty()) {
                        consumer.accept(batch);
                        pageCount += batch.size();
                    }
                }
            } catch (RuntimeException | Error | InterruptedException e) {
                stop();
                pool.shutdownNow();
                throw e;
            } finally {
                pool.shutdown();
            }
            Throwable failed = failure.get();
            if (failed != null) {
                // An Error too as it is: wrapped, the CLI said "a range walker failed" where it says out of memory.
                throw WorkerFailures.rethrow(failed);
            }
            lock.lock();
            try {
                return new WalkSummary(pageCount, entryCount, (int) nextId, splits, requests.throttles(), requests.lowestConcurrency());
            } finally {
                lock.unlock();
            }
        }

        /**
         * Starts workers up to as many as requests are worth sending now ({@link ThrottledRequests#worthSending()}),
         * at most the concurrency: called at the start and after each page, as the limit grows. Not all of
         * {@code concurrency} at once: with 1000, starting the threads took the consumer 4 to 6 seconds on 2 busy
         * cores before it took its first page, and each change woke all of them to find nothing to do, where the
         * limit let 8 requests be in flight. Called with the lock held; none once the walk is stopped, so the pool
         * is never asked for a worker after it was shut down.
         */
        private void startWorkers() {
            int wanted = Math.min(settings.concurrency(), requests.worthSending());
            while (started < wanted && !stopped) {
                started++;
                running.incrementAndGet(); // before the worker runs: the count never reaches 0 while one is to start
                try {
                    pool.execute(() -> {
                        try {
                            work();
                        } catch (Throwable t) {
                            failure.compareAndSet(null, t);
                            stop();
                        } finally {
                            if (running.decrementAndGet() == 0) {
                                end();
                            }
                        }
                    });
                } catch (RuntimeException | Error e) {
                    // No thread (out of them): not counted, else the walk would wait for its end forever. The workers
                    // started walk on, fewer; without any, the walk fails.
                    started--;
                    running.decrementAndGet();
                    if (started == 0) {
                        throw e;
                    }
                    return;
                }
            }
        }

        /** The next item of the page queue, waiting in slices so that a stop is seen while no page comes. */
        private Object nextPage(BooleanSupplier stopRequested) throws InterruptedException {
            while (true) {
                if (stopRequested.getAsBoolean()) {
                    throw new CancellationException("the walk was stopped");
                }
                Object item = pages.poll(STOP_CHECK.toMillis(), TimeUnit.MILLISECONDS);
                if (item != null) {
                    return item;
                }
            }
        }

        /** Tells the consumer that all workers are done; the consumer drains until it sees this. */
        private void end() {
            try {
                pages.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the walk was stopped: nobody waits for the end
            }
        }

        private void stop() {
            lock.lock();
            try {
                stopped = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        private void work() throws InterruptedException {
            while (true) {
                Optional<RangeState<E>> next = nextRange();
                if (next.isEmpty()) {
                    return;
                }
                walkRange(next.get());
            }
        }

        /** A range to walk: a pending one, else one split off an active one; empty when all are done. */
        private Optional<RangeState<E>> nextRange() throws InterruptedException {
            lock.lock();
            idle++;
            try {
                while (true) {
                    if (stopped) {
                        return Optional.empty();
                    }
                    if (!pending.isEmpty()) {
                        RangeState<E> range = pending.poll();
                        active.add(range);
                        return Optional.of(range);
                    }
                    if (active.isEmpty()) {
                        return Optional.empty();
                    }
                    // Only for as many more ranges as the limit lets be listed now: with 1000 workers against a
                    // server that lets 8 be in flight, every idle worker used to split, and a scope of 30 pages was
                    // walked as hundreds of ranges, each costing a request however few keys it held. And not for the
                    // limit's growth in a round still being timed: it may go back, the ranges stay.
                    int room = room();
                    Optional<RangeState<E>> candidate = settings.splitRanges() && room > 0
                            ? active.stream().filter(r -> r.progress().splittable() && !listingFolders.contains(r))
                                    .max(LARGEST_FIRST)
                            : Optional.empty();
                    Optional<String> parent = candidate.flatMap(r -> r.progress().foldersToList());
                    if (parent.isPresent()) {
                        splitAtFolders(candidate.get(), parent.get());
                        continue; // split or not, what is to do may have changed while the lock was let go
                    }
                    if (candidate.isPresent() && split(candidate.get(), room)) {
                        continue; // the parts are pending now, for this worker and the other idle ones
                    }
                    changed.await();
                }
            } finally {
                idle--;
                lock.unlock();
            }
        }

        /**
         * Cuts the unlisted part of {@code range} into {@code parts} more ranges, pending for idle workers;
         * false when no cut fell inside it. Called with the lock held; sends nothing.
         */
        private boolean split(RangeState<E> range, int parts) {
            List<SplittableRange<E>> split = range.progress().split(parts);
            if (split.isEmpty()) {
                return false;
            }
            for (SplittableRange<E> part : split) {
                pending.add(new RangeState<>(nextId++, part));
            }
            splits++;
            changed.signalAll();
            return true;
        }

        /** How many more ranges may be cut now: for idle workers, as many as requests are worth sending. Lock held. */
        private int room() {
            return Math.min(idle, requests.worthSending() - active.size());
        }

        /**
         * Lists the folders below {@code parent} after what {@code range} listed (one request, the lock let go
         * meanwhile) and cuts the range at their names for as many ranges as the limit then lets be listed.
         * Called with the lock held.
         */
        private void splitAtFolders(RangeState<E> range, String parent) {
            String after = range.progress().remaining().after().orElseThrow();
            listingFolders.add(range);
            List<String> folders;
            lock.unlock();
            try {
                folders = requests.send(() -> walk.foldersAfter(parent, after));
            } finally {
                lock.lock();
                listingFolders.remove(range);
            }
            if (!active.contains(range) || stopped || range.progress().foldersToList().isEmpty()) {
                changed.signalAll();
                return; // listed to its end meanwhile, or its next page lay in one large folder: split by density
            }
            int room = Math.max(1, room());
            List<SplittableRange<E>> split = range.progress().splitAtFolders(folders, room);
            for (SplittableRange<E> part : split) {
                pending.add(new RangeState<>(nextId++, part));
            }
            if (!split.isEmpty()) {
                splits++;
            }
            changed.signalAll();
        }

        private void walkRange(RangeState<E> range) throws InterruptedException {
            ContinuedListing<E> listing = new ContinuedListing<>(walk);
            while (true) {
                KeyRange remaining;
                lock.lock();
                try {
                    if (stopped) {
                        return;
                    }
                    remaining = range.progress().remaining();
                } finally {
                    lock.unlock();
                }
                WalkPage<E> listed = requests.send(() -> listing.next(remaining));
                RangePage<E> page;
                lock.lock();
                try {
                    WalkPage<E> taken = range.progress().take(listed);
                    if (taken.last()) {
                        active.remove(range);
                    }
                    page = new RangePage<>(range.id(), range.progress().range(), taken);
                    startWorkers(); // the answer may have grown the limit
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
                pages.put(page);
                if (page.page().last()) {
                    return;
                }
            }
        }
    }

    /** Ranges with more keys left first; a range reaching past what its density knows counts as the largest. */
    private static final Comparator<RangeState<?>> LARGEST_FIRST = Comparator
            .comparingLong((RangeState<?> r) -> r.progress().keysLeft()).thenComparingInt(r -> r.progress().pages());

    /**
     * A range being walked, and its id in the pages handed over; its progress is guarded by its run's lock.
     *
     * @param id       the range's id in {@link RangePage}
     * @param progress how far it was walked, and how it splits
     * @param <E>      the entry type
     */
    private record RangeState<E>(long id, SplittableRange<E> progress) {
    }
}
