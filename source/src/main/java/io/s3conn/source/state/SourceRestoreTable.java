package io.s3conn.source.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.jdbc.Dialect;
import io.s3conn.core.record.Operation;
import io.s3conn.source.walk.ObjectVersion;

/**
 * The archived objects a source met and waits for the restores of, with the operation their record will
 * carry: the table {@code s3conn_source_restores}. Kept so that a restarted source (even after a kill)
 * still emits them, without asking for their restores again. Only {@link SourceState} writes it.
 */
final class SourceRestoreTable {

    private final Database database;
    private final String source;

    SourceRestoreTable(Database database, String source) {
        this.database = database;
        this.source = source;
    }

    /** Every pending object of this source, in key order. */
    List<Pending> all() {
        Dialect dialect = database.dialect();
        return database.inTransaction(connection -> {
            List<Pending> rows = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT key, version_id, e_tag, size, storage_class, last_modified, operation FROM s3conn_source_restores "
                            + "WHERE source = ? ORDER BY key")) {
                query.setString(1, source);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        ObjectVersion object = new ObjectVersion(rs.getString(1), Optional.ofNullable(rs.getString(2)),
                                rs.getString(3), rs.getLong(4), rs.getString(5),
                                dialect.getInstant(rs, "last_modified").orElseThrow(), false);
                        rows.add(new Pending(Operation.fromWireName(rs.getString(7)), object));
                    }
                }
            }
            return rows;
        });
    }

    /** Records that {@code object} waits for its restore, inside the caller's transaction. */
    void put(Connection connection, Operation operation, ObjectVersion object) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO s3conn_source_restores (source, key, version_id, e_tag, size, storage_class, last_modified, operation) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source, key) DO UPDATE SET version_id = excluded.version_id, "
                        + "e_tag = excluded.e_tag, size = excluded.size, storage_class = excluded.storage_class, "
                        + "last_modified = excluded.last_modified, operation = excluded.operation")) {
            upsert.setString(1, source);
            upsert.setString(2, object.key());
            upsert.setString(3, object.versionId().orElse(null));
            upsert.setString(4, object.eTag());
            upsert.setLong(5, object.size());
            upsert.setString(6, object.storageClass());
            database.dialect().setInstant(upsert, 7, object.lastModified());
            upsert.setString(8, operation.wireName());
            upsert.executeUpdate();
        }
    }

    /** Records that nothing waits for a restore of {@code key} any more, inside the caller's transaction. */
    void remove(Connection connection, String key) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM s3conn_source_restores WHERE source = ? AND key = ?")) {
            delete.setString(1, source);
            delete.setString(2, key);
            delete.executeUpdate();
        }
    }

    /** A stored row: the object, and the operation its record will carry. */
    record Pending(Operation operation, ObjectVersion object) {
    }
}
