package io.s3conn.glacier;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code RestoreStatus} element of a listing entry (ListObjectsV2 or ListObjectVersions asked for
 * {@code OptionalObjectAttributes=RestoreStatus}).
 *
 * @param inProgress {@code IsRestoreInProgress}
 * @param expiry     {@code RestoreExpiryDate}, present once restored
 */
public record ListedRestore(boolean inProgress, Optional<Instant> expiry) {

    /** Refuses a null value, by its name. */
    public ListedRestore {
        Objects.requireNonNull(expiry, "expiry");
    }
}
