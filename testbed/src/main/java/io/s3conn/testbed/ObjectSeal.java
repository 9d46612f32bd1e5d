package io.s3conn.testbed;

/**
 * What keeps an object's bytes from a reader that may list the bucket: the archive emulator answers its GET (and
 * HEAD) as Amazon S3 does, for what S3Proxy cannot model (it neither encrypts with KMS nor takes customer keys).
 */
public enum ObjectSeal {
    /** SSE-KMS with a key the reader may not use: GET is {@code 403 AccessDenied}, HEAD answers as usual. */
    KMS_KEY_DENIED,
    /** SSE-C, read without the customer's key: GET and HEAD are {@code 400 InvalidRequest}. */
    CUSTOMER_KEY,
    /**
     * A bucket policy denies the reader {@code s3:GetObject} on the object while it may list the bucket: GET and HEAD
     * (which {@code s3:GetObject} governs too) are {@code 403 AccessDenied}.
     */
    READ_DENIED
}
