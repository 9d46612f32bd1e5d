package io.s3conn.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One object as a listing reports it.
 *
 * @param key          the object key, decoded
 * @param size         size in bytes
 * @param eTag         the entity tag without surrounding quotes (a multipart ETag keeps its {@code -N} suffix)
 * @param storageClass the storage class as S3 names it ({@code STANDARD} where the listing omits it)
 * @param lastModified last modification time, UTC, one-second precision on Amazon S3
 */
public record ObjectSummary(String key, long size, String eTag, String storageClass, Instant lastModified) {

    /** Refuses a null value, by its name. */
    public ObjectSummary {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(eTag, "eTag");
        Objects.requireNonNull(storageClass, "storageClass");
        Objects.requireNonNull(lastModified, "lastModified");
    }

    /** Strips the quotes S3 puts around ETags; tolerates values that have none. */
    public static String unquoteETag(String eTag) {
        if (eTag == null) {
            return "";
        }
        String t = eTag.strip();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }
}
