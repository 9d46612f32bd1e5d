package io.s3conn.source.restore;

import java.time.Duration;
import java.util.Objects;

import io.s3conn.glacier.RequestRate;
import io.s3conn.glacier.RestoreTier;

/**
 * How a source restores the archived objects it meets before emitting them ({@code --restore-archived}):
 * each gets one restore request, and its record is emitted with the payload once the restore completed.
 *
 * @param tier the retrieval tier of the requests
 * @param days how long the restored copies stay (not sent for Intelligent-Tiering, which rejects it)
 * @param rate restore requests a second at most
 * @param poll how often each pending object is looked at with a HEAD to learn that its restore completed
 *             (with notifications, an {@code ObjectRestore:Completed} event says so at once)
 */
public record RestoreArchived(RestoreTier tier, int days, RequestRate rate, Duration poll) {

    /** Bulk, the cheapest tier (restores take hours anyway). */
    public static final RestoreTier DEFAULT_TIER = RestoreTier.BULK;
    /** The copy is read once, right after the restore: one day is enough. */
    public static final int DEFAULT_DAYS = 1;
    /** Well below Amazon S3's 1,000 restore requests a second per account. */
    public static final RequestRate DEFAULT_RATE = new RequestRate(100);
    /** Restores take minutes (Expedited) to hours: a HEAD per pending object every 15 minutes is cheap. */
    public static final Duration DEFAULT_POLL = Duration.ofMinutes(15);

    /** Checks the values. */
    public RestoreArchived {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(poll, "poll");
        if (days < 1) {
            throw new IllegalArgumentException("restore-days must be at least 1, was " + days);
        }
        if (poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException("restore-poll must be positive, was " + poll);
        }
    }

    /** The defaults: Bulk, one day, 100 requests a second, a HEAD every 15 minutes. */
    public static RestoreArchived defaults() {
        return new RestoreArchived(DEFAULT_TIER, DEFAULT_DAYS, DEFAULT_RATE, DEFAULT_POLL);
    }
}
