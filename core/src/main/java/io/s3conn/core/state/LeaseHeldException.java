package io.s3conn.core.state;

import java.time.Instant;

/**
 * Thrown when a run cannot start because another live process holds the lease of the same state (a
 * sync of the same bucket and prefix, say). Nothing was written.
 */
public final class LeaseHeldException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param name      the lease, e.g. an inventory checkpoint name
     * @param host      the holder's host name
     * @param pid       the holder's process id
     * @param since     when the holder took it
     * @param expiresAt when it lapses unless the holder renews it
     */
    public LeaseHeldException(String name, String host, long pid, Instant since, Instant expiresAt) {
        super("another s3conn run holds " + name + " (process " + pid + " on " + host + ", since " + since
                + "); it is released when that run ends, or lapses at " + expiresAt + " if that process died");
    }
}
