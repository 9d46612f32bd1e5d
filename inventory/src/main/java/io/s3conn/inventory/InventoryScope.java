package io.s3conn.inventory;

import java.util.Objects;

import io.s3conn.core.s3.BucketNames;

/**
 * The part of a bucket one inventory covers. Rows and checkpoints are kept per scope, so several
 * buckets (and prefixes) share one database without touching each other's rows.
 *
 * @param bucket the bucket
 * @param prefix the key prefix, {@code ""} for the whole bucket
 */
public record InventoryScope(String bucket, String prefix) {

    /** Checks both values: a bucket that is null or blank is refused by name ({@link BucketNames#require}). */
    public InventoryScope {
        BucketNames.require(bucket);
        Objects.requireNonNull(prefix, "prefix");
    }

    /** The prefix every inventory checkpoint name starts with. */
    public static final String CHECKPOINT_PREFIX = "inventory:";

    /** The checkpoint name; bucket names cannot contain {@code :}, so the name is unambiguous. */
    public String checkpointName() {
        return CHECKPOINT_PREFIX + bucket + ":" + prefix;
    }

    /** {@code s3://bucket/prefix}. */
    @Override
    public String toString() {
        return "s3://" + bucket + "/" + prefix;
    }
}
