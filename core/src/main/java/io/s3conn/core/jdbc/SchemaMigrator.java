package io.s3conn.core.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * Brings a database to the latest schema: creates {@code s3conn_schema} and applies, each in its own
 * transaction, the migrations it has not recorded yet. Written here rather than taken from Flyway
 * because the JDBC URL is only known at run time, there are two tiny dialects, and classpath
 * scanning for migration files would slow start-up and complicate the native image.
 */
final class SchemaMigrator {

    private final List<Migration> migrations;

    SchemaMigrator(List<Migration> migrations) {
        this.migrations = migrations;
    }

    void migrate(Database database) {
        database.inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS s3conn_schema ("
                        + "version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at "
                        + database.dialect().timestampType() + " NOT NULL)");
            }
            return null;
        });
        for (Migration migration : migrations) {
            database.inTransaction(connection -> {
                lock(connection, database.dialect());
                if (applied(connection, migration.version())) {
                    return null;
                }
                try (Statement statement = connection.createStatement()) {
                    for (String sql : migration.statements().apply(database.dialect())) {
                        statement.execute(sql);
                    }
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO s3conn_schema (version, description, applied_at) VALUES (?, ?, ?)")) {
                    insert.setInt(1, migration.version());
                    insert.setString(2, migration.description());
                    database.dialect().setInstant(insert, 3, Instant.now());
                    insert.executeUpdate();
                }
                return null;
            });
        }
    }

    /** Two processes opening a new PostgreSQL database at once must not both run a migration. */
    private static void lock(Connection connection, Dialect dialect) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(5333)");
            }
        }
    }

    private static boolean applied(Connection connection, int version) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM s3conn_schema WHERE version = ?")) {
            query.setInt(1, version);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next();
            }
        }
    }
}
