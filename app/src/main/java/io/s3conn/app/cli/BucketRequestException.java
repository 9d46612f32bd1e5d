package io.s3conn.app.cli;

import java.util.Objects;

/**
 * A failure of a request to a bucket other than the command's own (a pipeline's destination), carrying
 * that bucket's name so that the one line the user sees names the bucket that failed.
 */
public final class BucketRequestException extends RuntimeException {

    private final String bucket;

    /**
     * @param bucket the bucket the failed request went to
     * @param cause  what the request threw
     */
    public BucketRequestException(String bucket, RuntimeException cause) {
        super(cause);
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    /** The bucket the failed request went to. */
    public String bucket() {
        return bucket;
    }
}
