package io.s3conn.inventory.objects;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.model.RestoreStatus;
import io.s3conn.core.state.JdbcCheckpointStore;
import io.s3conn.glacier.RestoreStatusRule;
import io.s3conn.glacier.RestoreStatusSource;
import io.s3conn.glacier.ServerTraits;
import io.s3conn.inventory.InventoryCheckpoint;
import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.InventorySyncOptions;
import io.s3conn.inventory.ScopeSync;
import io.s3conn.inventory.SyncListener;
import io.s3conn.inventory.SyncSummary;
import io.s3conn.source.walk.CurrentObjectsWalk;
import io.s3conn.source.walk.ListedObject;
import io.s3conn.source.walk.WalkPage;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Keeps {@code s3_objects} equal to what a bucket (under a prefix) holds, on the range-diff engine
 * ({@link io.s3conn.source.diff.RangeDiffEngine}): the current-objects walk, restore statuses settled
 * by the {@link RestoreStatusRule}, and each page compared with the table's rows of exactly its key
 * range and committed with the checkpoint in one transaction. A sync killed at any moment resumes
 * after the last committed page and ends with the same table as one that was never stopped.
 *
 * <p>The listing starts before the database is opened: the first page doubles as the check that the
 * bucket and credentials are right, so a sync that fails there never touches the database.
 *
 * <p>A sync holds the scope's {@link io.s3conn.core.state.RunLease} while it runs: a second sync of the
 * same scope, from another process on the same database, is refused with
 * {@link io.s3conn.core.state.LeaseHeldException}.
 */
public final class InventorySync {

    private final S3Client s3;
    private final ServerTraits server;
    private final Supplier<Database> databaseOpener;
    private final InventorySyncOptions options;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private Database database;

    /**
     * A sync of {@code s3_objects} in {@code database}. Nothing is requested before {@link #run}.
     *
     * @param s3       a client for the bucket's service, owned by the caller
     * @param server   what is known of that service (whether it is Amazon S3)
     * @param database the s3conn database, owned by the caller
     * @param options  listing and lookup options
     */
    public InventorySync(S3Client s3, ServerTraits server, Database database, InventorySyncOptions options) {
        this(s3, server, opened(database), options);
    }

    /**
     * A sync of {@code s3_objects} in a database opened only once the bucket could be listed.
     *
     * @param s3             a client for the bucket's service, owned by the caller
     * @param server         what is known of that service (whether it is Amazon S3)
     * @param databaseOpener opens the s3conn database; called at most once: by {@link #run} only after
     *                       the first listing page arrived (so never for a bucket that cannot be listed),
     *                       or by {@link #checkpoint}. The caller closes what it returned.
     * @param options        listing and lookup options
     */
    public InventorySync(S3Client s3, ServerTraits server, Supplier<Database> databaseOpener, InventorySyncOptions options) {
        // Checked here: the database is first used after the first listing page, the options deep in the walk.
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.server = Objects.requireNonNull(server, "server");
        this.databaseOpener = Objects.requireNonNull(databaseOpener, "databaseOpener");
        this.options = Objects.requireNonNull(options, "options");
    }

    private static Supplier<Database> opened(Database database) {
        Objects.requireNonNull(database, "database");
        return () -> database;
    }

    private Database database() {
        if (database == null) {
            database = databaseOpener.get();
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
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(listener, "listener");
        CurrentObjectsWalk walk = new CurrentObjectsWalk(s3, scope.bucket(), scope.prefix(), options.pageSize(),
                options.restoreStatusSource() != RestoreStatusSource.HEAD);
        return new ScopeSync<>(s3, server, options, scope.checkpointName(), walk, ListedObject::key, InventorySync::resolve,
                (db, s) -> new InventoryTable(db).store(s), (db, s) -> new InventoryTable(db).counts(s))
                .run(scope, this::database, listener, stopping::get);
    }

    /**
     * Asks the sync running now, and every later {@link #run} of this instance, to stop: after the batch of
     * pages being committed, or at once while pages are awaited, without waiting for the requests in flight.
     * {@code run} then throws {@link java.util.concurrent.CancellationException}; what was committed stays, with
     * the checkpoint a next sync resumes from, and the scope's lease is released. Safe from any thread.
     */
    public void stop() {
        stopping.set(true);
    }

    /** A page's objects with their restore statuses. */
    static List<ResolvedObject> resolve(String bucket, WalkPage<ListedObject> page, RestoreStatusRule rule) {
        List<RestoreStatus> statuses = rule.resolve(bucket, page.restoreStatusRequested(), page.entries().stream()
                .map(o -> RestoreStatusRule.Entry.object(o.key(), o.summary().storageClass(), o.restoreStatus()))
                .toList());
        List<ResolvedObject> resolved = new ArrayList<>(statuses.size());
        for (int i = 0; i < statuses.size(); i++) {
            resolved.add(new ResolvedObject(page.entries().get(i).summary(), statuses.get(i)));
        }
        return resolved;
    }

    /**
     * The stored checkpoint of a scope.
     *
     * @throws IllegalStateException when the stored JSON cannot be read (a damaged state)
     */
    public Optional<InventoryCheckpoint> checkpoint(InventoryScope scope) {
        return ScopeSync.load(new JdbcCheckpointStore(database()), scope.checkpointName());
    }

    /** Every inventory checkpoint in the database, by checkpoint name. */
    public static Map<String, InventoryCheckpoint> checkpoints(Database database) {
        return ScopeSync.list(database, InventoryScope.CHECKPOINT_PREFIX);
    }
}
