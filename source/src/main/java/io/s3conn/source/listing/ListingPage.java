package io.s3conn.source.listing;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing, in S3's key order (UTF-8 bytes).
 *
 * @param objects                the entries, at most the page size
 * @param last                   true for the final page: nothing sorts after its last key
 * @param restoreStatusRequested whether this page was requested with {@code OptionalObjectAttributes=RestoreStatus}
 */
public record ListingPage(List<ListedObject> objects, boolean last, boolean restoreStatusRequested) {

    public ListingPage {
        objects = List.copyOf(Objects.requireNonNull(objects, "objects"));
    }

    /** The greatest key of the page: where a listing resumed later starts after. */
    public Optional<String> lastKey() {
        return objects.isEmpty() ? Optional.empty() : Optional.of(objects.getLast().summary().key());
    }
}
