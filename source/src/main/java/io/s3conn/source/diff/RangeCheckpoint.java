package io.s3conn.source.diff;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import io.s3conn.core.jdbc.Database;
import io.s3conn.source.range.KeyRange;

/**
 * The progress of one range, persisted by its owner (e.g. an inventory scope's checkpoint) and moved
 * by the {@link RangeDiffEngine} inside each page's transaction. A run over several ranges at once keeps
 * one progress per range in its checkpoint; the engine only ever sees one.
 */
public interface RangeCheckpoint {

    /** The name of the lease that guards this progress: two runs with the same name never interleave. */
    String leaseName();

    /**
     * Reads the stored progress, once the lease is held, and returns where the walk resumes: the last
     * key of the last committed page, or empty to walk the range from its start.
     *
     * @param database the database just opened
     * @param range    the range being walked
     */
    Optional<String> begin(Database database, KeyRange range);

    /**
     * Records a committed page in the same transaction as its rows.
     *
     * @param connection the page's transaction
     * @param page       the range the page covered and whether it completed the walk's range
     * @param counts     what the page did
     * @param now        the time written with the page's rows
     */
    void pageCommitted(Connection connection, PageProgress page, PageCounts counts, Instant now) throws SQLException;

    /**
     * Where a walk stands after a committed page.
     *
     * @param covered   the key range the page covered
     * @param rangeDone true when the page was the last of the walk's range
     */
    record PageProgress(KeyRange covered, boolean rangeDone) {

        /** The key a resumed walk starts after: the page's upper bound (empty once the range is done). */
        public Optional<String> resumeAfter() {
            return rangeDone ? Optional.empty() : covered.upTo();
        }
    }
}
