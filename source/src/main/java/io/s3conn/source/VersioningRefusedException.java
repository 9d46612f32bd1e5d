package io.s3conn.source;

import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The server refused GetBucketVersioning (403) of a bucket that lists: credentials that may list and read objects but
 * lack {@code s3:GetBucketVersioning}, which a source asks once to tell a versioned bucket (read with
 * ListObjectVersions) from another. Its own exception so that the line names that permission, not only "access refused"
 * of a bucket whose listing just worked.
 */
public final class VersioningRefusedException extends RuntimeException {

    private final String bucket;

    /**
     * @param bucket the bucket whose versioning was asked
     * @param cause  the server's refusal
     */
    public VersioningRefusedException(String bucket, S3Exception cause) {
        super("GetBucketVersioning of bucket " + bucket + " was refused (HTTP " + cause.statusCode() + ")", cause);
        this.bucket = bucket;
    }

    /** The bucket whose versioning was asked. */
    public String bucket() {
        return bucket;
    }
}
