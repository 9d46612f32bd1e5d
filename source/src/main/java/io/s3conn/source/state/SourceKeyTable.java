package io.s3conn.source.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.s3conn.core.jdbc.Database;

/**
 * A table of the source's with one row per source state name and key, primary key {@code (source, key)}:
 * what its tables do alike, for one source.
 */
abstract sealed class SourceKeyTable permits SourceStateTable, SourceRestoreTable {

    final Database database;
    final String source;
    private final String table;

    /**
     * @param database the s3conn database
     * @param source   the source state name whose rows these are
     * @param table    the table's name
     */
    SourceKeyTable(Database database, String source, String table) {
        this.database = database;
        this.source = source;
        this.table = table;
    }

    /** True when the table holds no row of this source. */
    final boolean isEmpty() {
        return database.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT 1 FROM " + table + " WHERE source = ? LIMIT 1")) {
                query.setString(1, source);
                try (ResultSet rs = query.executeQuery()) {
                    return !rs.next();
                }
            }
        });
    }

    /** Removes the row of {@code key}, if any, inside the caller's transaction. */
    final void remove(Connection connection, String key) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM " + table + " WHERE source = ? AND key = ?")) {
            delete.setString(1, source);
            delete.setString(2, key);
            delete.executeUpdate();
        }
    }

    /** Removes every row of this source, inside the caller's transaction. */
    final void clear(Connection connection) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE source = ?")) {
            delete.setString(1, source);
            delete.executeUpdate();
        }
    }
}
