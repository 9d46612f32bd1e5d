package io.s3conn.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that reads what it was last set to, in UTC: time that passes only when its owner says so. The Kafka sink
 * sets it to each record's time, so that where its batches are cut depends on the records alone; tests move it, so
 * that they decide when time passes instead of sleeping and hoping a loaded machine kept up.
 */
public final class SettableClock extends Clock {

    private volatile Instant now;

    /** A clock at {@code start}. */
    public SettableClock(Instant start) {
        this.now = start;
    }

    /** Sets the clock to {@code time}, earlier or later than it was. */
    public void set(Instant time) {
        now = time;
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

    /** This clock: it keeps one time, which its owner sets; what reads it reads instants, not local times. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
