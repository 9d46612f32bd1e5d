package io.s3conn.source.listing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.s3conn.core.model.ObjectSummary;

/**
 * One listing entry: the object, and the {@code RestoreStatus} element if the entry carried one.
 *
 * @param summary       what every listing reports
 * @param restoreStatus the listing's restore element; empty when the entry had none (never restored,
 *                      or a server that does not report it)
 */
public record ListedObject(ObjectSummary summary, Optional<ListedRestoreStatus> restoreStatus) {

    public ListedObject {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(restoreStatus, "restoreStatus");
    }

    /**
     * The {@code RestoreStatus} element of a listing entry.
     *
     * @param inProgress {@code IsRestoreInProgress}
     * @param expiry     {@code RestoreExpiryDate}, present once restored
     */
    public record ListedRestoreStatus(boolean inProgress, Optional<Instant> expiry) {
    }
}
