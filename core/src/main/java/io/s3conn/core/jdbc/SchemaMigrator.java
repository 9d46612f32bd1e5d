package io.s3conn.core.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
            // Under the lock, as the migrations are: two processes creating the table at once on PostgreSQL collide
            // in its catalog ("duplicate key value violates unique constraint pg_type_typname_nsp_index") even with
            // IF NOT EXISTS.
            lock(connection, database.dialect());
            // Looked up first: CREATE TABLE, even IF NOT EXISTS and with the table there, needs the CREATE privilege,
            // which a role that only reads and writes the rows of a migrated schema lacks.
            if (!schemaTableExists(connection, database.dialect())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE TABLE s3conn_schema ("
                            + "version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at "
                            + database.dialect().timestampType() + " NOT NULL)");
                }
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

    /**
     * Checks, without changing anything, that the database holds every migration: for a database opened to read only,
     * which must not be created or migrated, and whose reads would otherwise fail on a missing table or column with
     * the driver's words.
     *
     * @throws DatabaseException naming what is missing, in one line
     */
    void requireMigrated(Database database) {
        database.inTransaction(connection -> {
            if (!schemaTableExists(connection, database.dialect())) {
                throw new DatabaseException("database " + database.displayUrl() + " holds no s3conn tables: a command"
                        + " that writes (s3conn inventory sync) creates them; one that only reads never does", null);
            }
            Set<Integer> applied = new HashSet<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT version FROM s3conn_schema")) {
                while (rs.next()) {
                    applied.add(rs.getInt(1));
                }
            }
            List<Integer> missing = migrations.stream().map(Migration::version).filter(v -> !applied.contains(v)).toList();
            if (!missing.isEmpty()) {
                int newest = applied.stream().mapToInt(Integer::intValue).max().orElse(0);
                throw new DatabaseException("database " + database.displayUrl() + " has the schema of an older s3conn"
                        + " (version " + newest + "; this one needs " + migrations.getLast().version() + ", missing "
                        + missing + "): a command that writes (s3conn inventory sync) migrates it; one that only reads"
                        + " never does", null);
            }
            return null;
        });
    }

    /** Two processes opening a new PostgreSQL database at once must not both create a table or run a migration. */
    private static void lock(Connection connection, Dialect dialect) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(5333)");
            }
        }
    }

    /** Whether unqualified names find a table {@code s3conn_schema} (on PostgreSQL, in the search path). */
    private static boolean schemaTableExists(Connection connection, Dialect dialect) throws SQLException {
        String sql = switch (dialect) {
            case SQLITE -> "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 's3conn_schema')";
            case POSTGRESQL -> "SELECT to_regclass('s3conn_schema') IS NOT NULL";
        };
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() && rs.getBoolean(1);
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
