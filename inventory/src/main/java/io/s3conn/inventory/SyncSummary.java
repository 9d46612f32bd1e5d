package io.s3conn.inventory;

import java.time.Duration;
import java.time.Instant;

/**
 * The result of a completed sync.
 *
 * @param scope               what was synced
 * @param startedAt           when the sync started (its first attempt if resumed)
 * @param finishedAt          when it completed
 * @param resumes             how many times it was resumed from a checkpoint
 * @param counters            what it listed and wrote
 * @param contents            what the scope holds now
 * @param restoreStatusSource {@code listing} or {@code head}: how archived objects' statuses were found
 */
public record SyncSummary(InventoryScope scope, Instant startedAt, Instant finishedAt, int resumes,
                          SyncCounters counters, ScopeCounts contents, String restoreStatusSource) {

    /** Wall-clock time of this sync, across resumes. */
    public Duration elapsed() {
        return Duration.between(startedAt, finishedAt);
    }
}
