package io.s3conn.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The most heap a JVM had in use right after a garbage collection: what it held, unlike peak RSS, which follows the
 * heap the collector was allowed ({@code -Xmx}) more than what was kept. Measured at two sizes it says whether
 * memory grows with the work.
 */
final class LiveHeap {

    private static final AtomicLong MOST = new AtomicLong();
    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());

    private LiveHeap() {
    }

    /** Starts watching every collection of this JVM. */
    static void watch() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                        // The heap's pools only: the collector reports Metaspace and the code cache too, which
                        // counted some 30 MiB that -Xmx does not bound and the bucket does not grow.
                        long used = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                                .getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                                .filter(pool -> HEAP_POOLS.contains(pool.getKey()))
                                .mapToLong(pool -> pool.getValue().getUsed()).sum();
                        MOST.accumulateAndGet(used, Math::max);
                    }
                }, null, null);
            }
        }
    }

    /** The most found in use after a collection since {@link #watch}, in KiB (0 if none ran). */
    static long mostKb() {
        return MOST.get() / 1024;
    }
}
