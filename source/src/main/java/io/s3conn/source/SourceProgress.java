package io.s3conn.source;

import java.util.Objects;

/**
 * Where a source stands, for its host: what it is reading, and what it has done so far.
 *
 * @param phase              what the source reads now
 * @param snapshotComplete   true once the snapshot reached the end of the bucket (in this run or an earlier one
 *                           whose position was committed), or when the source started in CDC
 * @param records            records returned by {@link S3Source#poll} so far
 * @param polls              CDC polls completed (every change of the listing was returned)
 * @param lastPollFoundNothing true when the last completed CDC poll returned no record
 * @param listRequests       listing requests sent
 * @param uncommitted        records returned and not yet acknowledged by {@link S3Source#commit}
 * @param pendingRestores    archived objects whose records wait for their restores ({@code --restore-archived})
 */
public record SourceProgress(Phase phase, boolean snapshotComplete, long records, long polls, boolean lastPollFoundNothing,
                             long listRequests, long uncommitted, long pendingRestores) {

    /** Checks the phase is given. */
    public SourceProgress {
        Objects.requireNonNull(phase, "phase");
    }

    /** What a source reads. */
    public enum Phase {
        /** Not polled yet. */
        STARTING,
        /** Reading what is in the bucket. */
        SNAPSHOT,
        /** Looking for changes. */
        CDC,
        /** Snapshot mode, the snapshot read: waiting for the restores of archived objects to emit them ({@code --restore-archived}). */
        RESTORING,
        /** Returns nothing more: its mode is done, or it was stopped. */
        DONE
    }

    /** True once the last completed CDC poll found nothing to return: the source has caught up with the bucket. */
    public boolean idle() {
        return polls > 0 && lastPollFoundNothing;
    }
}
