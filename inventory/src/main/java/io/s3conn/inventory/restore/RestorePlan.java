package io.s3conn.inventory.restore;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.s3conn.core.model.ObjectSummary;

/**
 * The objects a restore will request, chosen from a fresh listing.
 *
 * @param objects           what will be requested, in key order
 * @param bytes             their total size
 * @param byStorageClass    how many per storage class
 * @param restoring         keys of the matching objects skipped because a restore is running, in key order: what a
 *                          {@code --wait} waits for besides {@code objects}, so that a wait cut short (timeout,
 *                          Ctrl-C) goes on when the same command runs again
 * @param alreadyRestored   objects skipped because they are restored (see {@code --extend})
 * @param overLimit         matching objects left out by the object or byte limit
 * @param readableArchiveClass matching GLACIER and DEEP_ARCHIVE objects the server serves at once, never restored: a
 *                          server whose archive classes are only labels (Ceph RGW), which has no restores to ask for
 */
public record RestorePlan(List<ObjectSummary> objects, long bytes, Map<String, Long> byStorageClass,
                          List<String> restoring, long alreadyRestored, long overLimit, long readableArchiveClass) {

    /** Keeps unmodifiable copies of the lists and counts. */
    public RestorePlan {
        objects = List.copyOf(objects);
        byStorageClass = Collections.unmodifiableMap(new TreeMap<>(byStorageClass));
        restoring = List.copyOf(restoring);
    }

    /** How many matching objects were skipped because a restore is running. */
    public long alreadyRestoring() {
        return restoring.size();
    }
}
