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

    /**
     * The dialect of a JDBC URL.
     *
     * @throws IllegalArgumentException for a URL of neither database, or one PostgreSQL's driver would not parse, said
     *                                  in one line without its password
     */
    public static Dialect of(String jdbcUrl) {
        Optional<String> sqliteFile = JdbcUrls.sqliteFile(jdbcUrl);
        if (sqliteFile.isPresent()) {
            if (sqliteFile.get().isBlank()) {
                // SQLite takes an empty name for a temporary database: the inventory and checkpoints would vanish.
                throw new IllegalArgumentException("must name its SQLite file: jdbc:sqlite:FILE, was: " + JdbcUrls.redact(jdbcUrl));
            }
            return SQLITE;
        }
        if (jdbcUrl.startsWith(POSTGRESQL_URL)) {
            if (!namesHostsThenDatabase(jdbcUrl)) {
                // PostgreSQL's driver logs such a URL at WARNING, password and all, and takes a user:password@ for part
                // of a host name, which an exception then names: refused before the driver sees it.
                throw new IllegalArgumentException("must be jdbc:postgresql://HOST[:PORT]/DATABASE for PostgreSQL,"
                        + " with user and password as parameters (?user=..&password=..), was: " + JdbcUrls.redact(jdbcUrl));
            }
            // What the driver cannot parse it turns down as no URL of its own: the user then read "no JDBC driver
            // accepts this URL", after a WARNING line or two from the driver, exit 5 as if the server had failed.
            badPort(jdbcUrl).ifPresent(port -> {
                throw new IllegalArgumentException("must have a port from 1 to 65535, was: " + JdbcUrls.redact(jdbcUrl)
                        + " (port " + port + ")");
            });
            badEscape(jdbcUrl).ifPresent(part -> {
                throw new IllegalArgumentException("must write a % in " + part + " as %25 (PostgreSQL's driver decodes the"
                        + " database name and every parameter's value, and a % starts an escape %XX), was: "
                        + JdbcUrls.redact(jdbcUrl));
            });
            return POSTGRESQL;
        }
        // Worded to follow the name of what was set, as every value error of s3conn's settings and Kafka Connect's is.
        throw new IllegalArgumentException("must be a database URL, jdbc:sqlite:<file> or jdbc:postgresql://host/db, was: "
                + JdbcUrls.redact(jdbcUrl) + likelyMeant(jdbcUrl));
    }

    /**
     * What a URL without {@code jdbc:} most likely meant: a file name (which SQLite takes), or a PostgreSQL URL as
     * {@code psql} takes it. The latter is not echoed: its user info may hold a password.
     */
    private static String likelyMeant(String url) {
        if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
            return "; a PostgreSQL URL starts jdbc:postgresql://, with user and password as parameters (?user=..&password=..)";
        }
        if (!url.startsWith("jdbc:") && !url.contains("://") && !url.isBlank()) {
            return "; for a SQLite file, jdbc:sqlite:" + JdbcUrls.redact(url);
        }
        return "";
    }

    /**
     * Whether a {@code jdbc:postgresql:} URL's part before its parameters is {@code //HOSTS/DATABASE} with no user
     * info in HOSTS (or a form without {@code //}, a database on the local host).
     */
    private static boolean namesHostsThenDatabase(String jdbcUrl) {
        String server = serverAndParameters(jdbcUrl)[0];
        if (!server.startsWith("//") || server.equals("//") || server.equals("///")) {
            return true;
        }
        String hostsAndDatabase = server.substring(2);
        int slash = hostsAndDatabase.indexOf('/');
        return slash >= 0 && hostsAndDatabase.indexOf('/', slash + 1) < 0
                && !hostsAndDatabase.substring(0, slash).contains("@");
    }

    /**
     * The first port of a {@code jdbc:postgresql://} URL's hosts that is not a number from 1 to 65535, as its driver
     * reads a port: after a host's last {@code :} that is not inside an IPv6 address's brackets.
     */
    private static Optional<String> badPort(String jdbcUrl) {
        String server = serverAndParameters(jdbcUrl)[0];
        if (!server.startsWith("//") || server.indexOf('/', 2) < 0) {
            return Optional.empty();
        }
        for (String address : server.substring(2, server.indexOf('/', 2)).split(",")) {
            int colon = address.lastIndexOf(':');
            if (colon >= 0 && address.lastIndexOf(']') < colon) {
                String port = address.substring(colon + 1);
                if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                    return Optional.of('"' + port + '"');
                }
            }
        }
        return Optional.empty();
    }

    /**
     * What of a {@code jdbc:postgresql:} URL its driver percent-decodes, the database name or a parameter's value,
     * holds a {@code %} not followed by two hexadecimal digits: named ("the database name", "the value of password"),
     * never shown, for it may be a password.
     */
    private static Optional<String> badEscape(String jdbcUrl) {
        String[] serverAndParameters = serverAndParameters(jdbcUrl);
        String server = serverAndParameters[0];
        String database = server.startsWith("//") ? server.substring(server.indexOf('/', 2) + 1) : server;
        if (!escapesWell(database)) {
            return Optional.of("the database name");
        }
        if (serverAndParameters.length == 2) {
            for (String parameter : serverAndParameters[1].split("&")) {
                int equals = parameter.indexOf('=');
                if (equals >= 0 && !escapesWell(parameter.substring(equals + 1))) {
                    return Optional.of("the value of " + parameter.substring(0, equals));
                }
            }
        }
        return Optional.empty();
    }

    /** A {@code jdbc:postgresql:} URL's part before its parameters, then, when there are any, its parameters. */
    private static String[] serverAndParameters(String jdbcUrl) {
        return jdbcUrl.substring(POSTGRESQL_URL.length()).split("\\?", 2);
    }

    private static boolean escapesWell(String text) {
        for (int i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) {
            if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0
                    || Character.digit(text.charAt(i + 2), 16) < 0) {
                return false;
            }
        }
        return true;
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
