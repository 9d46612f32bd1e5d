package io.s3conn.inventory.objects;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.s3conn.core.jdbc.Dialect;
import io.s3conn.core.model.ObjectSummary;
import io.s3conn.core.model.RestoreStatus;

/**
 * A listed object with its restore status settled.
 *
 * @param summary the listing entry
 * @param restore whether and how it can be read
 */
public record ResolvedObject(ObjectSummary summary, RestoreStatus restore) {

    /** Refuses a null value, by its name. */
    public ResolvedObject {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(restore, "restore");
    }

    /**
     * Whether a row holding these values already says what this object is: what a sync compares a listed object with,
     * and an event its HEAD's answer. Times compare at the precision the database keeps.
     */
    public boolean storedAs(long size, String eTag, String storageClass, Optional<Instant> lastModified,
                            String restoreLabel, Optional<Instant> restoreExpiry) {
        return summary.size() == size
                && summary.eTag().equals(eTag)
                && summary.storageClass().equals(storageClass)
                && lastModified.equals(Optional.of(Dialect.storedPrecision(summary.lastModified())))
                && restore.label().equals(restoreLabel)
                && restoreExpiry.equals(restore.expiry().map(Dialect::storedPrecision));
    }
}
