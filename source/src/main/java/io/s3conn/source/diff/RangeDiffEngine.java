package io.s3conn.source.diff;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.state.RunLease;
import io.s3conn.source.range.KeyRange;
import io.s3conn.source.range.KeyRanges;
import io.s3conn.source.range.ParallelWalker;
import io.s3conn.source.range.RangePage;
import io.s3conn.source.walk.Prefetcher;
import io.s3conn.source.walk.Walk;
import io.s3conn.source.walk.WalkPage;

/**
 * Keeps stored rows equal to what a walk over one key range shows, page by page.
 *
 * <p>S3 has no "changed since" listing, so every run walks the range. Each page is resolved
 * ({@link PageResolver}: restore status, content where needed) outside any transaction, then compared
 * with the stored rows of exactly the key range the page covers ({@link WalkPage#covered()}); new and
 * changed entries are written, rows of that range the page lacks are marked deleted, and the range's
 * progress ({@link RangeCheckpoint}) and the run's lease move, all in one transaction. A run stopped
 * at any moment therefore resumes after the last committed page and ends with the same rows as one
 * that was never stopped; a run in which nothing changed writes nothing but its progress.
 *
 * <p>The flow of {@link #run}, the same for every store:
 * <ol>
 *   <li>the walk starts before the database is opened: its first page doubles as the check that the
 *       bucket and credentials are right, so a run that fails there never touches the database;</li>
 *   <li>the database is opened and the lease taken ({@link io.s3conn.core.state.LeaseHeldException}
 *       when another run holds it), then the stored progress is read;</li>
 *   <li>a run that does not resume (the usual case) keeps the pages already on their way; one that
 *       resumes drops them and walks from its progress;</li>
 *   <li>each page is resolved and committed as above; the lease is released at the end.</li>
 * </ol>
 * {@link #runRanges} walks a scope as several ranges at once ({@link ParallelWalker}) through the
 * same per-page comparison, with the progress of every range in one {@link RangeSetCheckpoint}.
 *
 * @param <L> the walk's entry type
 * @param <E> the resolved entry type the store keeps
 * @param <D> the store's diff
 */
public final class RangeDiffEngine<L, E, D extends RangeDiff<E>> {

    /** Pages fetched ahead while the current one is resolved and committed. */
    public static final int PREFETCH_PAGES = 2;

    private final Walk<L> walk;
    private final PageResolver<L, E> resolver;
    private final Function<Database, RangeStore<E, D>> stores;
    private final Clock clock;

