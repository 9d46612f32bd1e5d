package io.s3conn.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.json.Json;
import io.s3conn.core.state.JdbcCheckpointStore;
import io.s3conn.core.state.RunLease;
import io.s3conn.glacier.HeadRestoreStatusLookup;
import io.s3conn.source.listing.BucketListing;
import io.s3conn.source.listing.ListingPage;
import io.s3conn.source.listing.ListingRequest;
import io.s3conn.source.listing.PagePrefetcher;
import io.s3conn.source.listing.ResolvedObject;
import io.s3conn.source.listing.RestoreStatusResolver;
import io.s3conn.source.listing.RestoreStatusSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Keeps {@code s3_objects} equal to what a bucket (under a prefix) holds.
 *
 * <p>S3 has no "changed since" listing, so every sync lists the scope. Each page is compared with
 * the table's rows of exactly the key range the page covers (after the previous page's last key, up
 * to its own last key, or to the end for the final page): new and changed objects are written,
 * rows of that range the listing did not show are marked deleted, and the checkpoint moves to the
 * page's last key, all in one transaction. A sync killed at any moment therefore resumes after the
 * last committed page and ends with the same table as one that was never stopped, and a sync in
 * which nothing changed writes nothing but its checkpoint.
 *
 * <p>The listing starts before the database is read. The first page doubles as the check that the
 * bucket and credentials are right, so a sync that fails there never touches the database; and a sync
 * that does not resume (the usual case) opens the database and reads its checkpoint while the next
 * pages are already on their way. A sync that resumes drops those pages and lists from its checkpoint.
 *
 * <p>A sync holds the scope's {@link RunLease} while it runs: a second sync of the same scope, from
 * another process on the same database, is refused with {@link io.s3conn.core.state.LeaseHeldException}.
 */
public final class InventorySync {

    private static final int PREFETCH_PAGES = 2;

    private final S3Client s3;
    private final boolean amazonS3;
    private final Supplier<Database> databaseOpener;
    private final InventorySyncOptions options;
    private Database database;
    private InventoryTable table;
    private JdbcCheckpointStore checkpoints;

    /**
     * @param s3       a client for the bucket's service, owned by the caller
     * @param amazonS3 whether that service is Amazon S3 (its listings' RestoreStatus is trusted)
     * @param database the s3conn database, owned by the caller
     * @param options  listing and lookup options
     */
    public InventorySync(S3Client s3, boolean amazonS3, Database database, InventorySyncOptions options) {
        this(s3, amazonS3, () -> database, options);
    }

    /**
     * @param s3             a client for the bucket's service, owned by the caller
     * @param amazonS3       whether that service is Amazon S3 (its listings' RestoreStatus is trusted)
     * @param databaseOpener opens the s3conn database; called at most once: by {@link #run} only after
     *                       the first listing page arrived (so never for a bucket that cannot be listed),
     *                       or by {@link #checkpoint}. The caller closes what it returned.
     * @param options        listing and lookup options
     */
    public InventorySync(S3Client s3, boolean amazonS3, Supplier<Database> databaseOpener, InventorySyncOptions options) {
        this.s3 = s3;
        this.amazonS3 = amazonS3;
        this.databaseOpener = databaseOpener;
        this.options = options;
    }

    private Database database() {
        if (database == null) {
            database = databaseOpener.get();
            table = new InventoryTable(database);
            checkpoints = new JdbcCheckpointStore(database);
        }
        return database;
    }

    /**
     * Syncs a scope, resuming a sync that was stopped, and returns what it did.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when the bucket cannot be listed; when
     *         that happens on the first page, the database has not been opened
     */
    public SyncSummary run(InventoryScope scope, SyncListener listener) {
        boolean requestRestoreStatus = options.restoreStatusSource() != RestoreStatusSource.HEAD;
        BucketListing listing = new BucketListing(s3, new ListingRequest(scope.bucket(), scope.prefix(),
                Optional.empty(), options.pageSize(), requestRestoreStatus));
        PagePrefetcher pages = new PagePrefetcher(listing, PREFETCH_PAGES);
        RunLease lease = null;
        try {
            pages.hasNext(); // waits for the first page, or throws why there is none
            lease = RunLease.acquire(database(), scope.checkpointName());
            InventoryCheckpoint stored = checkpoint(scope).orElse(InventoryCheckpoint.empty(scope));
            InventoryCheckpoint.Run run = stored.running()
                    .map(r -> new InventoryCheckpoint.Run(r.startedAt(), r.startAfter(), r.resumes() + 1, r.counters()))
                    .orElse(new InventoryCheckpoint.Run(options.clock().instant(), Optional.empty(), 0, SyncCounters.ZERO));
            if (run.startAfter().isPresent()) {
                // Resuming: the early pages are not the ones wanted.
                pages.close();
                boolean knownRejected = options.restoreStatusSource() == RestoreStatusSource.AUTO
                        && InventoryCheckpoint.REJECTED.equals(stored.listingRestoreStatus());
                listing = new BucketListing(s3, new ListingRequest(scope.bucket(), scope.prefix(),
                        run.startAfter(), options.pageSize(), requestRestoreStatus && !knownRejected));
                pages = new PagePrefetcher(listing, PREFETCH_PAGES);
            }
            return run(scope, listener, stored, run, listing, pages, lease);
        } finally {
            pages.close();
            if (lease != null) {
                lease.close();
            }
        }
    }

