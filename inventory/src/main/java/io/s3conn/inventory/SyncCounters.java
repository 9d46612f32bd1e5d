package io.s3conn.inventory;

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

    /** These counters plus one page's worth. */
    SyncCounters plus(long listedNow, long insertedNow, long updatedNow, long deletedNow, long headsNow, long pagesNow) {
        return new SyncCounters(pages + pagesNow, listed + listedNow, inserted + insertedNow, updated + updatedNow,
                deleted + deletedNow, headRequests + headsNow);
    }
}
