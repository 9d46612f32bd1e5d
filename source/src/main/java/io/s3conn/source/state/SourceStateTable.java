package io.s3conn.source.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.ObjLongConsumer;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.jdbc.Dialect;
import io.s3conn.source.range.KeyRange;
import io.s3conn.source.walk.ObjectVersion;

/**
 * What a source has emitted and had committed, per key: the table {@code s3conn_source_objects}. CDC
 * compares each listing with it, so what changed is found without keeping the bucket in memory, and a
 * restarted source does not emit again what it already emitted. Only {@link SourceState} writes it.
 */
final class SourceStateTable extends SourceKeyTable {

    SourceStateTable(Database database, String source) {
        super(database, source, "s3conn_source_objects");
    }

    /** The recorded objects with keys in exactly {@code range}, in key order. */
    Map<String, ObjectVersion> range(KeyRange range) {
        Dialect dialect = database.dialect();
        return database.inTransaction(connection -> {
            Map<String, ObjectVersion> rows = new LinkedHashMap<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + ObjectRows.COLUMNS + " FROM s3conn_source_objects "
                            + "WHERE source = ?" + range.sql() + " ORDER BY key")) {
                query.setFetchSize(1000);
                query.setString(1, source);
                range.bind(query, 2);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        ObjectVersion row = ObjectRows.read(rs, dialect);
                        rows.put(row.key(), row);
                    }
                }
            }
            return rows;
        });
    }

    /**
     * The recorded keys of {@code range} whose 1-based position in key order is a multiple of {@code every},
     * and the last key, each with its position, in key order. The database numbers the rows, so only these
     * keys reach the JVM.
     */
    void keysEvery(KeyRange range, int every, ObjLongConsumer<String> sink) {
        database.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT key, n FROM (SELECT key, ROW_NUMBER() OVER (ORDER BY key) AS n FROM s3conn_source_objects "
                            + "WHERE source = ?" + range.sql() + ") numbered WHERE n % ? = 0 ORDER BY n")) {
                query.setFetchSize(1000);
                query.setString(1, source);
                query.setLong(range.bind(query, 2), every);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            // The last key's position from the primary key's index: a LEAD() in the query above to spot the last
            // row made SQLite look one row ahead through the whole range, slower than both queries together.
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT COUNT(*), MAX(key) FROM s3conn_source_objects WHERE source = ?" + range.sql())) {
                query.setString(1, source);
                range.bind(query, 2);
                try (ResultSet rs = query.executeQuery()) {
                    long count = rs.next() ? rs.getLong(1) : 0;
                    if (count % every != 0) {
                        sink.accept(rs.getString(2), count);
                    }
                }
            }
            return null;
        });
    }

    /** The recorded object of {@code key}, if any. */
    Optional<ObjectVersion> find(String key) {
        Dialect dialect = database.dialect();
        return database.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + ObjectRows.COLUMNS + " FROM s3conn_source_objects "
                            + "WHERE source = ? AND key = ?")) {
                query.setString(1, source);
                query.setString(2, key);
                try (ResultSet rs = query.executeQuery()) {
                    return rs.next() ? Optional.of(ObjectRows.read(rs, dialect)) : Optional.<ObjectVersion>empty();
                }
            }
        });
    }

    /** Records that {@code object} was emitted, inside the caller's transaction. */
    void put(Connection connection, ObjectVersion object) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO s3conn_source_objects (source, " + ObjectRows.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (source, key) DO UPDATE SET " + ObjectRows.UPDATES)) {
            upsert.setString(1, source);
            ObjectRows.bind(upsert, 2, object, database.dialect());
            upsert.executeUpdate();
        }
    }
}
