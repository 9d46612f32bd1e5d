package io.s3conn.source.range;

import java.util.Objects;

import io.s3conn.source.walk.WalkPage;

/**
 * A page of a {@link ParallelWalker}, tagged with the range it belongs to.
 *
 * @param rangeId which range: stable while the range is walked (a split keeps the id for the lower part)
 * @param range   the range as it stood when the page was emitted; a later split may still lower its upper bound
 * @param page    the page; {@link WalkPage#covered()} is exactly the keys it accounts for, and
 *                {@link WalkPage#last()} marks the end of the range: its listing is complete
 * @param <E>     the entry type
 */
public record RangePage<E>(long rangeId, KeyRange range, WalkPage<E> page) {

    /** Refuses a null value, by its name. */
    public RangePage {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(page, "page");
    }
}
