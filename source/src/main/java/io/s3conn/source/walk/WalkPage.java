package io.s3conn.source.walk;

import java.util.List;
import java.util.Objects;

import io.s3conn.source.range.KeyRange;

/**
 * One page of a {@link Walk}.
 *
 * @param covered                the key range the page covers: from the previous page's bound (or the walk's
 *                               start) up to a bound at or after its own last key before which everything was
 *                               listed (its last key, where no key holds a character at or above U+D800; see
 *                               {@link PageRelease}), or up to the walk's end for the last page
 * @param entries                the entries, in S3's key order; each key whole (a key's versions never
 *                               straddle two pages)
 * @param last                   true for the final page of the walk's range
 * @param restoreStatusRequested whether the page was listed with {@code OptionalObjectAttributes=RestoreStatus}
 * @param <E>                    the entry type
 */
public record WalkPage<E>(KeyRange covered, List<E> entries, boolean last, boolean restoreStatusRequested) {

    /** Refuses a null covered range; keeps an unmodifiable copy of the entries. */
    public WalkPage {
        Objects.requireNonNull(covered, "covered");
        entries = List.copyOf(entries);
    }
}
