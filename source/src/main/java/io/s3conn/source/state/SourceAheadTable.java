package io.s3conn.source.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.jdbc.Dialect;
import io.s3conn.core.record.Operation;
import io.s3conn.source.walk.ObjectVersion;

/**
 * What a host was handed and has not committed yet, in the order {@link SourceState} queued it, written ahead of the
 * host's own commit: the table {@code s3conn_source_ahead}, one row per queued entry, numbered. A host whose own
 * record of the position (Kafka Connect's offsets) can be committed before the state is persists the rows up to
 * that position at its next start instead of losing them. Only {@link SourceState} writes it.
 */
final class SourceAheadTable {

    private static final String COLUMNS = "entry, position, operation, " + ObjectRows.COLUMNS + ", waiting_since";

    private final Database database;
    private final String source;

    SourceAheadTable(Database database, String source) {
        this.database = database;
        this.source = source;
    }

    /** Appends {@code rows}, inside the caller's transaction: one statement, batched. */
    void append(Connection connection, List<Row> rows) throws SQLException {
        Dialect dialect = database.dialect();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO s3conn_source_ahead (source, seq, "
                + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Row row : rows) {
                insert.setString(1, source);
                insert.setLong(2, row.seq());
                insert.setString(3, row.entry().label());
                insert.setString(4, row.position().orElse(null));
                insert.setString(5, row.operation().map(Operation::wireName).orElse(null));
                if (row.object().isPresent()) {
                    ObjectRows.bind(insert, 6, row.object().get(), dialect);
                } else {
                    insert.setString(6, row.key().orElse(null));
                    insert.setNull(7, Types.VARCHAR);
                    insert.setNull(8, Types.VARCHAR);
                    insert.setNull(9, Types.BIGINT);
                    insert.setNull(10, Types.VARCHAR);
                    dialect.setInstant(insert, 11, Optional.empty());
                }
                dialect.setInstant(insert, 12, row.since());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Every row of this source, in the order they were queued. */
    List<Row> all() {
        Dialect dialect = database.dialect();
        return database.inTransaction(connection -> {
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT seq, " + COLUMNS + " FROM s3conn_source_ahead WHERE source = ? ORDER BY seq")) {
                query.setString(1, source);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        Optional<String> operation = Optional.ofNullable(rs.getString(4));
                        Optional<ObjectVersion> object = rs.getString(7) == null ? Optional.empty()
                                : Optional.of(new ObjectVersion(rs.getString(5), Optional.ofNullable(rs.getString(6)),
                                        rs.getString(7), rs.getLong(8), rs.getString(9),
                                        dialect.getInstant(rs, "last_modified").orElseThrow(), false));
                        rows.add(new Row(rs.getLong(1), Kind.of(rs.getString(2)), Optional.ofNullable(rs.getString(3)),
                                operation.map(Operation::fromWireName), object, Optional.ofNullable(rs.getString(5)),
                                dialect.getInstant(rs, "waiting_since")));
                    }
                }
            }
            return rows;
        });
    }

    /** Removes the rows numbered below {@code end}, inside the caller's transaction. */
    void removeBefore(Connection connection, long end) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM s3conn_source_ahead WHERE source = ? AND seq < ?")) {
            delete.setString(1, source);
            delete.setLong(2, end);
            delete.executeUpdate();
        }
    }

    /** Removes every row of this source, inside the caller's transaction. */
    void clear(Connection connection) throws SQLException {
        removeBefore(connection, Long.MAX_VALUE);
    }

    /** The kinds of queued entry, by the labels the column {@code entry} holds. */
    enum Kind {
        EMITTED, SILENT, CHECKPOINT, COMPLETED, DEFERRED, FORGOTTEN;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind of(String label) {
            for (Kind kind : values()) {
                if (kind.label().equals(label)) {
                    return kind;
                }
            }
            throw new IllegalStateException("state " + label + " written ahead is of no known kind");
        }
    }

    /**
     * One queued entry as written ahead.
     *
     * @param seq       its number in the queue, from 1 for each source on the state
     * @param entry     what kind of entry it is
     * @param position  the position it saves, if any
     * @param operation the operation of its change, if any
     * @param object    the object its change leaves (or waits for), if any
     * @param key       the key it concerns, if any (with {@code object}: the object's)
     * @param since     since when its object waits for a restore, if it does
     */
    record Row(long seq, Kind entry, Optional<String> position, Optional<Operation> operation,
               Optional<ObjectVersion> object, Optional<String> key, Optional<Instant> since) {
    }
}
