package io.s3conn.source.s3;

import io.s3conn.source.walk.ObjectVersion;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.jdbc.Dialect;

/**
 * What a source has emitted, per key: the table {@code s3conn_source_objects}. CDC compares each
 * listing with it, so what changed is found without keeping the bucket in memory, and a restarted
 * source does not emit again what it already emitted.
 */
final class SourceStateTable {

    private final Database database;
    private final String source;

    SourceStateTable(Database database, String source) {
        this.database = database;
        this.source = source;
    }

    /** True when nothing was ever recorded for this source. */
    boolean isEmpty() {
        return database.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT 1 FROM s3conn_source_objects WHERE source = ? LIMIT 1")) {
                query.setString(1, source);
                try (ResultSet rs = query.executeQuery()) {
                    return !rs.next();
                }
            }
        });
    }

    /** The recorded objects with keys after {@code after} (exclusive) up to {@code upTo} (inclusive); open bounds when empty. */
    Map<String, ObjectVersion> range(Optional<String> after, Optional<String> upTo) {
        Dialect dialect = database.dialect();
        return database.inTransaction(connection -> {
            Map<String, ObjectVersion> rows = new LinkedHashMap<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT key, version_id, e_tag, size, storage_class, last_modified FROM s3conn_source_objects "
                            + "WHERE source = ?" + (after.isPresent() ? " AND key > ?" : "")
                            + (upTo.isPresent() ? " AND key <= ?" : "") + " ORDER BY key")) {
                query.setFetchSize(1000);
                int i = 1;
                query.setString(i++, source);
                if (after.isPresent()) {
                    query.setString(i++, after.get());
                }
                if (upTo.isPresent()) {
                    query.setString(i, upTo.get());
                }
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        String key = rs.getString(1);
                        rows.put(key, new ObjectVersion(key, Optional.ofNullable(rs.getString(2)), rs.getString(3),
                                rs.getLong(4), rs.getString(5), dialect.getInstant(rs, "last_modified").orElseThrow(), false));
                    }
                }
            }
            return rows;
        });
    }

    /** Records that {@code object} was emitted, inside the caller's transaction. */
    void put(Connection connection, ObjectVersion object) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO s3conn_source_objects (source, key, version_id, e_tag, size, storage_class, last_modified) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source, key) DO UPDATE SET version_id = excluded.version_id, "
                        + "e_tag = excluded.e_tag, size = excluded.size, storage_class = excluded.storage_class, "
                        + "last_modified = excluded.last_modified")) {
            upsert.setString(1, source);
            upsert.setString(2, object.key());
            upsert.setString(3, object.versionId().orElse(null));
            upsert.setString(4, object.eTag());
            upsert.setLong(5, object.size());
            upsert.setString(6, object.storageClass());
            database.dialect().setInstant(upsert, 7, object.lastModified());
            upsert.executeUpdate();
        }
    }

    /** Records that {@code key} was emitted as deleted, inside the caller's transaction. */
    void remove(Connection connection, String key) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM s3conn_source_objects WHERE source = ? AND key = ?")) {
            delete.setString(1, source);
            delete.setString(2, key);
            delete.executeUpdate();
        }
    }
}
