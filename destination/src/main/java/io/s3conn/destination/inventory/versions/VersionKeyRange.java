package io.s3conn.destination.inventory.versions;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Keys after {@code after} (exclusive) up to {@code upTo} (inclusive); an empty bound is open. A page of
 * the versions listing covers exactly such a range, with every version of each of its keys: pages end on
 * whole keys.
 */
record VersionKeyRange(Optional<String> after, Optional<String> upTo) {

    /** The SQL condition, to follow a {@code WHERE ...}; binds with {@link #bind}. */
    String sql() {
        return (after.isPresent() ? " AND key > ?" : "") + (upTo.isPresent() ? " AND key <= ?" : "");
    }

    /** Binds the bounds from {@code index} on; returns the next free index. */
    int bind(PreparedStatement statement, int index) throws SQLException {
        int next = index;
        if (after.isPresent()) {
            statement.setString(next++, after.get());
        }
        if (upTo.isPresent()) {
            statement.setString(next++, upTo.get());
        }
        return next;
    }
}
