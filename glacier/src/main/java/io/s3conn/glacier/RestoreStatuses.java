package io.s3conn.glacier;

import java.time.Instant;
import java.util.Optional;

import io.s3conn.core.model.RestoreStatus;

/**
 * Turns what S3 reports, from a HEAD or from a listing's {@code RestoreStatus} element, into a
 * {@link RestoreStatus}. The one place that decides what each combination means.
 */
public final class RestoreStatuses {

    private RestoreStatuses() {
    }

    /**
     * From HeadObject: its storage class, {@code x-amz-archive-status} and {@code x-amz-restore}.
     *
     * @throws MalformedRestoreHeaderException for an unreadable {@code x-amz-restore}
     */
    public static RestoreStatus fromHead(String storageClass, Optional<String> archiveStatus, Optional<String> restoreHeader) {
        Optional<RestoreHeader> restore = restoreHeader.filter(h -> !h.isBlank()).map(RestoreHeader::parse);
        if (ArchiveClassifier.isArchived(storageClass, archiveStatus)) {
            // An Intelligent-Tiering object keeps its archive status while its restore runs.
            return restore.map(RestoreStatuses::fromRestore).orElse(RestoreStatus.ARCHIVED);
        }
        if (ArchiveClassifier.normalize(storageClass).equals(ArchiveClassifier.INTELLIGENT_TIERING)) {
            // Out of the archive tiers: readable, and "restored" only while a restore says so.
            return restore.filter(r -> !r.ongoing()).<RestoreStatus>map(r -> new RestoreStatus.Restored(r.expiry()))
                    .orElse(RestoreStatus.READABLE);
        }
        return RestoreStatus.READABLE;
    }

    /**
     * From a listing entry requested with {@code OptionalObjectAttributes=RestoreStatus}.
     *
     * @param storageClass     the entry's storage class
     * @param element          whether the entry carried a {@code RestoreStatus} element at all
     * @param inProgress       its {@code IsRestoreInProgress}
     * @param restoreExpiry    its {@code RestoreExpiryDate}
     * @return the status, or empty when a listing cannot tell (Intelligent-Tiering without restore
     *         history: only a HEAD reveals the tier)
     */
    public static Optional<RestoreStatus> fromListing(String storageClass, boolean element, boolean inProgress,
                                                      Optional<Instant> restoreExpiry) {
        if (element) {
            if (!ArchiveClassifier.mayBeArchived(storageClass)) {
                return Optional.of(RestoreStatus.READABLE);
            }
            return Optional.of(inProgress ? RestoreStatus.RESTORING : new RestoreStatus.Restored(restoreExpiry));
        }
        if (ArchiveClassifier.isArchiveClass(storageClass)) {
            return Optional.of(RestoreStatus.ARCHIVED);
        }
        if (ArchiveClassifier.mayBeArchived(storageClass)) {
            return Optional.empty();
        }
        return Optional.of(RestoreStatus.READABLE);
    }

    private static RestoreStatus fromRestore(RestoreHeader header) {
        return header.ongoing() ? RestoreStatus.RESTORING : new RestoreStatus.Restored(header.expiry());
    }
}
