package io.s3conn.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
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

    private LiveHeap() {
    }

    /** Starts watching every collection of this JVM. */
    static void watch() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                        long used = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                                .getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
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
