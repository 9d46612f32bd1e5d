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
 */
public record ScopeCounts(long objects, long bytes, Map<String, Long> byStorageClass, Map<String, Long> byRestoreStatus) {

    public ScopeCounts {
        byStorageClass = Collections.unmodifiableMap(new TreeMap<>(byStorageClass));
        byRestoreStatus = Collections.unmodifiableMap(new TreeMap<>(byRestoreStatus));
    }
}
