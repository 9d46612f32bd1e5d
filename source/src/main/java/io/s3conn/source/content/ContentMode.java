package io.s3conn.source.content;

/** Whether records carry the objects' bytes. */
public enum ContentMode {
    /** The object's bytes in {@code payload.after}, up to the payload cap. */
    INLINE,
    /** Metadata only. */
    NONE
}
