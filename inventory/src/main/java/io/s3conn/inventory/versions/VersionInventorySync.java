package io.s3conn.inventory.versions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.s3conn.glacier.HeadRestoreStatusLookup;
import io.s3conn.core.jdbc.Database;
import io.s3conn.core.json.Json;
import io.s3conn.core.state.JdbcCheckpointStore;
import io.s3conn.core.state.RunLease;
import io.s3conn.inventory.InventoryCheckpoint;
import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.KeyRange;
import io.s3conn.inventory.InventorySyncOptions;
import io.s3conn.inventory.SyncCounters;
import io.s3conn.inventory.SyncListener;
import io.s3conn.inventory.SyncSummary;
import io.s3conn.source.listing.RestoreStatusSource;
import io.s3conn.source.s3.HistoryPage;
import io.s3conn.source.s3.ObjectVersionsListing;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Keeps {@code s3_object_versions} equal to the versions and delete markers a bucket (under a prefix)
 * holds, listed with ListObjectVersions.
 *
 * <p>The same scheme as the object inventory ({@code InventorySync}): every sync lists the scope, and
 * each page, which always ends on a whole key (the listing holds back a key whose versions straddle two
 * responses), is compared with the table's rows of exactly the key range it covers. New versions and
 * changed ones (a version's {@code is_latest} flips when a newer version or a delete marker arrives; its
 * restore status can change) are written; rows of that range the listing did not show (versions deleted
 * with their version id, expired, or whole keys gone) are marked deleted; and the checkpoint moves to the
 * page's last key, all in one transaction. A sync stopped at any moment resumes after its last committed
 * page ({@code key-marker}) and ends with the same table as one that was never stopped.
 *
 * <p>Checkpoints are {@link InventoryCheckpoint}s named {@code inventory-versions:<bucket>:<prefix>}, so
 * they never mix with the object inventory's {@code inventory:} checkpoints. Restore statuses follow the
 * object inventory's trust rules; where the listing cannot be trusted, archived versions are looked up
 * with HeadObject and their version id.
 */
public final class VersionInventorySync {

    /** The prefix every version inventory checkpoint name starts with. */
    public static final String CHECKPOINT_PREFIX = "inventory-versions:";

    private static final int PREFETCH_PAGES = 2;

    private final S3Client s3;
    private final boolean amazonS3;
    private final Database database;
    private final VersionInventoryTable table;
    private final JdbcCheckpointStore checkpoints;
    private final InventorySyncOptions options;

    /**
     * @param s3       a client for the bucket's service, owned by the caller
     * @param amazonS3 whether that service is Amazon S3 (its listings' RestoreStatus is trusted)
     * @param database the s3conn database, owned by the caller
     * @param options  listing and lookup options; the page size is the {@code max-keys} of each
     *                 ListObjectVersions request (versions and delete markers, not keys)
     */
    public VersionInventorySync(S3Client s3, boolean amazonS3, Database database, InventorySyncOptions options) {
        this.s3 = s3;
        this.amazonS3 = amazonS3;
        this.database = database;
        this.table = new VersionInventoryTable(database);
        this.checkpoints = new JdbcCheckpointStore(database);
        this.options = options;
    }

    /** The checkpoint name of a scope: {@code inventory-versions:<bucket>:<prefix>}. */
    public static String checkpointName(InventoryScope scope) {
        return CHECKPOINT_PREFIX + scope.bucket() + ":" + scope.prefix();
    }

    /**
     * Syncs a scope, resuming a sync that was stopped, and returns what it did. The summary's
     * {@code contents} count live versions, delete markers left out.
     */
    public SyncSummary run(InventoryScope scope, SyncListener listener) {
        try (RunLease lease = RunLease.acquire(database, checkpointName(scope))) {
            return run(scope, listener, lease);
        }
    }

