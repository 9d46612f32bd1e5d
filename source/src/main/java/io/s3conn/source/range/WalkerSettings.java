package io.s3conn.source.range;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ParallelWalker} or an {@link OrderedParallelWalk} walks.
 *
 * @param concurrency   the most listing requests (pages and probes) in flight; throttling lowers it for a while
 * @param pagesInFlight the most listed pages waiting for the consumer (and the most in one batch); with one
 *                      page per worker being listed, memory is bounded by {@code concurrency + 2 * pagesInFlight}
 *                      pages. An {@link OrderedParallelWalk} bounds its pages by its depth instead
 * @param splitRanges   whether idle workers split ranges still being walked
 * @param maxAttempts   attempts of one request throttled or failed with a 5xx or I/O error before the walk fails
 * @param backoff       wait after the first failed attempt, doubled after each further one (up to 5 s), jittered
 */
public record WalkerSettings(int concurrency, int pagesInFlight, boolean splitRanges, int maxAttempts,
                             Duration backoff) {

    public WalkerSettings {
        Objects.requireNonNull(backoff, "backoff");
        if (concurrency < 1 || pagesInFlight < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("concurrency, pages in flight and attempts must be at least 1");
        }
    }

    /** {@code concurrency} workers, twice as many pages waiting, splitting, 10 attempts from 100 ms. */
    public static WalkerSettings of(int concurrency) {
        return new WalkerSettings(concurrency, 2 * concurrency, true, 10, Duration.ofMillis(100));
    }

    public WalkerSettings withSplitRanges(boolean value) {
        return new WalkerSettings(concurrency, pagesInFlight, value, maxAttempts, backoff);
    }

    public WalkerSettings withBackoff(Duration value) {
        return new WalkerSettings(concurrency, pagesInFlight, splitRanges, maxAttempts, value);
    }
}
