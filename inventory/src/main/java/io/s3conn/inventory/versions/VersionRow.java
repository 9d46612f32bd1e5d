package io.s3conn.inventory.versions;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A row of {@code s3_object_versions} as a user reads it.
 *
 * @param version     the version or delete marker
 * @param firstSeenAt when a sync first saw it (again, after it was deleted)
 * @param syncedAt    when a sync last wrote the row
 * @param deletedAt   when a sync found the version gone (permanently deleted, or expired by a lifecycle
 *                    rule); empty while it exists. A delete marker on top of a version does not delete
 *                    the version: it only makes it non-latest.
 */
public record VersionRow(VersionEntry version, Instant firstSeenAt, Instant syncedAt, Optional<Instant> deletedAt) {

    /** Refuses a null value, by its name. */
    public VersionRow {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(firstSeenAt, "firstSeenAt");
        Objects.requireNonNull(syncedAt, "syncedAt");
        Objects.requireNonNull(deletedAt, "deletedAt");
    }
}
