package io.s3conn.source.diff;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import io.s3conn.core.jdbc.Database;
import io.s3conn.source.range.KeyRanges;

/**
 * The progress of a run over several key ranges at once, persisted by its owner (e.g. an inventory
 * scope's checkpoint) and moved by {@link RangeDiffEngine#runRanges} inside each batch's transaction:
 * the ranges still to walk, each with its own progress (a range's lower bound moves up with every
 * committed page of it). Rows are only ever marked deleted inside a committed page's covered range, so
 * ranges whose listing did not complete keep their rows.
 */
public interface RangeSetCheckpoint {

    /** The name of the lease that guards this progress: two runs with the same name never interleave. */
    String leaseName();

    /**
     * Reads the stored progress, once the lease is held: the ranges a stopped run still had to walk,
     * or empty to start a new run over the ranges planned.
     */
    Optional<KeyRanges> begin(Database database);

    /**
     * Records committed pages in the same transaction as their rows.
     *
     * @param connection the batch's transaction
     * @param remaining  what the run still has to walk; empty when the batch completed the run
     * @param counts     what the batch did
     * @param now        the time written with the batch's rows
     */
    void pagesCommitted(Connection connection, KeyRanges remaining, PageCounts counts, Instant now) throws SQLException;
}
