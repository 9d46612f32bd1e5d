package io.s3conn.source.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.jdbc.Dialect;
import io.s3conn.core.record.Operation;
import io.s3conn.source.walk.ObjectVersion;

/**
 * The archived objects a source met and waits for the restores of, with the operation their record will
 * carry: the table {@code s3conn_source_restores}. Kept so that a restarted source (even after a kill)
 * still emits them, without asking for their restores again. Only {@link SourceState} writes it.
 */
final class SourceRestoreTable extends SourceKeyTable {

    SourceRestoreTable(Database database, String source) {
        super(database, source, "s3conn_source_restores");
    }

    /** Every pending object of this source, in key order. */
    List<Pending> all() {
        Dialect dialect = database.dialect();
        return database.inTransaction(connection -> {
            List<Pending> rows = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + ObjectRows.COLUMNS + ", operation, waiting_since FROM s3conn_source_restores "
                            + "WHERE source = ? ORDER BY key")) {
                query.setString(1, source);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Pending(Operation.fromWireName(rs.getString(7)), ObjectRows.read(rs, dialect),
                                dialect.getInstant(rs, "waiting_since").orElseThrow()));
                    }
                }
            }
            return rows;
        });
    }

    /** Records that {@code object} waits for its restore since {@code since}, inside the caller's transaction. */
    void put(Connection connection, Operation operation, ObjectVersion object, Instant since) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO s3conn_source_restores (source, " + ObjectRows.COLUMNS + ", operation, waiting_since) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source, key) DO UPDATE SET " + ObjectRows.UPDATES
                        + ", operation = excluded.operation, waiting_since = excluded.waiting_since")) {
            upsert.setString(1, source);
            ObjectRows.bind(upsert, 2, object, database.dialect());
            upsert.setString(8, operation.wireName());
            database.dialect().setInstant(upsert, 9, since);
            upsert.executeUpdate();
        }
    }

    /** A stored row: the object, the operation its record will carry, and since when it waits. */
    record Pending(Operation operation, ObjectVersion object, Instant since) {
    }
}
