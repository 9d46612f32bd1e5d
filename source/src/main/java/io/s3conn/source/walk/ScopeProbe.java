package io.s3conn.source.walk;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * One cheap listing of a scope before a run touches its state: a wrong bucket name, endpoint or credentials, or a
 * directory bucket, then fails with the server's (or s3conn's) reason while the database is still as it was.
 */
public final class ScopeProbe {

    private ScopeProbe() {
    }

    /**
     * @param s3     the client the run will read with
     * @param bucket the bucket about to be read
     * @param prefix the scope's prefix, empty for the whole bucket
     * @throws DirectoryBucketException when {@code bucket} is a directory bucket, before any request
     * @throws software.amazon.awssdk.core.exception.SdkException when the listing is refused or cannot be sent
     */
    public static void check(S3Client s3, String bucket, String prefix) {
        DirectoryBucketException.refuseDirectoryBucket(bucket);
        s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(1).prefix(prefix.isEmpty() ? null : prefix));
    }
}
