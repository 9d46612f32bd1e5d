package io.s3conn.core.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.jdbc.Dialect;

/**
 * Checkpoints in the {@code s3conn_checkpoints} table of the s3conn database. The {@code *In}
 * methods join a transaction the caller already holds, so that data and the checkpoint that
 * describes it commit together.
 */
public final class JdbcCheckpointStore implements CheckpointStore {

    private final Database database;

    /** Checkpoints kept in {@code database}, owned by the caller. */
    public JdbcCheckpointStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public Optional<String> load(String name) {
        return database.inTransaction(connection -> loadIn(connection, name));
    }

    @Override
    public void save(String name, String json) {
        database.inTransaction(connection -> {
            saveIn(connection, name, json);
            return null;
        });
    }

    @Override
    public Map<String, String> list(String namePrefix) {
        return database.inTransaction(connection -> {
            Map<String, String> result = new TreeMap<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT name, state FROM s3conn_checkpoints WHERE name >= ? ORDER BY name")) {
                query.setString(1, namePrefix);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next() && rs.getString(1).startsWith(namePrefix)) {
                        result.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return result;
        });
    }

    /** Reads a checkpoint inside the caller's transaction. */
    public Optional<String> loadIn(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT state FROM s3conn_checkpoints WHERE name = ?")) {
            query.setString(1, name);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Deletes a checkpoint, if there is one, inside the caller's transaction. */
    public void deleteIn(Connection connection, String name) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM s3conn_checkpoints WHERE name = ?")) {
            delete.setString(1, name);
            delete.executeUpdate();
        }
    }

    /** Writes a checkpoint inside the caller's transaction. */
    public void saveIn(Connection connection, String name, String json) throws SQLException {
        Dialect dialect = database.dialect();
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO s3conn_checkpoints (name, state, updated_at) VALUES (?, ?, ?) "
                        + "ON CONFLICT (name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at")) {
            upsert.setString(1, name);
            upsert.setString(2, json);
            dialect.setInstant(upsert, 3, Instant.now());
            upsert.executeUpdate();
        }
    }
}
