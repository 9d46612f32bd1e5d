package io.s3conn.source.range;

import java.time.Duration;
import java.util.Objects;

import io.s3conn.core.s3.S3ConnectionSettings;
import software.amazon.awssdk.services.s3.S3Client;

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
 * @param slowAnswer    an answer that took longer lowers the limit as a throttle does: the server has more requests
 *                      waiting in line than it answers in time, and twice as many would wait past the client's
 *                      timeout (half the attempt timeout, {@link #of(int, S3Client)})
 */
public record WalkerSettings(int concurrency, int pagesInFlight, boolean splitRanges, int maxAttempts,
                             Duration backoff, Duration slowAnswer) {

    /** Half the attempt timeout of a client built with the default connection settings. */
    static final Duration DEFAULT_SLOW_ANSWER = S3ConnectionSettings.DEFAULT_ATTEMPT_TIMEOUT.dividedBy(2);

    /** Checks every value. */
    public WalkerSettings {
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(slowAnswer, "slowAnswer");
        if (concurrency < 1 || pagesInFlight < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("concurrency, pages in flight and attempts must be at least 1");
        }
    }

    /** With the default {@code slowAnswer}. */
    public WalkerSettings(int concurrency, int pagesInFlight, boolean splitRanges, int maxAttempts, Duration backoff) {
        this(concurrency, pagesInFlight, splitRanges, maxAttempts, backoff, DEFAULT_SLOW_ANSWER);
    }

    /** {@code concurrency} workers, twice as many pages waiting, splitting, 10 attempts from 100 ms. */
    public static WalkerSettings of(int concurrency) {
        return new WalkerSettings(concurrency, 2 * concurrency, true, 10, Duration.ofMillis(100));
    }

    /**
     * {@link #of(int)}, with the slow answer {@link #slowAnswerOf} the client that lists: a client given a shorter
     * attempt timeout ({@code --attempt-timeout}) gives up sooner, so its answers count as slow sooner.
     */
    public static WalkerSettings of(int concurrency, S3Client s3) {
        return of(concurrency).withSlowAnswer(slowAnswerOf(s3));
    }

    /** Half the attempt timeout {@code s3} was built with, else {@link #DEFAULT_SLOW_ANSWER}. */
    private static Duration slowAnswerOf(S3Client s3) {
        return s3.serviceClientConfiguration().overrideConfiguration().apiCallAttemptTimeout()
                .map(timeout -> timeout.dividedBy(2)).orElse(DEFAULT_SLOW_ANSWER);
    }

    /**
     * Requests a walk sends at once at its start, before the server has answered any: {@code concurrency} up to the
     * default, 8 ({@link ConcurrencyLimit}); the limit grows from there only while answers come faster for it.
     */
    public int startingConcurrency() {
        return ConcurrencyLimit.initial(concurrency);
    }

    /**
     * Ranges to plan a walk in: two for each request it sends at once at its start ({@link #startingConcurrency()}),
     * one for a concurrency of 1 (a sequential walk plans nothing). Not two for each of {@code concurrency}: each
     * range costs a request however few keys it holds, and a walker splits ranges for workers as the limit grows,
     * so {@code --list-concurrency 1000} starts as the default does.
     */
    public int planRanges() {
        return concurrency == 1 ? 1 : 2 * startingConcurrency();
    }

    /** A copy that waits {@code value} after the first failed attempt of a request (doubled after each further one). */
    public WalkerSettings withBackoff(Duration value) {
        return new WalkerSettings(concurrency, pagesInFlight, splitRanges, maxAttempts, value, slowAnswer);
    }

    /** A copy in which an answer slower than {@code value} lowers the limit as a throttle does. */
    public WalkerSettings withSlowAnswer(Duration value) {
        return new WalkerSettings(concurrency, pagesInFlight, splitRanges, maxAttempts, backoff, value);
    }
}
