package io.s3conn.inventory;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Keys after {@code after} (exclusive) up to {@code upTo} (inclusive); an empty bound is open.
 * A listing page covers exactly such a range: nothing else exists between the previous page's last
 * key and its own last key, and nothing after the final page's. Pages of version listings end on
 * whole keys, so the same holds for them.
 *
 * @param after the exclusive lower bound
 * @param upTo  the inclusive upper bound
 */
public record KeyRange(Optional<String> after, Optional<String> upTo) {

    /** The SQL condition, to follow a {@code WHERE ...}; binds with {@link #bind}. */
    public String sql() {
        return (after.isPresent() ? " AND key > ?" : "") + (upTo.isPresent() ? " AND key <= ?" : "");
    }

    /** Binds the bounds from {@code index} on; returns the next free index. */
    public int bind(PreparedStatement statement, int index) throws SQLException {
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
