package io.s3conn.testbed;

/** Faults the archive emulator can inject into proxied S3 requests. */
public enum FaultKind {
    /** 503 with S3 error code {@code SlowDown} (throttling; SDKs retry it). */
    SLOW_DOWN,
    /** 500 with S3 error code {@code InternalError} (SDKs retry it). */
    INTERNAL_ERROR,
    /** The connection is dropped without any response, so the client sees an I/O error. */
    RESET,
    /** The request is served normally, but only after the configured slow delay. */
    SLOW
}
