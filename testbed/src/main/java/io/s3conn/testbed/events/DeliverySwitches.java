package io.s3conn.testbed.events;

import java.time.Duration;
import java.util.Objects;

/**
 * How the emulator delivers event messages, to reproduce what S3 and SQS do at their worst: late,
 * twice, out of order, or never (S3's delivery is at least once and unordered; a lost message is what
 * a full queue or a deleted queue policy gives).
 *
 * @param delay         every message is sent this long after its event
 * @param dropRate      the share of messages never sent, 0 to 1
 * @param duplicateRate the share of messages sent twice, 0 to 1
 * @param reorder       messages are held for {@code reorderWindow} and sent newest first
 * @param reorderWindow how long messages are held when reordering
 * @param seed          the seed of the drop and duplicate choices
 */
public record DeliverySwitches(Duration delay, double dropRate, double duplicateRate, boolean reorder,
                               Duration reorderWindow, long seed) {

    /** Checks the values. */
    public DeliverySwitches {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(reorderWindow, "reorderWindow");
        if (dropRate < 0 || dropRate > 1 || duplicateRate < 0 || duplicateRate > 1) {
            throw new IllegalArgumentException("rates must be between 0 and 1");
        }
        if (delay.isNegative() || reorderWindow.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    /** Every message once, at once, in order. */
    public static DeliverySwitches none() {
        return new DeliverySwitches(Duration.ZERO, 0, 0, false, Duration.ofMillis(300), 1);
    }

    /** These switches with every message sent {@code value} late. */
    public DeliverySwitches delay(Duration value) {
        return new DeliverySwitches(value, dropRate, duplicateRate, reorder, reorderWindow, seed);
    }

    /** These switches with a share {@code rate} of messages dropped. */
    public DeliverySwitches drop(double rate) {
        return new DeliverySwitches(delay, rate, duplicateRate, reorder, reorderWindow, seed);
    }

    /** These switches with a share {@code rate} of messages sent twice. */
    public DeliverySwitches duplicate(double rate) {
        return new DeliverySwitches(delay, dropRate, rate, reorder, reorderWindow, seed);
    }

    /** These switches with messages held for {@code window} and sent newest first. */
    public DeliverySwitches reorder(Duration window) {
        return new DeliverySwitches(delay, dropRate, duplicateRate, true, window, seed);
    }
}
