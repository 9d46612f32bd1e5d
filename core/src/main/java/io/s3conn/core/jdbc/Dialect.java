package io.s3conn.core.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The SQL differences between the two supported databases, kept in one place.
 *
 * <p>Keys must sort in UTF-8 byte order, the order S3 lists them in, because a sync compares a
 * listing page with the table's rows of the same key range: SQLite's default BINARY collation
 * already does, PostgreSQL needs {@code COLLATE "C"}.
 */
public enum Dialect {
    /** SQLite: timestamps as fixed-width ISO-8601 UTC text, so they read well and sort correctly. */
    SQLITE("TEXT", "TEXT", " WITHOUT ROWID"),
    /** PostgreSQL: timestamps as {@code timestamptz}. */
    POSTGRESQL("TEXT COLLATE \"C\"", "TIMESTAMPTZ", "");

    private static final String POSTGRESQL_URL = "jdbc:postgresql:";

    private final String keyType;
    private final String timestampType;
    private final String keyedTableSuffix;

    Dialect(String keyType, String timestampType, String keyedTableSuffix) {
        this.keyType = keyType;
        this.timestampType = timestampType;
        this.keyedTableSuffix = keyedTableSuffix;
    }

    /** The dialect of a JDBC URL. */
    public static Dialect of(String jdbcUrl) {
        Optional<String> sqliteFile = JdbcUrls.sqliteFile(jdbcUrl);
        if (sqliteFile.isPresent()) {
            if (sqliteFile.get().isBlank()) {
                // SQLite takes an empty name for a temporary database: the inventory and checkpoints would vanish.
                throw new IllegalArgumentException("a SQLite database URL names its file: jdbc:sqlite:FILE, was: " + JdbcUrls.redact(jdbcUrl));
            }
            return SQLITE;
        }
        if (jdbcUrl.startsWith(POSTGRESQL_URL)) {
            if (!namesHostsThenDatabase(jdbcUrl)) {
                // PostgreSQL's driver logs such a URL at WARNING, password and all, and takes a user:password@ for part
                // of a host name, which an exception then names: refused before the driver sees it.
                throw new IllegalArgumentException("a PostgreSQL database URL is jdbc:postgresql://HOST[:PORT]/DATABASE,"
                        + " with user and password as parameters (?user=..&password=..), was: " + JdbcUrls.redact(jdbcUrl));
            }
            return POSTGRESQL;
        }
        throw new IllegalArgumentException(
                "unsupported database URL (expected jdbc:sqlite:<file> or jdbc:postgresql://host/db): "
                        + JdbcUrls.redact(jdbcUrl));
    }

    /**
     * Whether a {@code jdbc:postgresql:} URL's part before its parameters is {@code //HOSTS/DATABASE} with no user
     * info in HOSTS (or a form without {@code //}, a database on the local host).
     */
    private static boolean namesHostsThenDatabase(String jdbcUrl) {
        String server = jdbcUrl.substring(POSTGRESQL_URL.length()).split("\\?", 2)[0];
        if (!server.startsWith("//") || server.equals("//") || server.equals("///")) {
            return true;
        }
        String hostsAndDatabase = server.substring(2);
        int slash = hostsAndDatabase.indexOf('/');
        return slash >= 0 && hostsAndDatabase.indexOf('/', slash + 1) < 0
                && !hostsAndDatabase.substring(0, slash).contains("@");
    }

    /** The column type for object keys and other byte-ordered text. */
    public String keyType() {
        return keyType;
    }

    /** The column type for instants. */
    public String timestampType() {
        return timestampType;
    }

    /** What follows {@code CREATE TABLE (...)} for tables read mostly by primary key. */
    public String keyedTableSuffix() {
        return keyedTableSuffix;
    }

    /** Binds an instant, or SQL NULL for an empty optional. */
    public void setInstant(PreparedStatement statement, int index, Optional<Instant> value) throws SQLException {
        if (value.isEmpty()) {
            statement.setNull(index, this == SQLITE ? Types.VARCHAR : Types.TIMESTAMP_WITH_TIMEZONE);
        } else if (this == SQLITE) {
            statement.setString(index, SqliteTime.format(value.get()));
        } else {
            // To the millisecond, as SQLite keeps it: the same run stores the same values in either database.
            statement.setObject(index, OffsetDateTime.ofInstant(value.get().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC));
        }
    }

    /** Binds an instant. */
    public void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        setInstant(statement, index, Optional.of(value));
    }

    /** Reads an instant column, empty for SQL NULL. */
    public Optional<Instant> getInstant(ResultSet row, String column) throws SQLException {
        if (this == SQLITE) {
            String text = row.getString(column);
            return text == null ? Optional.empty() : Optional.of(SqliteTime.parse(text));
        }
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return Optional.ofNullable(time).map(OffsetDateTime::toInstant);
    }

    /** The precision instants keep once stored, so that values compare equal after a round trip. */
    public static Instant storedPrecision(Instant value) {
        return value.truncatedTo(ChronoUnit.MILLIS);
    }
}
