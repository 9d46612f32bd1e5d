package io.s3conn.inventory;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an inventory scope holds now.
 *
 * @param objects         live objects
 * @param bytes           their total size
 * @param byStorageClass  live objects per storage class
 * @param byRestoreStatus live objects per restore status label ({@code ""} = readable without restore)
 * @param deleteMarkers   delete markers still there (a version inventory's; none in an object inventory), which
 *                        {@code objects} does not count
 */
public record ScopeCounts(long objects, long bytes, Map<String, Long> byStorageClass, Map<String, Long> byRestoreStatus,
                          long deleteMarkers) {

    /** Keeps unmodifiable copies of the counts, sorted by name. */
    public ScopeCounts {
        byStorageClass = Collections.unmodifiableMap(new TreeMap<>(byStorageClass));
        byRestoreStatus = Collections.unmodifiableMap(new TreeMap<>(byRestoreStatus));
    }

    /** These counts with {@code deleteMarkers} delete markers beside them. */
    public ScopeCounts withDeleteMarkers(long deleteMarkers) {
        return new ScopeCounts(objects, bytes, byStorageClass, byRestoreStatus, deleteMarkers);
    }
}
