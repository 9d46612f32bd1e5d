package io.s3conn.core.s3;

import java.util.Objects;

/**
 * The one check every library applies to the bucket it is given. Only presence is checked: S3-compatible servers
 * allow names Amazon S3 refuses, and the server answers for the rest. Checked up front, a missing bucket is a
 * configuration error that names the bucket, not the AWS SDK's "Bucket cannot be empty" at the first request (or, for
 * a writer, at its first upload).
 */
public final class BucketNames {

    private BucketNames() {
    }

    /**
     * {@code bucket} itself, when it names a bucket.
     *
     * @throws NullPointerException     when it is null
     * @throws IllegalArgumentException when it is empty or blank
     */
    public static String require(String bucket) {
        Objects.requireNonNull(bucket, "bucket");
        if (bucket.isBlank()) {
            throw new IllegalArgumentException("bucket must not be blank, was \"" + bucket + "\"");
        }
        return bucket;
    }
}
