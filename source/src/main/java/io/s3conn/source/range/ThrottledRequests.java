package io.s3conn.source.range;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import io.s3conn.core.s3.RequestFailure;
import io.s3conn.core.s3.ThrottledAttempts;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Listing requests of one walk sent within a shared {@link ConcurrencyLimit}: {@code 503 SlowDown} (or 429)
 * halves the limit and the request is retried after a jittered backoff, as are other failures that may pass
 * ({@link RequestFailure}: 5xx but 501), and client failures but a timeout (the client gave up after waiting);
 * successes grow the limit back slowly. So a throttled walk slows down instead of failing. Throttles the client
 * retries itself are heard of too, attempt by attempt, with a client of {@code S3Clients} ({@link ThrottledAttempts}).
 */
final class ThrottledRequests {

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final ConcurrencyLimit limit;
    private final int maxAttempts;
    private final Duration backoff;

    /** As many requests in flight as {@code settings} allow, with its attempts and backoff. */
    public ThrottledRequests(WalkerSettings settings) {
        Objects.requireNonNull(settings, "settings");
        this.limit = new ConcurrencyLimit(settings.concurrency(), settings.slowAnswer());
        this.maxAttempts = settings.maxAttempts();
        this.backoff = settings.backoff();
    }

    /**
     * Runs {@code request} within the limit, again after a throttle, a 5xx or an I/O error, up to the
     * attempts allowed; the request must be safe to repeat (a walk's page is: it is sent again from the same marker).
     *
     * @throws S3Exception          a 4xx other than 429, or the last attempt's failure
     * @throws SdkClientException   the last attempt's I/O failure
     * @throws IllegalStateException when interrupted while waiting
     */
    public <T> T send(Supplier<T> request) {
        for (int attempt = 1; ; attempt++) {
            ConcurrencyLimit.Permit permit;
            try {
                permit = limit.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting to send a listing request", e);
            }
            try {
                // Throttled attempts the client retries itself count too: else the limit never heard of them.
                long sent = System.nanoTime();
                T result = ThrottledAttempts.observing(() -> limit.throttledAttempt(permit), request);
                limit.succeeded(permit, Duration.ofNanos(System.nanoTime() - sent));
                return result;
            } catch (S3Exception e) {
                if (isThrottle(e)) {
                    limit.throttled(permit);
                } else {
                    limit.failed(permit);
                }
                // Throttles and 5xx but 501 (not implemented: sent again, it is answered the same).
                if (!RequestFailure.ofAnswer(e).mayPass() && !isThrottle(e) || attempt >= maxAttempts) {
                    throw e;
                }
            } catch (SdkClientException e) {
                limit.failed(permit);
                // A client's timeout comes after all of its own attempts timed out, each after a minute by default:
                // sent again, a server that hangs would hold the run for ten times as long before it is reported.
                // Any other client failure is sent again: a page cut off may come as an XML parser's failure.
                if (attempt >= maxAttempts || e instanceof ApiCallAttemptTimeoutException
                        || e instanceof ApiCallTimeoutException) {
                    throw e;
                }
            } catch (RuntimeException | Error e) {
                limit.failed(permit);
                throw e;
            }
            backOff(attempt);
        }
    }

    /** Requests answered {@code 503 SlowDown} (or 429) so far. */
    public long throttles() {
        return limit.throttles();
    }

    /**
     * Requests that may be in flight now, as the limit stands: more ranges than this at once only cost requests
     * (each range ends with a page that is not full) and would wait for a slot anyway.
     */
    public int permits() {
        return limit.permits();
    }

    /**
     * Requests worth having in flight now ({@link ConcurrencyLimit#worthSending()}): the limit, but not its growth
     * beyond one doubling of what the server was shown to answer faster for. Ranges are cut for this many.
     */
    public int worthSending() {
        return limit.worthSending();
    }

    /** The lowest the limit went. */
    public double lowestConcurrency() {
        return limit.lowest();
    }

    private void backOff(int attempt) {
        long base = Math.min(MAX_BACKOFF.toMillis(), backoff.toMillis() << Math.min(attempt - 1, 20));
        try {
            Thread.sleep(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }

    private static boolean isThrottle(S3Exception e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return e.statusCode() == 503 || e.statusCode() == 429 || "SlowDown".equals(code);
    }
}
