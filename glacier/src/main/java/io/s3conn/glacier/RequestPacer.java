package io.s3conn.glacier;

/**
 * Spaces requests at most {@link RequestRate} apart: each {@link #await()} returns no sooner than one
 * interval after the one before. A pause (no request for a while) earns no burst afterwards.
 *
 * <p>Thread-safe: callers on several threads share one budget.
 */
public final class RequestPacer {

    private final long intervalNanos;
    private long next = System.nanoTime();

    /** @param rate requests a second at most */
    public RequestPacer(RequestRate rate) {
        this.intervalNanos = rate.intervalNanos();
    }

    /**
     * Waits until the next request may be sent.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    public void await() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(next, now);
            next = slot + intervalNanos;
            wait = slot - now;
        }
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
