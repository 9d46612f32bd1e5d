package io.s3conn.inventory.versions;

import java.util.List;

import io.s3conn.source.diff.RangeDiff;

/**
 * How one page of the versions listing differs from the table.
 *
 * @param inserted              versions the table has never had
 * @param updated               versions whose row changed (is_latest, restore status, ...) or that came back
 * @param vanished              live rows of keys the page lists whose version the page lacks: versions
 *                              deleted for good while their key still exists
 * @param liveRowsOfUnlistedKeys live rows in the page's range whose key the page does not list at all
 */
record VersionPageChanges(List<VersionEntry> inserted, List<VersionEntry> updated, List<VersionId> vanished,
                          int liveRowsOfUnlistedKeys) implements RangeDiff<VersionEntry> {

    /** The identity of a row within a scope. */
    record VersionId(String key, String versionId) {
    }

    /** True when some live rows of the range are to be marked deleted. */
    @Override
    public boolean anyMissing() {
        return !vanished.isEmpty() || liveRowsOfUnlistedKeys > 0;
    }
}
