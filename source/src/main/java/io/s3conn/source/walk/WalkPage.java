package io.s3conn.source.walk;

import java.util.List;
import java.util.Objects;

import io.s3conn.source.range.KeyRange;

/**
 * One page of a {@link Walk}.
 *
 * @param covered                the key range the page covers: after the previous page's last key (or the
 *                               walk's start) up to its own last key, or up to the walk's end for the last page
 * @param entries                the entries, in S3's key order; each key whole (a key's versions never
 *                               straddle two pages)
 * @param last                   true for the final page of the walk's range
 * @param restoreStatusRequested whether the page was listed with {@code OptionalObjectAttributes=RestoreStatus}
 * @param <E>                    the entry type
 */
public record WalkPage<E>(KeyRange covered, List<E> entries, boolean last, boolean restoreStatusRequested) {

    public WalkPage {
        Objects.requireNonNull(covered, "covered");
        entries = List.copyOf(entries);
    }
}
