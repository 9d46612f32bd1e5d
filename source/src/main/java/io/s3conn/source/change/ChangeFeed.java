package io.s3conn.source.change;

import java.time.Duration;
import java.util.Objects;

import io.s3conn.source.change.sqs.SqsNotifications;

/** Where a source's CDC learns of changes. */
public sealed interface ChangeFeed {

    /** Listing the scope every polling period ({@link ListingChangeDetector}). */
    record Listing() implements ChangeFeed {
    }

    /**
     * S3 event notifications from an SQS queue, with a reconciling listing at start and every
     * {@code reconcileEvery} ({@link NotificationChangeDetector}).
     *
     * @param queue          the queue's reader; used by one source, and closed with it
     * @param reconcileEvery the time between reconciling listings
     */
    record Notifications(SqsNotifications queue, Duration reconcileEvery) implements ChangeFeed {

        /** Checks the values. */
        public Notifications {
            Objects.requireNonNull(queue, "queue");
            Objects.requireNonNull(reconcileEvery, "reconcileEvery");
            if (reconcileEvery.isNegative() || reconcileEvery.isZero()) {
                throw new IllegalArgumentException("the reconcile interval must be positive, was " + reconcileEvery);
            }
        }
    }

    /** Listing, today's default. */
    static ChangeFeed listing() {
        return new Listing();
    }
}
