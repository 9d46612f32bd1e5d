package io.s3conn.source.range;

import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;

import io.s3conn.source.walk.Walk;
import io.s3conn.source.walk.WalkPage;

/**
 * The pages of one range, one at a time as its worker asks for the next, from one iterator of the walk for as long
 * as the range is left as that iterator's last page left it.
 *
 * <p>A fresh iterator from the range's remaining part costs requests the running one does not: it starts after
 * the last key handed over, so what the previous response listed past it (the versions of a key held back until
 * the key is complete, or keys a UTF-16 server listed past an unsafe character) is listed again, and on Ceph RGW,
 * whose {@code key-marker} alone includes its key, that key's versions once more. With a page of 5 entries and 3
 * versions a key that made 1,000 ListObjectVersions of 3,000 versions where 600 list them. Only a split, which
 * lowers the range's upper bound (or trims the page taken), makes the remaining part differ from what the iterator
 * continues with; then a fresh one starts there.
 *
 * <p>Used by one worker at a time (its owner hands it over under a lock).
 *
 * @param <E> the entry type
 */
final class ContinuedListing<E> {

    private final Walk<E> walk;
    private Iterator<WalkPage<E>> pages;
    /** The remaining part {@link #pages}' next page starts, or empty when there is none to continue. */
    private Optional<KeyRange> continues = Optional.empty();

    ContinuedListing(Walk<E> walk) {
        this.walk = Objects.requireNonNull(walk, "walk");
    }

    /** The next page of {@code remaining}: from the running iterator when it continues there, else a new one's first. */
    WalkPage<E> next(KeyRange remaining) {
        if (!continues.equals(Optional.of(remaining))) {
            pages = walk.pages(remaining);
        }
        continues = Optional.empty(); // until the page arrived: a failed request leaves no iterator to trust
        WalkPage<E> page = pages.next();
        if (!page.last()) {
            continues = Optional.of(new KeyRange(page.covered().upTo(), remaining.upTo()));
        }
        return page;
    }
}
