package io.s3conn.core.state;

import io.s3conn.core.s3.S3Endpoint;

/**
 * A state recorded against one S3 endpoint was asked to serve a bucket of the same name on another. Refused
 * before anything is written: checkpoints and rows are kept by bucket and prefix, so the other server's
 * listing would be compared with this one's rows, and every difference taken for a change.
 */
public final class EndpointChangedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param subject  what was recorded, as a message names it ({@code s3://b/p}, {@code state s of s3://b/p})
     * @param recorded the endpoint it was recorded against
     * @param asked    the endpoint of the run that asked for it
     * @param remedy   what to do instead, e.g. "give each server a database of its own"
     */
    public EndpointChangedException(String subject, S3Endpoint recorded, S3Endpoint asked, String remedy) {
        super(subject + " in this database was recorded from endpoint " + recorded + ", not " + asked
                + ": a bucket of the same name on another server is another bucket; " + remedy);
    }
}
