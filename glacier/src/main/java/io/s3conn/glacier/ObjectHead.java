package io.s3conn.glacier;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.s3conn.core.model.ObjectSummary;
import io.s3conn.core.model.RestoreStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What one HeadObject tells of an object: everything a listing entry holds, plus the restore status
 * (which a HEAD always shows, Intelligent-Tiering archive tiers included). One request, and the cheapest
 * one S3 has for a single key: a one-key LIST costs more than ten times as much on Amazon S3.
 *
 * @param key          the key
 * @param versionId    the version, on versioned buckets
 * @param eTag         ETag without quotes
 * @param size         bytes
 * @param storageClass the storage class (STANDARD when the HEAD names none)
 * @param lastModified when it was written, to the second (HTTP dates have no fractions)
 * @param restore      whether and how it can be read
 */
public record ObjectHead(String key, Optional<String> versionId, String eTag, long size, String storageClass,
                         Instant lastModified, RestoreStatus restore) {

    /** Checks every value is given. */
    public ObjectHead {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(versionId, "versionId");
        Objects.requireNonNull(eTag, "eTag");
        Objects.requireNonNull(storageClass, "storageClass");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(restore, "restore");
    }

    /**
     * Whether {@code refusal} of a HEAD concerns the object alone, not the bucket or the credentials: {@code 400} (an
     * SSE-C object asked without its key) or {@code 403} (a policy denying {@code s3:GetObject}), while the bucket may
     * still list. A caller that needs only what a listing shows looks the key up by listing instead.
     */
    public static boolean refusedForTheObject(S3Exception refusal) {
        return refusal.statusCode() == 400 || refusal.statusCode() == 403;
    }

    /**
     * Whether {@code refusal} of a one-key listing (the fallback of a HEAD {@link #refusedForTheObject refused for the
     * object}) refuses the key itself: {@code 400} (S3Proxy: a key that starts with {@code /}), so no object can have it
     * on that server, and an event naming it changes nothing. A {@code 403} there means the credentials lost access.
     */
    public static boolean refusedTheKey(S3Exception refusal) {
        return refusal.statusCode() == 400;
    }

    /**
     * HEADs {@code key} (its current object, or {@code versionId}).
     *
     * @return empty when there is no such object (404), or the version is a delete marker (405)
     * @throws S3Exception for any other refusal
     */
    public static Optional<ObjectHead> find(S3Client s3, String bucket, String key, Optional<String> versionId) {
        HeadObjectResponse head;
        try {
            head = s3.headObject(b -> b.bucket(bucket).key(key).versionId(versionId.orElse(null)));
        } catch (S3Exception e) {
            if (e.statusCode() == 404 || e.statusCode() == 405) {
                return Optional.empty();
            }
            throw e;
        }
        if (Boolean.TRUE.equals(head.deleteMarker())) {
            return Optional.empty();
        }
        String storageClass = ArchiveClassifier.normalize(head.storageClassAsString());
        RestoreStatus restore;
        try {
            restore = RestoreStatuses.fromHead(storageClass, Optional.ofNullable(head.archiveStatusAsString()),
                    Optional.ofNullable(head.restore()));
        } catch (MalformedRestoreHeaderException e) {
            restore = new RestoreStatus.Failed("MalformedRestoreHeader");
        }
        return Optional.of(new ObjectHead(key, Optional.ofNullable(head.versionId()).filter(v -> !v.equals("null")),
                head.eTag() == null ? "" : ObjectSummary.unquoteETag(head.eTag()), head.contentLength() == null ? 0 : head.contentLength(),
                storageClass, head.lastModified(), restore));
    }

    /** The object as {@code s3_objects} and listings describe it. */
    public ObjectSummary summary() {
        return new ObjectSummary(key, size, eTag, storageClass, lastModified);
    }
}
