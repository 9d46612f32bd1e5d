package io.s3conn.source.walk;

/**
 * The bucket is an Amazon S3 directory bucket (S3 Express One Zone, a name ending in {@code --x-s3}). Its
 * listings are not in key order and cannot start after a key, and it keeps no versions, so no walk, range or
 * checkpoint over it would hold: inventories and sources refuse it before their first request instead of
 * keeping a table that only looks right. Writing records into one is fine.
 */
public final class DirectoryBucketException extends RuntimeException {

    /** The suffix Amazon S3 reserves for directory bucket names. */
    private static final String SUFFIX = "--x-s3";

    private DirectoryBucketException(String bucket) {
        super("bucket " + bucket + " is a directory bucket (S3 Express One Zone): its listings are not in key order"
                + " and cannot resume after a key, which inventories and sources need; use a general purpose bucket");
    }

    /**
     * Refuses a directory bucket by its name, before any request.
     *
     * @param bucket a bucket about to be listed
     * @throws DirectoryBucketException when its name is a directory bucket's
     */
    public static void refuseDirectoryBucket(String bucket) {
        if (bucket.endsWith(SUFFIX)) {
            throw new DirectoryBucketException(bucket);
        }
    }
}
