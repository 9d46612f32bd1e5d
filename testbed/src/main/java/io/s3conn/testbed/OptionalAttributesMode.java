package io.s3conn.testbed;

/**
 * How the emulator treats the {@code x-amz-optional-object-attributes} request header on listings,
 * to emulate servers with different support for it.
 */
public enum OptionalAttributesMode {
    /** Like Amazon S3: add {@code RestoreStatus} to listed objects that have a restore history. */
    HONOR,
    /** Like most S3-compatible servers: accept the header and add nothing. */
    IGNORE,
    /** Like servers that reject unknown attributes: 400 {@code InvalidArgument}. */
    REJECT
}
