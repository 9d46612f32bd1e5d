package io.s3conn.source.change;

import java.time.Instant;
import java.util.List;

/**
 * Finds what changed in a bucket since the source's last emitted state, after the snapshot. Today's
 * only one lists the bucket ({@link ListingChangeDetector}); one fed by S3 event notifications fits
 * the same shape.
 *
 * <p>Used from the source's polling thread only.
 */
public interface ChangeDetector extends AutoCloseable {

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
