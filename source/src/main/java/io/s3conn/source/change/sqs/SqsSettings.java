package io.s3conn.source.change.sqs;

import java.time.Duration;
import java.util.Objects;

/**
 * How the queue is read.
 *
 * @param waitTime    long polling: how long one ReceiveMessage waits for a message (at most 20 s)
 * @param visibility  how long a received message stays hidden from other readers; extended while its records
 *                    are in flight, so it only runs out when this reader is gone
 * @param maxInFlight messages received and not yet deleted at most; receiving pauses beyond
 */
public record SqsSettings(Duration waitTime, Duration visibility, int maxInFlight) {

    /** Checks the values against SQS's limits. */
    public SqsSettings {
        Objects.requireNonNull(waitTime, "waitTime");
        Objects.requireNonNull(visibility, "visibility");
        if (waitTime.isNegative() || waitTime.compareTo(Duration.ofSeconds(20)) > 0) {
            throw new IllegalArgumentException("the wait time must be between 0 and 20 s, was " + waitTime);
        }
        if (visibility.compareTo(Duration.ofSeconds(2)) < 0 || visibility.compareTo(Duration.ofHours(12)) > 0) {
            throw new IllegalArgumentException("the visibility timeout must be between 2 s and 12 h, was " + visibility);
        }
        if (maxInFlight < 10) {
            throw new IllegalArgumentException("at least 10 messages must be allowed in flight, was " + maxInFlight);
        }
    }

    /** 20 s long polls, 60 s visibility, 1,000 messages in flight. */
    public static SqsSettings defaults() {
        return new SqsSettings(Duration.ofSeconds(20), Duration.ofSeconds(60), 1000);
    }
}
