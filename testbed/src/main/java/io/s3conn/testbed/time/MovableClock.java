package io.s3conn.testbed.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until a test moves it: for what depends on elapsed time (a batch's age, a listing
 * that is due), so that a test decides when time passes instead of sleeping and hoping a loaded machine kept up.
 */
public final class MovableClock extends Clock {

    private volatile Instant now;

    /** A clock at {@code start}. */
    public MovableClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock forward by {@code step}. */
    public void advance(Duration step) {
        now = now.plus(step);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
