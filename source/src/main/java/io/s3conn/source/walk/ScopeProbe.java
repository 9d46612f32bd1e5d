package io.s3conn.source.walk;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * One cheap listing of a scope before a run touches its state: a wrong bucket name, endpoint or credentials, or a
 * directory bucket, then fails with the server's (or s3conn's) reason while the database is still as it was.
 */
public final class ScopeProbe {

    private ScopeProbe() {
    }

    /**
     * Lists one key of the scope, so that a run that cannot read it fails before it touches the database.
     *
     * @param s3     the client the run will read with
     * @param bucket the bucket about to be read
     * @param prefix the scope's prefix, empty for the whole bucket
     * @throws DirectoryBucketException when {@code bucket} is a directory bucket, before any request
     * @throws software.amazon.awssdk.core.exception.SdkException when the listing is refused or cannot be sent
     */
    public static void check(S3Client s3, String bucket, String prefix) {
        DirectoryBucketException.refuseDirectoryBucket(bucket);
        listOne(s3, bucket, prefix);
    }

    /**
     * One listing of a bucket a run writes into (a destination): any bucket that lists, directory buckets too, for
     * writing needs no key order. URL-encoded for the same reason as {@link #check}: the bucket's first key may hold
     * a character XML 1.0 cannot carry.
     *
     * @param s3     the client the run will write with
     * @param bucket the bucket about to be written
     * @throws software.amazon.awssdk.core.exception.SdkException when the listing is refused or cannot be sent
     */
    public static void checkWritable(S3Client s3, String bucket) {
        checkWritable(s3, bucket, "");
    }

    /**
     * As {@link #checkWritable(S3Client, String)}, listing only under {@code prefix}, where the run writes: credentials
     * that may list only there (an IAM policy's {@code s3:prefix} condition) pass, as they can write there. A prefix
     * the server answers {@code 400} for is probed as the whole bucket.
     *
     * @param prefix the keys' common start, empty for the whole bucket
     */
    public static void checkWritable(S3Client s3, String bucket, String prefix) {
        try {
            listOne(s3, bucket, prefix);
        } catch (S3Exception e) {
            if (prefix.isEmpty() || e.statusCode() != 400) {
                throw e;
            }
            // A prefix the server will not list (S3Proxy refuses one that starts with '/'): the bucket is probed
            // instead, and the first upload says what the server makes of keys under that prefix, naming one.
            listOne(s3, bucket, "");
        }
    }

    /**
     * Read as the walks read listings: URL-encoded, for the first key may hold characters XML 1.0 cannot carry (ESC,
     * most of C0), which made the answer unreadable and the run fail before it began; guarded, for RGW echoes the
     * prefix unencoded.
     */
    private static void listOne(S3Client s3, String bucket, String prefix) {
        s3.listObjectsV2(GuardedListings.listObjectsV2().bucket(bucket).maxKeys(1).prefix(prefix.isEmpty() ? null : prefix)
                .encodingType(EncodingType.URL).build());
    }
}
