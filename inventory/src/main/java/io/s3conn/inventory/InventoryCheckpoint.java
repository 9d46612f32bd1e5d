package io.s3conn.inventory;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.s3conn.glacier.ArchiveEnforcement;
import io.s3conn.glacier.ListingRestoreStatus;
import io.s3conn.glacier.ServerTraits;

/**
 * The checkpoint of one inventory scope, stored as JSON next to the rows it describes and
 * committed in the same transaction as each listing page.
 *
 * @param bucket                 the scope's bucket
 * @param prefix                 the scope's prefix
 * @param running                the sync under way (or killed): where its listing resumes
 * @param lastCompleted          the last sync that listed the whole scope
 * @param listingRestoreStatus   {@code proven} once this server's listing showed a RestoreStatus
 *                               element, {@code rejected} if it refused the attribute, else {@code unknown}
 *                               ({@link ListingRestoreStatus#label()})
 * @param archiveEnforcement     {@code enforced} or {@code not-enforced} once a probe showed whether this
 *                               server serves archived objects, else {@code unknown}
 *                               ({@link ArchiveEnforcement#label()}; absent in checkpoints written before)
 */
public record InventoryCheckpoint(String bucket, String prefix, Optional<Run> running, Optional<CompletedRun> lastCompleted,
                                  String listingRestoreStatus, String archiveEnforcement) {

    /** A listing has shown RestoreStatus: trust it from the first page next time. */
    public static final String PROVEN = ListingRestoreStatus.PROVEN.label();
    /** The server refused the attribute: stop asking for it. */
    public static final String REJECTED = ListingRestoreStatus.REJECTED.label();
    /** Nothing known yet. */
    public static final String UNKNOWN = ListingRestoreStatus.UNKNOWN.label();

    public InventoryCheckpoint {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        running = running == null ? Optional.empty() : running;
        lastCompleted = lastCompleted == null ? Optional.empty() : lastCompleted;
        listingRestoreStatus = listingRestoreStatus == null ? UNKNOWN : listingRestoreStatus;
        archiveEnforcement = archiveEnforcement == null ? ArchiveEnforcement.UNKNOWN.label() : archiveEnforcement;
    }

    /** A scope never synced. */
    public static InventoryCheckpoint empty(InventoryScope scope) {
        return new InventoryCheckpoint(scope.bucket(), scope.prefix(), Optional.empty(), Optional.empty(), UNKNOWN, null);
    }

    /** A copy with another run in progress (or none). */
    public InventoryCheckpoint withRunning(Optional<Run> run) {
        return new InventoryCheckpoint(bucket, prefix, run, lastCompleted, listingRestoreStatus, archiveEnforcement);
    }

    /** A copy with the run finished. */
    public InventoryCheckpoint completed(CompletedRun run) {
        return new InventoryCheckpoint(bucket, prefix, Optional.empty(), Optional.of(run), listingRestoreStatus,
                archiveEnforcement);
    }

    /** A copy with what is known of the server. */
    public InventoryCheckpoint withServer(ServerTraits traits) {
        return new InventoryCheckpoint(bucket, prefix, running, lastCompleted, traits.listing().label(),
                traits.enforcement().label());
    }

    /** What this checkpoint knows of the server, on top of whether it is Amazon S3. */
    public ServerTraits server(boolean amazonS3) {
        return new ServerTraits(amazonS3, ListingRestoreStatus.fromLabel(listingRestoreStatus),
                ArchiveEnforcement.fromLabel(archiveEnforcement)).withEnforcement(ArchiveEnforcement.fromLabel(archiveEnforcement));
    }

    /**
     * A sync in progress.
     *
     * @param startedAt  when it started (the first attempt, if it was resumed)
     * @param startAfter the last key whose page was committed; the listing resumes after it
     * @param resumes    how many times it was resumed after being stopped
     * @param counters   what it did so far
     */
    public record Run(Instant startedAt, Optional<String> startAfter, int resumes, SyncCounters counters) {
        public Run {
            startAfter = startAfter == null ? Optional.empty() : startAfter;
        }
    }

    /**
     * A sync that listed the whole scope.
     *
     * @param startedAt  when it started
     * @param finishedAt when its last page was committed
     * @param resumes    how many times it was resumed
     * @param counters   what it did
     */
    public record CompletedRun(Instant startedAt, Instant finishedAt, int resumes, SyncCounters counters) {
    }
}
