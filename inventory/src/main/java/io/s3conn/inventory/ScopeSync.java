package io.s3conn.inventory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.json.Json;
import io.s3conn.core.s3.S3Endpoint;
import io.s3conn.core.state.JdbcCheckpointStore;
import io.s3conn.glacier.ArchiveEnforcementProbe;
import io.s3conn.glacier.HeadRestoreStatusLookup;
import io.s3conn.glacier.RestoreStatusRule;
import io.s3conn.glacier.ServerTraits;
import io.s3conn.source.diff.PageCounts;
import io.s3conn.source.diff.RangeDiff;
import io.s3conn.source.diff.RangeDiffEngine;
import io.s3conn.source.diff.RangeSetCheckpoint;
import io.s3conn.source.diff.RangeStore;
import io.s3conn.source.diff.Resolution;
import io.s3conn.source.range.FirstPageWalk;
import io.s3conn.source.range.KeyRange;
import io.s3conn.source.range.KeyRanges;
import io.s3conn.source.range.ParallelWalker;
import io.s3conn.source.range.RangePlanner;
import io.s3conn.source.range.WalkerSettings;
import io.s3conn.source.walk.Walk;
import io.s3conn.source.walk.WalkPage;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One inventory sync of a scope on the {@link RangeDiffEngine}: what the object and the version
 * inventories share. The scope is walked as several key ranges at once (planned from its folders, split
 * while walked) with one {@link InventoryCheckpoint} holding every unfinished range's progress;
 * the checkpoint carries the run's counters and what was learned of the server ({@link ServerTraits}),
 * so a resumed or later sync starts from it.
 *
 * @param <L> the walk's entry type
 * @param <E> the row entry type
 * @param <D> the table's diff
 */
public final class ScopeSync<L, E, D extends RangeDiff<E>> {

    private static final System.Logger LOG = System.getLogger(ScopeSync.class.getName());

    /**
     * Settles one page's entries with the restore status rule.
     *
     * @param <L> the walk's entry type
     * @param <E> the row entry type
     */
    @FunctionalInterface
    public interface Resolver<L, E> {
        /** The page's entries as rows, in page order. */
        List<E> resolve(String bucket, WalkPage<L> page, RestoreStatusRule rule);
    }

    private final S3Client s3;
    private final ServerTraits server;
    private final InventorySyncOptions options;
    private final String checkpointName;
    private final Walk<L> walk;
    private final Function<L, String> keyOf;
    private final Resolver<L, E> resolver;
    private final BiFunction<Database, InventoryScope, RangeStore<E, D>> stores;
    private final BiFunction<Database, InventoryScope, ScopeCounts> contents;

    /**
     * @param s3             a client for the bucket's service, owned by the caller
     * @param server         what is known of that service before the checkpoint is read
     * @param options        listing and lookup options
     * @param checkpointName the scope's checkpoint (and lease) name
     * @param walk           the scope's walk
     * @param keyOf          the key of a walk entry
     * @param resolver       turns a page into rows
     * @param stores         the table of a scope on a database
     * @param contents       what the scope holds, for the summary
     */
    public ScopeSync(S3Client s3, ServerTraits server, InventorySyncOptions options, String checkpointName, Walk<L> walk,
                     Function<L, String> keyOf, Resolver<L, E> resolver, BiFunction<Database, InventoryScope, RangeStore<E, D>> stores,
                     BiFunction<Database, InventoryScope, ScopeCounts> contents) {
        this.s3 = s3;
        this.server = server;
        this.options = options;
        this.checkpointName = checkpointName;
        this.walk = walk;
        this.keyOf = keyOf;
        this.resolver = resolver;
        this.stores = stores;
        this.contents = contents;
    }

    /**
     * Syncs the scope as {@link InventorySyncOptions#listConcurrency()} key ranges at once, resuming a
     * sync that was stopped (every range it had not finished), and returns what it did.
     *
     * @param databaseOpener opens the database, only after the first page was listed
     * @param stopRequested  ends the sync early once true, after the batch of pages being committed
     * @throws java.util.concurrent.CancellationException when stopped before the scope was done: what was committed
     *         stays, with the checkpoint a next sync resumes from
     */
    public SyncSummary run(InventoryScope scope, Supplier<Database> databaseOpener, SyncListener listener,
                           BooleanSupplier stopRequested) {
        try (HeadRestoreStatusLookup head = new HeadRestoreStatusLookup(s3, options.headConcurrency())) {
            // A fresh run starts now, before its first request, not when the database is opened after it.
            Progress progress = new Progress(scope, head, options.clock().instant());
            Database[] opened = new Database[1];
            Function<Database, RangeStore<E, D>> store = database -> stores.apply(database, scope);
            // The plan's first page is this run's walk's own: a scope it holds whole is not listed again.
            FirstPageWalk<L> listing = new FirstPageWalk<>(walk);
            RangeDiffEngine<L, E, D> engine = new RangeDiffEngine<>(listing, progress::resolve, store, options.clock());
            int concurrency = options.listConcurrency();
            WalkerSettings settings = WalkerSettings.of(concurrency, s3);
            ParallelWalker<L> walker = new ParallelWalker<>(listing, keyOf, scope.prefix(), settings);
            // One range for one worker: nothing to plan, no request before the walk's own first page. Else two a
            // request the walk starts with, not two a request it may grow to: ranges are split as it grows.
            Supplier<List<KeyRange>> plan = () -> RangePlanner.of(s3, scope.bucket(), scope.prefix(), walk.pageSize())
                    .plan(KeyRange.ALL, settings.planRanges(), listing);
            engine.runRanges(walker, plan, () -> opened[0] = databaseOpener.get(), progress,
                    (page, total) -> listener.pageCommitted(scope, progress.counters), stopRequested);
            InventoryCheckpoint.CompletedRun done = progress.checkpoint.lastCompleted().orElseThrow();
            return new SyncSummary(scope, done.startedAt(), done.finishedAt(), done.resumes(), done.counters(),
                    contents.apply(opened[0], scope), progress.listingUsed ? "listing" : "head");
        }
    }