    /**
     * @param walk     the walk whose pages are diffed
     * @param resolver settles each page's entries
     * @param stores   the store on the database the run opens
     * @param clock    the time written with each page
     */
    public RangeDiffEngine(Walk<L> walk, PageResolver<L, E> resolver, Function<Database, RangeStore<E, D>> stores,
                           Clock clock) {
        this.walk = Objects.requireNonNull(walk, "walk");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.stores = Objects.requireNonNull(stores, "stores");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Walks {@code range} (resuming where {@code checkpoint} says) and commits every page.
     *
     * @param range          the range to walk
     * @param databaseOpener opens the database; called once, only after the walk's first page arrived.
     *                       The caller closes what it returned.
     * @param checkpoint     the range's stored progress
     * @param listener       hears about each committed page
     * @return what this run committed (pages of an earlier, stopped run not included)
     * @throws software.amazon.awssdk.core.exception.SdkException when the walk fails; when that happens
     *         on the first page, the database has not been opened
     * @throws io.s3conn.core.state.LeaseHeldException when another run holds the checkpoint's lease
     */
    public PageCounts run(KeyRange range, Supplier<Database> databaseOpener, RangeCheckpoint checkpoint,
                          DiffListener listener) {
        Prefetcher<WalkPage<L>> pages = new Prefetcher<>(walk.pages(range), PREFETCH_PAGES);
        RunLease lease = null;
        try {
            pages.hasNext(); // waits for the first page, or throws why there is none
            Database database = databaseOpener.get();
            lease = RunLease.acquire(database, checkpoint.leaseName());
            Optional<String> resumeAfter = checkpoint.begin(database, range);
            if (resumeAfter.isPresent()) {
                // Resuming: the pages already fetched are not the ones wanted.
                pages.close();
                pages = new Prefetcher<>(walk.pages(range.resumedAfter(resumeAfter)), PREFETCH_PAGES);
            }
            return commitAll(pages, database, stores.apply(database), checkpoint, lease, listener);
        } finally {
            pages.close();
            if (lease != null) {
                lease.close();
            }
        }
    }

    private PageCounts commitAll(Prefetcher<WalkPage<L>> pages, Database database, RangeStore<E, D> store,
                                 RangeCheckpoint checkpoint, RunLease lease, DiffListener listener) {
        PageCounts total = PageCounts.ZERO;
        while (pages.hasNext()) {
            WalkPage<L> page = pages.next();
            Resolution<E> resolved = resolver.resolve(page);
            PageCounts counts = commit(database, store, checkpoint, lease, page, resolved);
            total = total.plus(counts);
            listener.pageCommitted(counts, total);
        }
        return total;
    }

    /** One page's writes, deletes, progress and lease renewal, in one transaction. */
    private PageCounts commit(Database database, RangeStore<E, D> store, RangeCheckpoint checkpoint, RunLease lease,
                              WalkPage<L> page, Resolution<E> resolved) {
        Instant now = clock.instant();
        return database.inTransaction(connection -> {
            PageCounts counts = apply(connection, store, page.covered(), resolved, now);
            checkpoint.pageCommitted(connection, new RangeCheckpoint.PageProgress(page.covered(), page.last()), counts, now);
            lease.renewIn(connection);
            return counts;
        });
    }

    /** A page's writes and deletes, inside the caller's transaction. */
    private static <E, D extends RangeDiff<E>> PageCounts apply(Connection connection, RangeStore<E, D> store,
                                                                KeyRange covered, Resolution<E> resolved, Instant now)
            throws SQLException {
        List<E> entries = resolved.entries();
        D diff = store.compare(connection, covered, entries);
        List<E> writes = new ArrayList<>(diff.inserted());
        writes.addAll(diff.updated());
        if (!writes.isEmpty()) {
            store.upsert(connection, writes, now);
        }
        int deleted = diff.anyMissing() ? store.markDeleted(connection, covered, entries, diff, now) : 0;
        return new PageCounts(1, entries.size(), diff.inserted().size(), diff.updated().size(), deleted,
                resolved.lookups());
    }

    /**
     * Walks a scope as several key ranges at once and commits every page, resuming a stopped run's
     * ranges where {@code checkpoint} says. The flow is {@link #run}'s: {@code plan} (whose listing, if
     * any, is the first request) and the walker's first pages come before the database is opened; then
     * the lease is taken and the stored progress read; a run that resumes stops the walk and walks the
     * stored ranges instead. Pages waiting when the writer is ready are committed together, each still
     * compared with the rows of exactly its own covered range, with the remaining ranges
     * ({@link KeyRanges}) and the lease renewal in the same transaction: one database writer keeps
     * pace with many listing workers.
     *
     * @param walker         walks ranges of this engine's walk at once
     * @param plan           the ranges of a new run (consecutive, covering the scope)
     * @param databaseOpener opens the database; called once, after the first pages arrived. The caller
     *                       closes what it returned.
     * @param checkpoint     the run's stored progress
     * @param listener       hears about each committed page
     * @return what this run committed (pages of an earlier, stopped run not included)
     */
    public PageCounts runRanges(ParallelWalker<L> walker, Supplier<List<KeyRange>> plan, Supplier<Database> databaseOpener,
                                RangeSetCheckpoint checkpoint, DiffListener listener) {
        return runRanges(walker, plan, databaseOpener, checkpoint, listener, () -> false);
    }

    /**
     * As {@link #runRanges(ParallelWalker, Supplier, Supplier, RangeSetCheckpoint, DiffListener)}, ending early once
     * {@code stopRequested} says so: after the batch being committed, or while pages are awaited, without waiting
     * for the requests in flight. Everything committed stays, with the checkpoint of the remaining ranges that
     * a next run resumes from; the lease is released.
     *
     * @throws java.util.concurrent.CancellationException when stopped before the scope was done
     */
    public PageCounts runRanges(ParallelWalker<L> walker, Supplier<List<KeyRange>> plan, Supplier<Database> databaseOpener,
                                RangeSetCheckpoint checkpoint, DiffListener listener, BooleanSupplier stopRequested) {
        Batches batches = new Batches(databaseOpener, checkpoint, listener, stopRequested);
        try {
            List<KeyRange> planned = plan.get();
            batches.remaining = new KeyRanges(planned);
            try {
                walker.walkBatches(planned, batches::commit, stopRequested);
            } catch (Resume resume) {
                batches.remaining = resume.remaining;
                walker.walkBatches(resume.remaining.ranges(), batches::commit, stopRequested);
            }
            return batches.total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while walking key ranges", e);
        } finally {
            batches.close();
        }
    }

    /** Thrown by the first batch of a run that finds stored progress: the walk starts over from it. */
    private static final class Resume extends RuntimeException {
        final transient KeyRanges remaining;

        Resume(KeyRanges remaining) {
            super(null, null, false, false);
            this.remaining = remaining;
        }
    }

    /** The writer side of {@link #runRanges}: on the walker's consumer thread. */
    private final class Batches implements AutoCloseable {
        private final Supplier<Database> databaseOpener;
        private final RangeSetCheckpoint checkpoint;
        private final DiffListener listener;
        private final BooleanSupplier stopRequested;
        private Database database;
        private RunLease lease;
        private RangeStore<E, D> store;
        private KeyRanges remaining;
        private PageCounts total = PageCounts.ZERO;

        Batches(Supplier<Database> databaseOpener, RangeSetCheckpoint checkpoint, DiffListener listener,
                BooleanSupplier stopRequested) {
            this.databaseOpener = databaseOpener;
            this.checkpoint = checkpoint;
            this.listener = listener;
            this.stopRequested = stopRequested;
        }

        void commit(List<RangePage<L>> batch) {
            if (database == null) {
                database = databaseOpener.get();
                lease = RunLease.acquire(database, checkpoint.leaseName());
                store = stores.apply(database);
                Optional<KeyRanges> stored = checkpoint.begin(database);
                if (stored.isPresent()) {
                    throw new Resume(stored.get());
                }
            }
            List<Resolution<E>> resolved = new ArrayList<>(batch.size());
            for (RangePage<L> page : batch) {
                if (stopRequested.getAsBoolean()) {
                    // Resolving can take HEAD requests by the hundred: a stop does not wait for the rest of the batch.
                    throw new CancellationException("the run was stopped");
                }
                resolved.add(resolver.resolve(page.page()));
            }
            Instant now = clock.instant();
            KeyRanges[] left = {remaining};
            List<PageCounts> counts = database.inTransaction(connection -> {
                List<PageCounts> each = new ArrayList<>(batch.size());
                PageCounts sum = PageCounts.ZERO;
                for (int i = 0; i < batch.size(); i++) {
                    KeyRange covered = batch.get(i).page().covered();
                    PageCounts page = apply(connection, store, covered, resolved.get(i), now);
                    each.add(page);
                    sum = sum.plus(page);
                    left[0] = left[0].minus(covered);
                }
                checkpoint.pagesCommitted(connection, left[0], sum, now);
                lease.renewIn(connection);
                return each;
            });
            remaining = left[0];
            for (PageCounts page : counts) {
                total = total.plus(page);
                listener.pageCommitted(page, total);
            }
        }

        @Override
        public void close() {
            if (lease != null) {
                lease.close();
            }
        }
    }
}
