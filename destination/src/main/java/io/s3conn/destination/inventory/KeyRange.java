package io.s3conn.destination.inventory;

import java.util.Optional;

/**
 * Keys after {@code after} (exclusive) up to {@code upTo} (inclusive); an empty bound is open.
 * A listing page covers exactly such a range: nothing else exists between the previous page's last
 * key and its own last key, and nothing after the final page's.
 */
record KeyRange(Optional<String> after, Optional<String> upTo) {

    String sql() {
        return (after.isPresent() ? " AND key > ?" : "") + (upTo.isPresent() ? " AND key <= ?" : "");
    }

    int bind(java.sql.PreparedStatement statement, int index) throws java.sql.SQLException {
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