    /** The scope's checkpoint, moved by the engine, and the rule built from what it knows. */
    private final class Progress implements RangeSetCheckpoint {
        private final InventoryScope scope;
        private final HeadRestoreStatusLookup head;
        private final Instant startedAt;
        private JdbcCheckpointStore store;
        private InventoryCheckpoint checkpoint;
        private InventoryCheckpoint.Run run;
        private SyncCounters counters;
        private RestoreStatusRule rule;
        private volatile boolean listingUsed;

        Progress(InventoryScope scope, HeadRestoreStatusLookup head, Instant startedAt) {
            this.scope = scope;
            this.head = head;
            this.startedAt = startedAt;
        }

        @Override
        public String leaseName() {
            return checkpointName;
        }

        @Override
        public Optional<KeyRanges> begin(Database database) {
            store = new JdbcCheckpointStore(database);
            InventoryCheckpoint saved = load(store, checkpointName).orElse(InventoryCheckpoint.empty(scope));
            S3Endpoint endpoint = S3Endpoint.of(s3);
            saved.change(endpoint).ifPresent(change -> LOG.log(System.Logger.Level.WARNING,
                    change.warning("the table is brought to what the bucket holds there")));
            checkpoint = saved.from(endpoint);
            Optional<InventoryCheckpoint.Run> stopped = checkpoint.running();
            run = stopped
                    .map(r -> new InventoryCheckpoint.Run(r.startedAt(), Optional.empty(), r.resumes() + 1, r.counters(),
                            r.ranges()))
                    .orElse(new InventoryCheckpoint.Run(startedAt, Optional.empty(), 0, SyncCounters.ZERO,
                            List.of()));
            counters = run.counters();
            rule = new RestoreStatusRule(options.restoreStatusSource(), checkpoint.server(server.amazonS3()),
                    options.headIntelligentTiering(), head, new ArchiveEnforcementProbe(s3));
            return stopped.map(InventoryCheckpoint.Run::remaining);
        }

        Resolution<E> resolve(WalkPage<L> page) {
            long before = rule.headRequestCount();
            List<E> rows = resolver.resolve(scope.bucket(), page, rule);
            if (walk.restoreStatusRejected()) {
                rule.listingRejected();
            }
            listingUsed |= rule.listingTrusted(page.restoreStatusRequested());
            // Only HEADs count as lookups (the summary's "HEAD requests"); the probe is one GET per server, ever.
            return new Resolution<>(rows, rule.headRequestCount() - before);
        }

        @Override
        public void pagesCommitted(Connection connection, KeyRanges remaining, PageCounts counts, Instant now)
                throws SQLException {
            SyncCounters after = counters.plus(counts);
            InventoryCheckpoint base = checkpoint.withServer(rule.traits());
            InventoryCheckpoint next = remaining.isEmpty()
                    ? base.completed(new InventoryCheckpoint.CompletedRun(run.startedAt(), now, run.resumes(), after))
                    : base.withRunning(Optional.of(new InventoryCheckpoint.Run(run.startedAt(), Optional.empty(),
                            run.resumes(), after, InventoryCheckpoint.Range.of(remaining))));
            store.saveIn(connection, checkpointName, Json.write(next));
            // A batch whose transaction rolls back fails the run, so this never runs ahead of the stored checkpoint.
            checkpoint = next;
            counters = after;
        }
    }

    /**
     * The stored checkpoint of a name.
     *
     * @throws IllegalStateException when the stored JSON cannot be read (a damaged state)
     */
    public static Optional<InventoryCheckpoint> load(JdbcCheckpointStore store, String name) {
        return store.load(name).map(json -> InventoryCheckpoint.read(name, json));
    }

    /** Every inventory checkpoint whose name starts with {@code prefix}, by name. */
    public static Map<String, InventoryCheckpoint> list(Database database, String prefix) {
        Map<String, InventoryCheckpoint> result = new TreeMap<>();
        new JdbcCheckpointStore(database).list(prefix)
                .forEach((name, json) -> result.put(name, InventoryCheckpoint.read(name, json)));
        return result;
    }
}
