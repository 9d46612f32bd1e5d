package io.s3conn.source.walk;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.s3conn.glacier.ListedRestore;

/**
 * One entry of a listing, current object or version: what the source compares and emits.
 *
 * @param key           the object key
 * @param versionId     the version, on versioned buckets
 * @param eTag          ETag without quotes ({@code ""} for delete markers)
 * @param size          bytes
 * @param storageClass  the storage class
 * @param lastModified  when it was written
 * @param deleteMarker  true for a delete marker
 * @param restoreStatus the listing's {@code RestoreStatus} element, when the listing was asked for it
 *                      ({@code OptionalObjectAttributes=RestoreStatus}) and the entry carried one
 */
public record ObjectVersion(String key, Optional<String> versionId, String eTag, long size, String storageClass,
                            Instant lastModified, boolean deleteMarker, Optional<ListedRestore> restoreStatus) {

    /**
     * The version id S3 lists for an object written while versioning was off or suspended: one id for
     * whatever such writes leave, each replacing the one before.
     */
    public static final String NULL_VERSION_ID = "null";

    /** Refuses a null value, by its name. */
    public ObjectVersion {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(versionId, "versionId");
        Objects.requireNonNull(eTag, "eTag");
        Objects.requireNonNull(storageClass, "storageClass");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(restoreStatus, "restoreStatus");
    }

    /** An entry without a listed {@code RestoreStatus} element. */
    public ObjectVersion(String key, Optional<String> versionId, String eTag, long size, String storageClass,
                         Instant lastModified, boolean deleteMarker) {
        this(key, versionId, eTag, size, storageClass, lastModified, deleteMarker, Optional.empty());
    }

    /**
     * True when {@code other} describes the same object content (same version, or same ETag, size and time).
     * Times are compared to the second: a HEAD ({@code Last-Modified}, an HTTP date) cannot say more, and
     * S3-compatible servers list fractions a HEAD of the same object drops.
     */
    public boolean sameAs(ObjectVersion other) {
        if (versionId.isPresent() && other.versionId.isPresent()) {
            // While versioning is suspended every write replaces the "null" version (a put, or a delete's
            // marker), so that id alone does not tell two of its contents apart.
            return versionId.equals(other.versionId)
                    && (!versionId.get().equals(NULL_VERSION_ID) || sameContentAs(other));
        }
        return sameContentAs(other);
    }

    private boolean sameContentAs(ObjectVersion other) {
        return deleteMarker == other.deleteMarker && eTag.equals(other.eTag) && size == other.size
                && lastModified.getEpochSecond() == other.lastModified.getEpochSecond();
    }
}
