package io.s3conn.glacier;

import java.util.Objects;

/**
 * What is known of an S3 server, as far as restore statuses are concerned: passed to the
 * {@link RestoreStatusRule} instead of a bare "is Amazon S3" flag, and what the rule learns is kept
 * in checkpoints so later runs start from it.
 *
 * @param amazonS3    whether the endpoint is Amazon S3 (its listings' RestoreStatus is trusted, and it
 *                    enforces archive classes)
 * @param listing     what its listings have shown of the {@code RestoreStatus} attribute
 * @param enforcement whether it enforces archive classes
 */
public record ServerTraits(boolean amazonS3, ListingRestoreStatus listing, ArchiveEnforcement enforcement) {

    /** Refuses a null value, by its name. */
    public ServerTraits {
        Objects.requireNonNull(listing, "listing");
        Objects.requireNonNull(enforcement, "enforcement");
    }

    /** Nothing learned yet: Amazon S3 is known to enforce archive classes, other servers are not. */
    public static ServerTraits of(boolean amazonS3) {
        return new ServerTraits(amazonS3, ListingRestoreStatus.UNKNOWN,
                amazonS3 ? ArchiveEnforcement.ENFORCED : ArchiveEnforcement.UNKNOWN);
    }

    /** A copy with what is known of the listing attribute. */
    public ServerTraits withListing(ListingRestoreStatus knowledge) {
        return new ServerTraits(amazonS3, knowledge, enforcement);
    }

    /** A copy with what is known of archive enforcement; Amazon S3 always enforces. */
    public ServerTraits withEnforcement(ArchiveEnforcement knowledge) {
        return new ServerTraits(amazonS3, listing, amazonS3 ? ArchiveEnforcement.ENFORCED : knowledge);
    }
}
