package io.s3conn.core.s3;

import java.util.Objects;
import java.util.function.Supplier;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Tells the code that sends requests of every attempt the service throttled ({@code 503}, {@code 429}), also of
 * those the client's retry strategy then sends again and that succeed in the end.
 *
 * <p>Why: every client of {@link S3Clients} retries a throttle itself, up to its attempts, so a caller that adapts
 * how many requests it sends at once (the parallel listing's AIMD limit) heard of a throttle only when all of a
 * request's attempts had been throttled: with 30 % of requests answered {@code 503 SlowDown}, never, and the
 * listing went on at full concurrency. Each attempt passes this interceptor on the thread that sends the request
 * (the clients are synchronous), so the listener is kept per thread, for the requests sent within
 * {@link #observing}.
 */
public final class ThrottledAttempts {

    private static final ThreadLocal<Runnable> LISTENER = new ThreadLocal<>();

    private ThrottledAttempts() {
    }

    /**
     * Runs {@code requests} on this thread; {@code onThrottled} runs once for each attempt of them answered
     * {@code 503} or {@code 429}, on this thread, before the client retries it or gives up.
     */
    public static <T> T observing(Runnable onThrottled, Supplier<T> requests) {
        Objects.requireNonNull(onThrottled, "onThrottled");
        Runnable outer = LISTENER.get();
        LISTENER.set(onThrottled);
        try {
            return requests.get();
        } finally {
            if (outer == null) {
                LISTENER.remove();
            } else {
                LISTENER.set(outer);
            }
        }
    }

    /** The interceptor every client of {@link S3Clients} carries. */
    static ExecutionInterceptor interceptor() {
        return Interceptor.INSTANCE;
    }

    private enum Interceptor implements ExecutionInterceptor {
        INSTANCE;

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            int status = context.httpResponse().statusCode();
            Runnable listener = LISTENER.get();
            if (listener != null && (status == 503 || status == 429)) {
                listener.run();
            }
        }
    }
}
