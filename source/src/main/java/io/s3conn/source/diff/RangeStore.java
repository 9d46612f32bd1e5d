package io.s3conn.source.diff;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import io.s3conn.source.range.KeyRange;

/**
 * The stored rows a {@link RangeDiffEngine} keeps equal to a walk: one implementation per table
 * (the object inventory, the version inventory, the source's CDC state). Every method runs inside the
 * engine's transaction for one page, on the connection given.
 *
 * @param <E> the resolved entry type
 * @param <D> the store's own diff
 */
public interface RangeStore<E, D extends RangeDiff<E>> {

    /**
     * Compares a page's entries with the stored rows of exactly {@code range} (rows outside it are
     * never read), streaming the rows so that deleted rows cost no memory.
     */
    D compare(Connection connection, KeyRange range, List<E> listed) throws SQLException;

    /** Inserts new rows and rewrites changed or re-created ones. */
    void upsert(Connection connection, List<E> entries, Instant now) throws SQLException;

    /**
     * Marks deleted the live rows of {@code range} that the page lacks; called only when
     * {@link RangeDiff#anyMissing()}. Returns how many rows were marked.
     */
    int markDeleted(Connection connection, KeyRange range, List<E> listed, D diff, Instant now) throws SQLException;
}
