package io.s3conn.source.range;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * How many requests may be in flight, adjusted AIMD-style: halved when the service throttles
 * ({@code 503 SlowDown}) or answers slowly (more requests wait in line than it answers in time), grown back by one
 * per round of successful requests (+1/limit each). It starts at {@link #INITIAL} at most and doubles each round
 * until the first decrease (TCP's slow start): a server slower than the requested concurrency allows then answers
 * slowly before requests wait in line past the client's timeout, instead of all of them timing out at once.
 *
 * <p>Throttles answered to requests that started before the last decrease do not decrease it again: a
 * burst of 503s from one overloaded moment halves the limit once, as TCP reacts once per window.
 *
 * <p>Above {@link #INITIAL}, more requests in flight must also bring more answers a second. A server that
 * answers a fixed number of requests a second (its pages cost CPU, as S3Proxy's do) answers a thousand requests
 * in flight no sooner than eight: they only wait in line, each for longer, up to the client's timeout. So each
 * round of answers (as many as the limit) is timed, and once the limit has grown by half since the last round
 * measured, it keeps its growth only if the answer rate grew by at least a quarter of that (a doubled limit by a
 * quarter); else it goes back to the limit last measured, as a decrease. A limit of at most {@link #INITIAL}
 * is never lowered by this rule.
 */
final class ConcurrencyLimit {

    /** A slot for one request; give it back through exactly one of the outcome methods. */
    public static final class Permit {
        private final long epoch;
        /** Whether a throttled attempt of its request was counted already ({@link #throttledAttempt}). */
        private boolean heard;

        private Permit(long epoch) {
            this.epoch = epoch;
        }
    }

    /** The limit a walk starts with, at most: the default concurrency, so a default walk starts as before. */
    static final int INITIAL = 8;

    private final int max;
    private final long slowNanos;
    private final LongSupplier nanoClock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private double limit;
    /** What the limit was lowered to at the lowest: {@code max} until a decrease (slow start begins lower). */
    private double lowest;
    private int inUse;
    private long epoch;
    private long throttles;
    /** When the round of answers being timed began, the limit then (as many answers end it), and its answers so far. */
    private long roundStart;
    private int roundLimit;
    private int roundAnswers;
    /** The limit of the round last measured, at least {@link #INITIAL} (0: none yet), and its answers a second. */
    private int measuredLimit;
    private double measuredRate;

    /** Starts at {@code max} up to {@link #INITIAL}, never exceeds {@code max}, never goes below 1. */
    public ConcurrencyLimit(int max, Duration slowAnswer) {
        this(max, slowAnswer, System::nanoTime);
    }

    /** As {@link #ConcurrencyLimit(int, Duration)}, timing rounds of answers by {@code nanoClock}. */
    ConcurrencyLimit(int max, Duration slowAnswer, LongSupplier nanoClock) {
        if (max < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + max);
        }
        this.max = max;
        this.slowNanos = slowAnswer.toNanos();
        this.nanoClock = nanoClock;
        this.limit = initial(max);
        this.lowest = max;
        newRound();
    }

    /** The limit a walk allowed {@code max} requests at once starts at, before the server answered any. */
    static int initial(int max) {
        return Math.min(max, INITIAL);
    }

    /** Waits for a slot. */
    public Permit acquire() throws InterruptedException {
        lock.lock();
        try {
            while (inUse >= (int) limit) {
                freed.await();
            }
            if (inUse == 0) {
                // Nothing was in flight: the time since says nothing of how fast the server answers.
                newRound();
            }
            inUse++;
            return new Permit(epoch);
        } finally {
            lock.unlock();
        }
    }

    /** The request succeeded after {@code took}: grow, or halve when it waited in line too long. */
    public void succeeded(Permit permit, Duration took) {
        release(() -> {
            if (took.toNanos() > slowNanos) {
                decrease(permit);
            } else {
                // Slow start until the first decrease (the first window): +1 a success doubles the limit each round.
                limit = Math.min(max, limit + (epoch == 0 ? 1 : 1 / limit));
                if (++roundAnswers >= roundLimit) {
                    endRound();
                }
            }
        });
    }

    /**
     * Times the round that just ended: where the limit has grown by half since the round last measured, the
     * growth stays only if answers came faster by a quarter of it; else the limit goes back to that round's.
     */
    private void endRound() {
        double rate = roundAnswers / (double) Math.max(1, nanoClock.getAsLong() - roundStart);
        if (roundLimit >= INITIAL) {
            if (measuredLimit == 0) {
                measure(rate);
            } else if (2 * roundLimit >= 3 * measuredLimit) {
                double growth = (double) roundLimit / measuredLimit;
                if (rate < measuredRate * (1 + (growth - 1) / 4)) {
                    // More requests in flight brought no more answers: they only waited in line at the server.
                    limit = measuredLimit;
                    lowest = Math.min(lowest, limit);
                    epoch++;
                    measuredRate = rate;
                } else {
                    measure(rate);
                }
            }
        }
        newRound();
    }

    private void measure(double rate) {
        measuredLimit = roundLimit;
        measuredRate = rate;
    }

    private void newRound() {
        roundStart = nanoClock.getAsLong();
        roundLimit = Math.max(1, (int) limit);
        roundAnswers = 0;
    }

    /** The service throttled the request: halve, once per window (unless its attempts were heard of already). */
    public void throttled(Permit permit) {
        release(() -> {
            if (!permit.heard) {
                throttle(permit);
            }
        });
    }

    /**
     * The service throttled an attempt of the request, which the client sends again itself: halve, once per
     * window, keeping the slot; the request's outcome is still to be given.
     */
    public void throttledAttempt(Permit permit) {
        lock.lock();
        try {
            permit.heard = true;
            throttle(permit);
        } finally {
            lock.unlock();
        }
    }

    private void throttle(Permit permit) {
        throttles++;
        decrease(permit);
    }

    private void decrease(Permit permit) {
        if (permit.epoch == epoch) {
            limit = Math.max(1, limit / 2);
            lowest = Math.min(lowest, limit);
            epoch++;
            // What was measured above the halved limit says nothing of it.
            measuredLimit = 0;
            newRound();
        }
    }

    /** The request failed otherwise: no signal about load. */
    public void failed(Permit permit) {
        release(() -> {
        });
    }

    /** Requests that may be in flight now: {@code floor} of {@link #limit()}, at least 1. */
    public int permits() {
        return locked(() -> Math.max(1, (int) limit));
    }

    /**
     * Requests worth having in flight now, for how many ranges to cut: the {@link #permits() permits}, but at most
     * twice the limit last shown to bring more answers a second ({@link #INITIAL} before any was). Slow start grows
     * the limit by one an answer, so within a round it doubles before the round tells whether the server answers
     * any faster for it; ranges cut for that growth stay cut (each costs a request however few keys it holds) when
     * the limit goes back. One doubling ahead of what was measured is what the next round needs to be measured.
     */
    public int worthSending() {
        return locked(() -> {
            int shown = measuredLimit == 0 ? initial(max) : measuredLimit;
            return Math.max(1, Math.min((int) limit, 2 * shown));
        });
    }

    /** The current limit (fractional; {@code floor} of it requests may be in flight). */
    public double limit() {
        return locked(() -> limit);
    }

    /**
     * The lowest the limit was lowered to by throttles, slow answers or answers that came no faster; {@code max}
     * when it never was.
     */
    public double lowest() {
        return locked(() -> lowest);
    }

    /** Throttled requests so far. */
    public long throttles() {
        return locked(() -> throttles);
    }

    private void release(Runnable adjust) {
        lock.lock();
        try {
            inUse--;
            adjust.run();
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private <T> T locked(Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }
}
