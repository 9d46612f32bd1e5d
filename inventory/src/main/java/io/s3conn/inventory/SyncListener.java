package io.s3conn.inventory;

/** Hears about a sync's progress, for progress bars and metrics. Called on the sync's thread. */
@FunctionalInterface
public interface SyncListener {

    /** A listing page was committed; {@code counters} are the sync's totals so far. */
    void pageCommitted(InventoryScope scope, SyncCounters counters);

    /** A listener that ignores everything. */
    SyncListener NONE = (scope, counters) -> { };
}
