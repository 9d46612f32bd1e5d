package io.s3conn.destination.s3;

import java.util.Objects;

import io.s3conn.core.record.Position;

/**
 * A batch that is stored: its records are acknowledged.
 *
 * @param bucket        the bucket
 * @param key           the object it was written to
 * @param records       how many records it holds
 * @param bytes         the object's size
 * @param firstPosition the position of its first record
 * @param lastPosition  the position of its last record: the source may checkpoint up to here
 */
public record StoredBatch(String bucket, String key, int records, long bytes, Position firstPosition, Position lastPosition) {

    public StoredBatch {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(firstPosition, "firstPosition");
        Objects.requireNonNull(lastPosition, "lastPosition");
    }
}
