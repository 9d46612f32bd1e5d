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
    SLOW,
    /** 429 with S3 error code {@code TooManyRequests}, as some S3-compatible stores throttle (SDKs retry it). */
    TOO_MANY_REQUESTS,
    /** 403 with S3 error code {@code AccessDenied}: credentials revoked or a permission removed (never retried). */
    ACCESS_DENIED,
    /**
     * The request is served, but its response stops half-way through its body and the connection is dropped, so
     * the client has the status and headers and then sees an I/O error while reading. Responses without a body
     * are sent whole.
     */
    TRUNCATED
}
