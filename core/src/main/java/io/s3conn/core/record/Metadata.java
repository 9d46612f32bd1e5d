package io.s3conn.core.record;

/** The metadata keys s3conn's records carry: OpenCDC's standard ones and s3conn's own {@code s3.*}. */
public final class Metadata {

    /** OpenCDC record format version; always {@link #OPENCDC_VERSION_V1}. */
    public static final String OPENCDC_VERSION = "opencdc.version";
    /** The value of {@link #OPENCDC_VERSION}. */
    public static final String OPENCDC_VERSION_V1 = "v1";
    /** When the change happened, Unix nanoseconds as a decimal string. */
    public static final String OPENCDC_CREATED_AT = "opencdc.createdAt";
    /** When s3conn read the record, Unix nanoseconds as a decimal string. */
    public static final String OPENCDC_READ_AT = "opencdc.readAt";
    /** The collection the record belongs to: the bucket. */
    public static final String OPENCDC_COLLECTION = "opencdc.collection";
    /** OpenCDC file metadata: the object key. */
    public static final String OPENCDC_FILE_NAME = "opencdc.file.name";
    /** OpenCDC file metadata: the object size. */
    public static final String OPENCDC_FILE_SIZE = "opencdc.file.size";
    /** OpenCDC file metadata: the ETag. */
    public static final String OPENCDC_FILE_HASH = "opencdc.file.hash";

    /** The bucket. */
    public static final String S3_BUCKET = "s3.bucket";
    /** The object key. */
    public static final String S3_KEY = "s3.key";
    /** Size in bytes. */
    public static final String S3_SIZE = "s3.size";
    /** ETag without quotes. */
    public static final String S3_ETAG = "s3.etag";
    /** Storage class. */
    public static final String S3_STORAGE_CLASS = "s3.storageClass";
    /** LastModified, ISO-8601 UTC. */
    public static final String S3_LAST_MODIFIED = "s3.lastModified";
    /** Version id, on versioned buckets. */
    public static final String S3_VERSION_ID = "s3.versionId";
    /** Content-Type. */
    public static final String S3_CONTENT_TYPE = "s3.contentType";
    /** Restore status label of archived objects ({@code archived}, {@code restoring}, {@code restored}). */
    public static final String S3_RESTORE_STATUS = "s3.restoreStatus";
    /** Restore expiry, ISO-8601 UTC. */
    public static final String S3_RESTORE_EXPIRY = "s3.restoreExpiry";
    /** Why the payload is absent although content was asked for: {@code too-large}, {@code archived}, {@code deleted-before-read}. */
    public static final String S3_PAYLOAD_OMITTED = "s3.payload.omitted";
    /** User metadata ({@code x-amz-meta-*}) goes under this prefix, so it cannot collide with the keys above. */
    public static final String S3_USER_METADATA_PREFIX = "s3.user.";

    private Metadata() {
    }
}
