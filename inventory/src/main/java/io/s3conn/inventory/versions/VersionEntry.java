package io.s3conn.inventory.versions;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.s3conn.core.model.RestoreStatus;
import io.s3conn.source.walk.ObjectVersion;

/**
 * One version or delete marker of a key, as ListObjectVersions shows it, with its restore status settled.
 *
 * @param key          the object key
 * @param versionId    the version id; {@code "null"} for the version written while versioning was off
 *                     or suspended (what S3 itself lists)
 * @param latest       whether this is the key's current entry ({@code IsLatest})
 * @param deleteMarker true for a delete marker
 * @param size         bytes; empty for delete markers
 * @param eTag         the ETag without quotes; empty for delete markers
 * @param storageClass the storage class ({@code STANDARD} where the listing omits it); empty for delete markers
 * @param lastModified when the version or marker was written
 * @param restore      whether the version can be read now; always readable ({@code ""}) for delete markers
 */
public record VersionEntry(String key, String versionId, boolean latest, boolean deleteMarker, Optional<Long> size,
                           Optional<String> eTag, Optional<String> storageClass, Instant lastModified,
                           RestoreStatus restore) {

    /** The version id S3 lists for objects written while versioning was off or suspended. */
    public static final String NULL_VERSION_ID = ObjectVersion.NULL_VERSION_ID;

    /** Refuses a null value, by its name. */
    public VersionEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(versionId, "versionId");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(eTag, "eTag");
        Objects.requireNonNull(storageClass, "storageClass");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(restore, "restore");
    }

    /**
     * The entry of a listed version.
     *
     * @param version the listing's entry
     * @param latest  whether it is its key's newest entry
     * @param restore its restore status (ignored for delete markers)
     */
    public static VersionEntry of(ObjectVersion version, boolean latest, RestoreStatus restore) {
        String id = version.versionId().filter(v -> !v.isEmpty()).orElse(NULL_VERSION_ID);
        if (version.deleteMarker()) {
            return new VersionEntry(version.key(), id, latest, true, Optional.empty(), Optional.empty(),
                    Optional.empty(), version.lastModified(), RestoreStatus.READABLE);
        }
        return new VersionEntry(version.key(), id, latest, false, Optional.of(version.size()),
                Optional.of(version.eTag()), Optional.of(version.storageClass()), version.lastModified(), restore);
    }
}
