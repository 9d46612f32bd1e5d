package io.s3conn.source.listing;

import java.util.Objects;
import java.util.Optional;

/**
 * What to list.
 *
 * @param bucket               the bucket
 * @param prefix               only keys starting with this ({@code ""} for all)
 * @param startAfter           resume after this key (exclusive), as a checkpoint recorded it
 * @param pageSize             keys per page, 1 to 1000
 * @param requestRestoreStatus ask for {@code OptionalObjectAttributes=RestoreStatus}
 */
public record ListingRequest(String bucket, String prefix, Optional<String> startAfter, int pageSize,
                             boolean requestRestoreStatus) {

    public ListingRequest {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(startAfter, "startAfter");
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("page size must be between 1 and 1000, was " + pageSize);
        }
    }

    /** The whole bucket under a prefix, 1000 keys a page, restore status requested. */
    public static ListingRequest of(String bucket, String prefix) {
        return new ListingRequest(bucket, prefix, Optional.empty(), 1000, true);
    }

    /** A copy that resumes after {@code key}. */
    public ListingRequest startingAfter(Optional<String> key) {
        return new ListingRequest(bucket, prefix, key, pageSize, requestRestoreStatus);
    }

    /** A copy with another page size. */
    public ListingRequest withPageSize(int size) {
        return new ListingRequest(bucket, prefix, startAfter, size, requestRestoreStatus);
    }

    /** A copy that does or does not ask for restore status. */
    public ListingRequest withRestoreStatus(boolean request) {
        return new ListingRequest(bucket, prefix, startAfter, pageSize, request);
    }
}
