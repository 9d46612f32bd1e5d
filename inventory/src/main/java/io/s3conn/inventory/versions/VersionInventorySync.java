package io.s3conn.inventory.versions;

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
import io.s3conn.source.walk.KeyHistory;
import io.s3conn.source.walk.ObjectVersion;
import io.s3conn.source.walk.VersionsWalk;
import io.s3conn.source.walk.WalkPage;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Keeps {@code s3_object_versions} equal to the versions and delete markers a bucket (under a prefix)
 * holds, on the range-diff engine ({@link io.s3conn.source.diff.RangeDiffEngine}) with the versions walk,
 * whose pages always end on whole keys.
 *
 * <p>New versions and changed ones (a version's {@code is_latest} flips when a newer version or a delete
 * marker arrives; its restore status can change) are written; rows of a page's range the listing did not
 * show (versions deleted with their version id, expired, or whole keys gone) are marked deleted; and the
 * checkpoint moves to the page's last key, all in one transaction. Like the object inventory, the first
 * page is listed before the database is opened, then the scope's lease is taken.
 *
 * <p>Checkpoints are {@link InventoryCheckpoint}s named {@code inventory-versions:<bucket>:<prefix>}, so
 * they never mix with the object inventory's {@code inventory:} checkpoints. Restore statuses follow the
 * {@link RestoreStatusRule}; archived versions are looked up with HeadObject and their version id.
 */
public final class VersionInventorySync {

    /** The prefix every version inventory checkpoint name starts with. */
    public static final String CHECKPOINT_PREFIX = "inventory-versions:";

    private final S3Client s3;
    private final ServerTraits server;
    private final Database database;
    private final InventorySyncOptions options;
    private final AtomicBoolean stopping = new AtomicBoolean();

    /**
     * A sync of {@code s3_object_versions} in {@code database}. Nothing is requested before {@link #run}.
     *
     * @param s3       a client for the bucket's service, owned by the caller
     * @param server   what is known of that service (whether it is Amazon S3)
     * @param database the s3conn database, owned by the caller
     * @param options  listing and lookup options; the page size is the {@code max-keys} of each
     *                 ListObjectVersions request (versions and delete markers, not keys)
     */
    public VersionInventorySync(S3Client s3, ServerTraits server, Database database, InventorySyncOptions options) {
        // Checked here: the database is first used after the first listing page, the options deep in the walk.
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.server = Objects.requireNonNull(server, "server");
        this.database = Objects.requireNonNull(database, "database");
        this.options = Objects.requireNonNull(options, "options");
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
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(listener, "listener");
        VersionsWalk walk = new VersionsWalk(s3, scope.bucket(), scope.prefix(), options.pageSize(),
                options.restoreStatusSource() != RestoreStatusSource.HEAD);
        Supplier<Database> opener = () -> database;
        return new ScopeSync<>(s3, server, options, checkpointName(scope), walk, KeyHistory::key,
                VersionInventorySync::resolve,
                (db, s) -> new VersionInventoryTable(db).store(s), (db, s) -> new VersionInventoryTable(db).counts(s))
                .run(scope, opener, listener, stopping::get);
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

    /** Every version and delete marker of a page, in page order (key order, newest first within a key). */
    static List<VersionEntry> resolve(String bucket, WalkPage<KeyHistory> page, RestoreStatusRule rule) {
        List<ObjectVersion> versions = new ArrayList<>();
        List<Boolean> latest = new ArrayList<>();
        List<RestoreStatusRule.Entry> entries = new ArrayList<>();
        for (KeyHistory history : page.entries()) {
            for (int i = 0; i < history.newestFirst().size(); i++) {
                ObjectVersion version = history.newestFirst().get(i);
                boolean current = i == 0;
                versions.add(version);
                latest.add(i == 0);
                // The current "null" version is the plain object: asked without versionId, which every server supports.
                Optional<String> versionId = version.versionId().filter(id -> !id.isEmpty())
                        .filter(id -> !(current && VersionEntry.NULL_VERSION_ID.equals(id)));
                entries.add(new RestoreStatusRule.Entry(version.key(), versionId, version.storageClass(),
                        version.restoreStatus(), version.deleteMarker()));
            }
        }
        List<RestoreStatus> statuses = rule.resolve(bucket, page.restoreStatusRequested(), entries);
        List<VersionEntry> resolved = new ArrayList<>(versions.size());
        for (int i = 0; i < versions.size(); i++) {
            resolved.add(VersionEntry.of(versions.get(i), latest.get(i), statuses.get(i)));
        }
        return resolved;
    }

    /**
     * The stored checkpoint of a scope's version inventory.
     *
     * @throws IllegalStateException when the stored JSON cannot be read (a damaged state)
     */
    public Optional<InventoryCheckpoint> checkpoint(InventoryScope scope) {
        return ScopeSync.load(new JdbcCheckpointStore(database), checkpointName(scope));
    }

    /** Every version inventory checkpoint in the database, by checkpoint name. */
    public static Map<String, InventoryCheckpoint> checkpoints(Database database) {
        return ScopeSync.list(database, CHECKPOINT_PREFIX);
    }
}
