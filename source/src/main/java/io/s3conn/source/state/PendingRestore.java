package io.s3conn.source.state;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import io.s3conn.source.change.Change;

/**
 * A record that waits for the restore of its archived object ({@code --restore-archived}).
 *
 * @param change what the record will say: the operation it was found with, the object, and for an update what
 *               was emitted for the key before
 * @param since  when the source began to wait, to the millisecond (as the database keeps it): the restored
 *               record's position is made from it, so a record emitted again after a restart has the same position
 */
public record PendingRestore(Change change, Instant since) {

    /** Checks the values; truncates {@code since} to the millisecond. */
    public PendingRestore {
        Objects.requireNonNull(change, "change");
        since = since.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The key waited for. */
    public String key() {
        return change.object().key();
    }
}
