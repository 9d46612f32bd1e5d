package io.s3conn.inventory.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.s3conn.inventory.SyncSummary;

/**
 * What an inventory watch did since it started.
 *
 * @param applied         events applied (each committed in its own transaction)
 * @param written         of those, rows a HEAD found changed and wrote (inserted, rewritten or brought back)
 * @param deleted         rows marked deleted
 * @param restoreUpdates  restore statuses set from the event alone
 * @param failures        events that could not be applied (S3 or the database failed): their messages come back
 * @param reconciles      reconciling syncs completed
 * @param newestEventTime the latest {@code eventTime} among the events applied
 * @param lastReconcile   the summary of the last reconciling sync
 */
public record WatchStats(long applied, long written, long deleted, long restoreUpdates, long failures, long reconciles,
                         Optional<Instant> newestEventTime, Optional<SyncSummary> lastReconcile) {

    /** What a watch stopped before it started did: nothing. */
    public static final WatchStats NONE = new WatchStats(0, 0, 0, 0, 0, 0, Optional.empty(), Optional.empty());

    /** Checks every value is given. */
    public WatchStats {
        Objects.requireNonNull(newestEventTime, "newestEventTime");
        Objects.requireNonNull(lastReconcile, "lastReconcile");
    }

    /** The counts by the names summaries and status show them under, in this order. */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("events", applied);
        counts.put("written", written);
        counts.put("deleted", deleted);
        counts.put("restore_updates", restoreUpdates);
        counts.put("failures", failures);
        counts.put("reconciles", reconciles);
        return counts;
    }
}
