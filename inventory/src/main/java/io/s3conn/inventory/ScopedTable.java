package io.s3conn.inventory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.s3conn.core.jdbc.Database;
import io.s3conn.source.range.KeyRange;

/**
 * The statements {@code s3_objects} and {@code s3_object_versions} share: both hold one scope's rows
 * under ({@code bucket}, {@code prefix}), keep a vanished row with {@code deleted_at} set, and are read
 * range by range. The tables themselves ({@code InventoryTable}, {@code VersionInventoryTable}) keep what
 * differs: their columns, their identity, how a row is compared and written.
 */
public final class ScopedTable {

    /** Reads one row of a result set; may throw as JDBC does. */
    @FunctionalInterface
    public interface RowReader {
        /** Called once per row, with the result set on that row. */
        void read(ResultSet row) throws SQLException;
    }

    private final Database database;
    private final String table;

    /**
     * @param database the database
     * @param table    the table's name, a constant of the caller (never user input)
     */
    public ScopedTable(Database database, String table) {
        this.database = Objects.requireNonNull(database, "database");
        this.table = Objects.requireNonNull(table, "table");
    }

    /**
     * Streams the rows of a scope that match {@code condition} to {@code reader}, 1,000 at a time, so that a
     * scope of any size costs no memory.
     *
     * @param columns   the columns to select
     * @param range     only rows whose key lies in this range
     * @param condition further SQL conditions, each starting with {@code " AND "}, constant; {@code ""} for none
     * @param orderBy   an {@code ORDER BY} clause, or {@code ""}
     */
    public void stream(Connection connection, String columns, InventoryScope scope, KeyRange range, String condition,
                       String orderBy, RowReader reader) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT " + columns + " FROM " + table
                + " WHERE bucket = ? AND prefix = ?" + range.sql() + condition + orderBy)) {
            query.setFetchSize(1000);
            query.setString(1, scope.bucket());
            query.setString(2, scope.prefix());
            range.bind(query, 3);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        }
    }

    /**
     * Marks deleted every live row of {@code range} whose key is not among {@code listedKeys}: what a complete
     * listing of the range no longer shows. Returns how many rows were marked.
     *
     * @param alsoSet further assignments, each starting with {@code ", "}, constant; {@code ""} for none
     */
    public int markUnlistedDeleted(Connection connection, InventoryScope scope, KeyRange range,
                                   Collection<String> listedKeys, String alsoSet, Instant now) throws SQLException {
        String notListed = listedKeys.isEmpty() ? ""
                : " AND key NOT IN (" + String.join(", ", Collections.nCopies(listedKeys.size(), "?")) + ")";
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + table
                + " SET deleted_at = ?, synced_at = ?" + alsoSet + " WHERE bucket = ? AND prefix = ? AND deleted_at IS NULL"
                + range.sql() + notListed)) {
            database.dialect().setInstant(update, 1, now);
            database.dialect().setInstant(update, 2, now);
            update.setString(3, scope.bucket());
            update.setString(4, scope.prefix());
            int next = range.bind(update, 5);
            for (String key : listedKeys) {
                update.setString(next++, key);
            }
            return update.executeUpdate();
        }
    }

    /** The live rows of a scope that also meet {@code condition} (SQL starting with " AND "). */
    public long count(InventoryScope scope, String condition) {
        return database.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM " + table
                    + " WHERE bucket = ? AND prefix = ? AND deleted_at IS NULL" + condition)) {
                query.setString(1, scope.bucket());
                query.setString(2, scope.prefix());
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /**
     * The live rows of a scope that match {@code condition}, counted by storage class and restore status label.
     *
     * @param condition further SQL conditions, each starting with {@code " AND "}, constant; {@code ""} for none
     */
    public ScopeCounts counts(InventoryScope scope, String condition) {
        return database.inTransaction(connection -> {
            Map<String, Long> byClass = new TreeMap<>();
            Map<String, Long> byStatus = new TreeMap<>();
            long rows = 0;
            long bytes = 0;
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT storage_class, restore_status, COUNT(*), COALESCE(SUM(size), 0) FROM " + table
                            + " WHERE bucket = ? AND prefix = ? AND deleted_at IS NULL" + condition
                            + " GROUP BY storage_class, restore_status")) {
                query.setString(1, scope.bucket());
                query.setString(2, scope.prefix());
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        long count = rs.getLong(3);
                        byClass.merge(rs.getString(1), count, Long::sum);
                        byStatus.merge(rs.getString(2), count, Long::sum);
                        rows += count;
                        bytes += rs.getLong(4);
                    }
                }
            }
            return new ScopeCounts(rows, bytes, byClass, byStatus, 0);
        });
    }
}
