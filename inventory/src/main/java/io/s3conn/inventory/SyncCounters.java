package io.s3conn.inventory;

import io.s3conn.source.diff.PageCounts;

/**
 * What a sync did, accumulated across resumes.
 *
 * @param pages        listing pages committed
 * @param listed       objects listed
 * @param inserted     rows created for keys never seen
 * @param updated      rows rewritten because the object or its restore status changed, or it came back
 * @param deleted      rows marked deleted
 * @param headRequests HeadObject requests sent for restore statuses
 */
public record SyncCounters(long pages, long listed, long inserted, long updated, long deleted, long headRequests) {

    /** Nothing done yet. */
    public static final SyncCounters ZERO = new SyncCounters(0, 0, 0, 0, 0, 0);

    /** Rows written because something changed: inserted plus updated. */
    public long changed() {
        return inserted + updated;
    }

    /** These counters plus what the engine committed for some pages (its lookups are HEAD and probe requests). */
    public SyncCounters plus(PageCounts counts) {
        return new SyncCounters(pages + counts.pages(), listed + counts.listed(), inserted + counts.inserted(),
                updated + counts.updated(), deleted + counts.deleted(), headRequests + counts.lookups());
    }
}
