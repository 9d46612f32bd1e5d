package io.s3conn.inventory;

import java.time.Clock;
import java.util.Objects;

import io.s3conn.glacier.RestoreStatusSource;

/**
 * How a sync lists and looks up restore statuses.
 *
 * @param pageSize               keys per listing page (1 to 1000); also how much a killed sync may redo
 * @param headConcurrency        HeadObject requests in flight at most
 * @param restoreStatusSource    where restore statuses come from
 * @param headIntelligentTiering HEAD Intelligent-Tiering objects to learn whether they sit in an archive tier
 * @param clock                  the time written to {@code synced_at} and the checkpoint
 * @param listConcurrency        listing requests in flight at most: the scope is walked as that many key
 *                               ranges at once ({@code 1}: one sequential walk)
 */
public record InventorySyncOptions(int pageSize, int headConcurrency, RestoreStatusSource restoreStatusSource,
                                   boolean headIntelligentTiering, Clock clock, int listConcurrency) {

    /**
     * Listing requests in flight by default: eight key ranges at once, where the listing benchmark stopped
     * gaining on two cores (README, "Listing in parallel").
     */
    public static final int DEFAULT_LIST_CONCURRENCY = 8;

    /** Refuses a null value, by its name, and sizes and concurrencies out of range. */
    public InventorySyncOptions {
        Objects.requireNonNull(restoreStatusSource, "restoreStatusSource");
        Objects.requireNonNull(clock, "clock");
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("page size must be between 1 and 1000, was " + pageSize);
        }
        if (listConcurrency < 1) {
            throw new IllegalArgumentException("list concurrency must be at least 1, was " + listConcurrency);
        }
        if (headConcurrency < 1) {
            throw new IllegalArgumentException("HEAD concurrency must be at least 1, was " + headConcurrency);
        }
    }

    /** 1000 keys a page, 16 HEADs at once, restore status from the listing where trusted. */
    public static InventorySyncOptions defaults() {
        return new InventorySyncOptions(1000, 16, RestoreStatusSource.AUTO, true, Clock.systemUTC(),
                DEFAULT_LIST_CONCURRENCY);
    }

    /** A copy with another page size. */
    public InventorySyncOptions withPageSize(int size) {
        return new InventorySyncOptions(size, headConcurrency, restoreStatusSource, headIntelligentTiering, clock, listConcurrency);
    }

    /** A copy with another restore status source. */
    public InventorySyncOptions withRestoreStatusSource(RestoreStatusSource source) {
        return new InventorySyncOptions(pageSize, headConcurrency, source, headIntelligentTiering, clock, listConcurrency);
    }

    /** A copy with another HEAD concurrency. */
    public InventorySyncOptions withHeadConcurrency(int concurrency) {
        return new InventorySyncOptions(pageSize, concurrency, restoreStatusSource, headIntelligentTiering, clock, listConcurrency);
    }

    /** A copy that does or does not HEAD Intelligent-Tiering objects. */
    public InventorySyncOptions withHeadIntelligentTiering(boolean head) {
        return new InventorySyncOptions(pageSize, headConcurrency, restoreStatusSource, head, clock, listConcurrency);
    }

    /** A copy listing with {@code concurrency} requests in flight at most. */
    public InventorySyncOptions withListConcurrency(int concurrency) {
        return new InventorySyncOptions(pageSize, headConcurrency, restoreStatusSource, headIntelligentTiering, clock,
                concurrency);
    }
}