    private SyncSummary run(InventoryScope scope, SyncListener listener, InventoryCheckpoint stored,
                            InventoryCheckpoint.Run run, BucketListing listing, PagePrefetcher pages, RunLease lease) {
        try (HeadRestoreStatusLookup head = new HeadRestoreStatusLookup(s3, options.headConcurrency())) {
            RestoreStatusResolver resolver = new RestoreStatusResolver(options.restoreStatusSource(), amazonS3,
                    InventoryCheckpoint.PROVEN.equals(stored.listingRestoreStatus()),
                    options.headIntelligentTiering(), head);
            InventoryCheckpoint checkpoint = stored;
            SyncCounters counters = run.counters();
            Optional<String> previousKey = run.startAfter();
            boolean listingUsed = false;
            while (pages.hasNext()) {
                ListingPage page = pages.next();
                if (page.objects().isEmpty() && !page.last()) {
                    continue;
                }
                long headsBefore = head.requestCount();
                List<ResolvedObject> resolved = resolver.resolve(scope.bucket(), page);
                listingUsed |= page.restoreStatusRequested() && (amazonS3 || resolver.listingProven()
                        || options.restoreStatusSource() == RestoreStatusSource.LISTING);
                checkpoint = checkpoint.withListingRestoreStatus(listing.restoreStatusRejected()
                        ? InventoryCheckpoint.REJECTED
                        : resolver.listingProven() ? InventoryCheckpoint.PROVEN : checkpoint.listingRestoreStatus());
                KeyRange range = new KeyRange(previousKey, page.last() ? Optional.empty() : page.lastKey());
                checkpoint = commit(scope, run, checkpoint, counters, page, range, resolved,
                        head.requestCount() - headsBefore, lease);
                counters = thisRunsCounters(checkpoint);
                previousKey = page.lastKey().or(range::after);
                listener.pageCommitted(scope, counters);
            }
            InventoryCheckpoint.CompletedRun done = checkpoint.lastCompleted().orElseThrow();
            return new SyncSummary(scope, done.startedAt(), done.finishedAt(), done.resumes(), done.counters(),
                    table.counts(scope), listingUsed ? "listing" : "head");
        }
    }

    /**
     * Writes one page's changes and the checkpoint after it in one transaction, and returns that
     * checkpoint: the run moved to the page's last key, or completed after the final page.
     */
    private InventoryCheckpoint commit(InventoryScope scope, InventoryCheckpoint.Run run, InventoryCheckpoint base,
                                       SyncCounters before, ListingPage page, KeyRange range,
                                       List<ResolvedObject> resolved, long heads, RunLease lease) {
        Instant now = options.clock().instant();
        return database.inTransaction(connection -> {
            PageChanges changes = table.compare(connection, scope, range, resolved);
            List<ResolvedObject> writes = new ArrayList<>(changes.inserted());
            writes.addAll(changes.updated());
            table.upsert(connection, scope, writes, now);
            int deleted = changes.liveUnmatched() == 0 ? 0 : table.markDeleted(connection, scope, range,
                    resolved.stream().map(r -> r.summary().key()).toList(), now);
            SyncCounters after = before.plus(resolved.size(), changes.inserted().size(), changes.updated().size(),
                    deleted, heads, 1);
            InventoryCheckpoint next = page.last()
                    ? base.completed(new InventoryCheckpoint.CompletedRun(run.startedAt(), now, run.resumes(), after))
                    : base.withRunning(Optional.of(new InventoryCheckpoint.Run(run.startedAt(), page.lastKey(),
                            run.resumes(), after)));
            lease.renewIn(connection);
            checkpoints.saveIn(connection, scope.checkpointName(), Json.write(next));
            return next;
        });
    }

    /** The counters of a checkpoint written by {@link #commit}: its run in progress, or the one it just completed. */
    private static SyncCounters thisRunsCounters(InventoryCheckpoint committed) {
        return committed.running().map(InventoryCheckpoint.Run::counters)
                .orElseGet(() -> committed.lastCompleted().orElseThrow().counters());
    }

    /**
     * The stored checkpoint of a scope.
     *
     * @throws IllegalStateException when the stored JSON cannot be read (a damaged state)
     */
    public Optional<InventoryCheckpoint> checkpoint(InventoryScope scope) {
        database();
        return checkpoints.load(scope.checkpointName()).map(json -> parse(scope.checkpointName(), json));
    }

    /** Every inventory checkpoint in the database, by checkpoint name. */
    public static Map<String, InventoryCheckpoint> checkpoints(Database database) {
        Map<String, InventoryCheckpoint> result = new TreeMap<>();
        new JdbcCheckpointStore(database).list(InventoryScope.CHECKPOINT_PREFIX)
                .forEach((name, json) -> result.put(name, parse(name, json)));
        return result;
    }

    private static InventoryCheckpoint parse(String name, String json) {
        try {
            return Json.read(json, InventoryCheckpoint.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("checkpoint " + name + " is damaged and cannot be read: "
                    + e.getOriginalMessage(), e);
        }
    }
}
