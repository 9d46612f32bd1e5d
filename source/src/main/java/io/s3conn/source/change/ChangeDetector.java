package io.s3conn.source.change;

import java.time.Instant;
import java.util.List;

/**
 * Finds what changed in a bucket since the source's last emitted state, after the snapshot: by listing
 * ({@link ListingChangeDetector}) or from S3 event notifications ({@link NotificationChangeDetector}), one for each
 * {@link ChangeFeed}. Sealed like that feed: a source builds its detector from its feed, so no other detector can
 * reach it.
 *
 * <p>Used from the source's polling thread only.
 */
public sealed interface ChangeDetector extends AutoCloseable permits ListingChangeDetector, NotificationChangeDetector {

    /**
     * The next changes, in the order they are to be emitted; waits until {@code deadline} at most while
     * none are due (it may take longer when a single request to S3 does).
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    Detection detect(Instant deadline) throws InterruptedException;

    /**
     * Told once the source persisted {@code changes} (their records were committed, or they were recorded
     * silently), in detection order; a detector fed by messages deletes them here. Called from whichever
     * thread committed.
     */
    default void committed(List<Change> changes) {
    }

    /**
     * Told that the source emitted nothing for {@code change} and never will: its object was gone when the
     * source came to read it (a later change reports that). Called from the polling thread.
     */
    default void skipped(Change change) {
    }

    /** Releases what the detector holds; does not throw. */
    @Override
    void close();
}
