package io.s3conn.source;

import io.s3conn.core.s3.RequestFailure;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The server refused GetBucketVersioning (403) of a bucket that lists: credentials that may list and read objects but
 * lack {@code s3:GetBucketVersioning}, which a source asks once to tell a versioned bucket (read with
 * ListObjectVersions) from another. Its own exception so that the line names that permission, not only "access refused"
 * of a bucket whose listing just worked.
 */
public final class VersioningRefusedException extends RuntimeException {

    private final String bucket;
    private final String refusal;

    /**
     * @param bucket the bucket whose versioning was asked
     * @param cause  the server's refusal
     */
    public VersioningRefusedException(String bucket, S3Exception cause) {
        this(bucket, RequestFailure.code(cause).orElse("HTTP " + cause.statusCode()), cause);
    }

    private VersioningRefusedException(String bucket, String refusal, S3Exception cause) {
        super("GetBucketVersioning of bucket " + bucket + " was refused (" + refusal + ")", cause);
        this.bucket = bucket;
        this.refusal = refusal;
    }

    /** The server's error code, else its HTTP status ({@code AccessDenied}, {@code HTTP 403}). */
    public String refusal() {
        return refusal;
    }

    /** The bucket whose versioning was asked. */
    public String bucket() {
        return bucket;
    }
}
