package io.s3conn.destination;

import java.util.Objects;

import io.s3conn.core.record.Position;

/**
 * A batch a {@link RecordWriter} stored: its records are durable, so the host may commit source
 * positions up to {@link #lastPosition()}.
 *
 * @param bucket        the bucket
 * @param key           the object it was written to
 * @param records       how many records it holds
 * @param bytes         the object's size
 * @param firstPosition the position of its first record
 * @param lastPosition  the position of its last record: the source may checkpoint up to here
 */
public record StoredBatch(String bucket, String key, int records, long bytes, Position firstPosition, Position lastPosition) {

    /** Refuses a null value, by its name. */
    public StoredBatch {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(firstPosition, "firstPosition");
        Objects.requireNonNull(lastPosition, "lastPosition");
    }
}