    private SyncSummary run(InventoryScope scope, SyncListener listener, RunLease lease) {
        InventoryCheckpoint stored = checkpoint(scope).orElse(InventoryCheckpoint.empty(scope));
        InventoryCheckpoint.Run run = stored.running()
                .map(r -> new InventoryCheckpoint.Run(r.startedAt(), r.startAfter(), r.resumes() + 1, r.counters()))
                .orElse(new InventoryCheckpoint.Run(options.clock().instant(), Optional.empty(), 0, SyncCounters.ZERO));

        try (HeadRestoreStatusLookup head = new HeadRestoreStatusLookup(s3, options.headConcurrency())) {
            VersionRestoreResolver resolver = new VersionRestoreResolver(options.restoreStatusSource(), amazonS3,
                    InventoryCheckpoint.PROVEN.equals(stored.listingRestoreStatus()),
                    options.headIntelligentTiering(), head);
            boolean knownRejected = options.restoreStatusSource() == RestoreStatusSource.AUTO
                    && InventoryCheckpoint.REJECTED.equals(stored.listingRestoreStatus());
            ObjectVersionsListing listing = new ObjectVersionsListing(s3, scope.bucket(), scope.prefix(),
                    options.pageSize(), resolver.requestFromListing() && !knownRejected);

            InventoryCheckpoint checkpoint = stored;
            SyncCounters counters = run.counters();
            Optional<String> previousKey = run.startAfter();
            boolean listingUsed = false;
            try (Prefetcher<HistoryPage> pages = new Prefetcher<>(listing.pages(run.startAfter()), PREFETCH_PAGES)) {
                while (pages.hasNext()) {
                    HistoryPage page = pages.next();
                    if (page.keys().isEmpty() && !page.last()) {
                        continue;
                    }
                    long headsBefore = head.requestCount();
                    boolean requested = listing.restoreStatusRequested();
                    List<VersionEntry> entries = resolver.resolve(scope.bucket(), page, requested);
                    listingUsed |= resolver.listingTrusted(requested);
                    checkpoint = checkpoint.withListingRestoreStatus(listing.restoreStatusRejected()
                            ? InventoryCheckpoint.REJECTED
                            : resolver.listingProven() ? InventoryCheckpoint.PROVEN : checkpoint.listingRestoreStatus());
                    KeyRange range = new KeyRange(previousKey, page.last() ? Optional.empty() : page.lastKey());
                    checkpoint = commit(scope, run, checkpoint, counters, page, range, entries,
                            head.requestCount() - headsBefore, lease);
                    counters = thisRunsCounters(checkpoint);
                    previousKey = page.lastKey().or(range::after);
                    listener.pageCommitted(scope, counters);
                }
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
                                       SyncCounters before, HistoryPage page, KeyRange range,
                                       List<VersionEntry> entries, long heads, RunLease lease) {
        Instant now = options.clock().instant();
        return database.inTransaction(connection -> {
            VersionPageChanges changes = table.compare(connection, scope, range, entries);
            List<VersionEntry> writes = new ArrayList<>(changes.inserted());
            writes.addAll(changes.updated());
            table.upsert(connection, scope, writes, now);
            int deleted = 0;
            if (changes.anyDeleted()) {
                Set<String> listedKeys = new LinkedHashSet<>();
                entries.forEach(e -> listedKeys.add(e.key()));
                deleted = table.markDeleted(connection, scope, range, listedKeys, changes, now);
            }
            SyncCounters after = new SyncCounters(before.pages() + 1, before.listed() + entries.size(),
                    before.inserted() + changes.inserted().size(), before.updated() + changes.updated().size(),
                    before.deleted() + deleted, before.headRequests() + heads);
            InventoryCheckpoint next = page.last()
                    ? base.completed(new InventoryCheckpoint.CompletedRun(run.startedAt(), now, run.resumes(), after))
                    : base.withRunning(Optional.of(new InventoryCheckpoint.Run(run.startedAt(), page.lastKey(),
                            run.resumes(), after)));
            lease.renewIn(connection);
            checkpoints.saveIn(connection, checkpointName(scope), Json.write(next));
            return next;
        });
    }

    /** The counters of a checkpoint written by {@link #commit}: its run in progress, or the one it just completed. */
    private static SyncCounters thisRunsCounters(InventoryCheckpoint committed) {
        return committed.running().map(InventoryCheckpoint.Run::counters)
                .orElseGet(() -> committed.lastCompleted().orElseThrow().counters());
    }

    /**
     * The stored checkpoint of a scope's version inventory.
     *
     * @throws IllegalStateException when the stored JSON cannot be read (a damaged state)
     */
    public Optional<InventoryCheckpoint> checkpoint(InventoryScope scope) {
        String name = checkpointName(scope);
        return checkpoints.load(name).map(json -> parse(name, json));
    }

    /** Every version inventory checkpoint in the database, by checkpoint name. */
    public static Map<String, InventoryCheckpoint> checkpoints(Database database) {
        Map<String, InventoryCheckpoint> result = new TreeMap<>();
        new JdbcCheckpointStore(database).list(CHECKPOINT_PREFIX)
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
