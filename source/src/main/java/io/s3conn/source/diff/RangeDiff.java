package io.s3conn.source.diff;

import java.util.List;

/**
 * How the entries of one page differ from the stored rows of exactly the page's key range, as a
 * {@link RangeStore} found it. Stores add what they need to mark rows deleted (e.g. which versions of
 * a listed key vanished) in their own implementation.
 *
 * @param <E> the resolved entry type
 */
public interface RangeDiff<E> {

    /** Entries the store has never had. */
    List<E> inserted();

    /** Entries whose stored row differs, or whose row was marked deleted and is back. */
    List<E> updated();

    /** Whether some live rows of the range are missing from the page and are to be marked deleted. */
    boolean anyMissing();
}
