package io.s3conn.glacier;

import java.util.Locale;
import java.util.Optional;

/**
 * Which objects need a restore before they can be read.
 *
 * <p>GLACIER (Flexible Retrieval) and DEEP_ARCHIVE always do. INTELLIGENT_TIERING objects do only
 * in the opt-in Archive Access and Deep Archive Access tiers, which HeadObject reports as
 * {@code x-amz-archive-status} and no listing shows. GLACIER_IR (Instant Retrieval) never does.
 */
public final class ArchiveClassifier {

    /** Glacier Flexible Retrieval (the API has no {@code GLACIER_FLEXIBLE_RETRIEVAL}). */
    public static final String GLACIER = "GLACIER";
    /** Glacier Deep Archive. */
    public static final String DEEP_ARCHIVE = "DEEP_ARCHIVE";
    /** Intelligent-Tiering, whose archive tiers need a restore. */
    public static final String INTELLIGENT_TIERING = "INTELLIGENT_TIERING";
    /** HeadObject archive status of the Intelligent-Tiering Archive Access tier. */
    public static final String ARCHIVE_ACCESS = "ARCHIVE_ACCESS";
    /** HeadObject archive status of the Intelligent-Tiering Deep Archive Access tier. */
    public static final String DEEP_ARCHIVE_ACCESS = "DEEP_ARCHIVE_ACCESS";

    private ArchiveClassifier() {
    }

    /** The storage class as S3 names it; a listing or HEAD that names none means STANDARD. */
    public static String normalize(String storageClass) {
        return storageClass == null || storageClass.isBlank() ? "STANDARD" : storageClass.strip().toUpperCase(Locale.ROOT);
    }

    /** GLACIER or DEEP_ARCHIVE: archived unless restored, whatever else is known. */
    public static boolean isArchiveClass(String storageClass) {
        String normalized = normalize(storageClass);
        return normalized.equals(GLACIER) || normalized.equals(DEEP_ARCHIVE);
    }

    /** Could be archived: an archive class, or Intelligent-Tiering whose tier only a HEAD tells. */
    public static boolean mayBeArchived(String storageClass) {
        return isArchiveClass(storageClass) || normalize(storageClass).equals(INTELLIGENT_TIERING);
    }

    /**
     * Whether an object with this storage class and HeadObject archive status needs a restore.
     *
     * @param archiveStatus the {@code x-amz-archive-status} value, only meaningful for Intelligent-Tiering
     */
    public static boolean isArchived(String storageClass, Optional<String> archiveStatus) {
        if (isArchiveClass(storageClass)) {
            return true;
        }
        return normalize(storageClass).equals(INTELLIGENT_TIERING)
                && archiveStatus.map(s -> s.equals(ARCHIVE_ACCESS) || s.equals(DEEP_ARCHIVE_ACCESS)).orElse(false);
    }
}
