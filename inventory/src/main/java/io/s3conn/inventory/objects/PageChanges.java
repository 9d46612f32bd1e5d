package io.s3conn.inventory.objects;

import java.util.List;

import io.s3conn.source.diff.RangeDiff;

/**
 * How one listing page differs from the table.
 *
 * @param inserted      keys the table has never had
 * @param updated       keys whose row changed or that came back after a delete
 * @param liveUnmatched rows of the page's key range that exist in the table but not in the listing
 */
record PageChanges(List<ResolvedObject> inserted, List<ResolvedObject> updated, int liveUnmatched)
        implements RangeDiff<ResolvedObject> {

    @Override
    public boolean anyMissing() {
        return liveUnmatched > 0;
    }
}
