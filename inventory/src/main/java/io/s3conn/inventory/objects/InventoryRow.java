package io.s3conn.inventory.objects;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.s3conn.core.model.ObjectSummary;
import io.s3conn.core.model.RestoreStatus;

/**
 * A row of {@code s3_objects} as a user reads it.
 *
 * @param object      key, size, ETag, storage class and LastModified
 * @param restore     restore status and expiry
 * @param firstSeenAt when the sync first saw this key (again, after a delete)
 * @param syncedAt    when a sync last wrote the row
 * @param deletedAt   when a sync found the key gone; empty while the object exists
 * @param restoreRequest when {@code inventory restore} last requested a restore of the object, and with which tier;
 *                    empty if it never did
 */
public record InventoryRow(ObjectSummary object, RestoreStatus restore, Instant firstSeenAt, Instant syncedAt,
                           Optional<Instant> deletedAt, Optional<RestoreRequest> restoreRequest) {

    /**
     * The restore request recorded in a row ({@code restore_requested_at}, {@code restore_tier}).
     *
     * @param requestedAt when the request was sent
     * @param tier        the retrieval tier asked for (Standard, Bulk or Expedited)
     */
    public record RestoreRequest(Instant requestedAt, String tier) {
        /** Refuses a null value, by its name. */
        public RestoreRequest {
            Objects.requireNonNull(requestedAt, "requestedAt");
            Objects.requireNonNull(tier, "tier");
        }
    }

    /** Refuses a null value, by its name. */
    public InventoryRow {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(restore, "restore");
        Objects.requireNonNull(firstSeenAt, "firstSeenAt");
        Objects.requireNonNull(syncedAt, "syncedAt");
        Objects.requireNonNull(deletedAt, "deletedAt");
        Objects.requireNonNull(restoreRequest, "restoreRequest");
    }
}
