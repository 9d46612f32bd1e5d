package io.s3conn.core.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.function.Consumer;

import io.s3conn.core.json.Json;

/**
 * One connection to the s3conn database (SQLite file or PostgreSQL), with the schema migrated to the
 * latest version on open ({@link #open}), or only read and never changed ({@link #openReadOnly}). Not thread-safe:
 * one writer thread owns it, which is what SQLite wants anyway.
 */
public final class Database implements AutoCloseable {

    /** How long a PostgreSQL statement may wait for the server's answer unless the URL says otherwise. */
    static final int POSTGRES_SOCKET_TIMEOUT_SECONDS = 300;

    /** How long a SQLite statement waits for another connection's lock on the file (README: 30 s). */
    private static final int SQLITE_BUSY_TIMEOUT_MILLIS = 30_000;

    /** sqlite-jdbc's {@code open_mode}: SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, so that nothing can create the file. */
    private static final String SQLITE_READ_ONLY_OPEN_MODE = Integer.toString(0x01 | 0x40);

    private final String jdbcUrl;
    private Connection connection;
    private final Dialect dialect;
    private final String redactedUrl;
    private boolean closed;
    /** Whether {@link #begin()} began a SQLite transaction that {@link #end} has not ended yet. */
    private boolean sqliteTransactionOpen;
    /** Opened by {@link #openReadOnly}: never migrated, its transactions read only. */
    private final boolean readOnly;

    /** The file of a {@link #temporary()} database, deleted on close. */
    private final Optional<Path> temporaryFile;
    /** The SQLite file as opened, checked after each commit; set by {@link #configure()}. */
    private Optional<SqliteFile> sqliteFile = Optional.empty();
    /** The SQLite file {@link #openReadOnly} reads without locks, checked unchanged after each transaction. */
    private Optional<SqliteFile.Unchanging> immutableFile = Optional.empty();

    private Database(String jdbcUrl, Connection connection, Dialect dialect, String redactedUrl,
                     Optional<Path> temporaryFile, boolean readOnly) {
        this.jdbcUrl = jdbcUrl;
        this.readOnly = readOnly;
        this.connection = connection;
        this.dialect = dialect;
        this.redactedUrl = redactedUrl;
        this.temporaryFile = temporaryFile;
    }

    /**
     * A SQLite database of its own in a new file in the temporary directory, deleted (with its WAL files) on
     * close: for a run that keeps state only while it runs, on disk so that memory does not grow with it.
     *
     * @throws DatabaseException when the file cannot be created or opened
     */
    public static Database temporary() {
        Path file;
        try {
            file = Files.createTempFile("s3conn-", ".db");
        } catch (IOException e) {
            throw new DatabaseException("cannot create a temporary database: " + e.getMessage(), e);
        }
        return open("jdbc:sqlite:" + file, Optional.of(file));
    }

    /**
     * Opens (creating a SQLite file if needed) and migrates.
     *
     * @throws IllegalArgumentException for a URL that names neither SQLite nor PostgreSQL, or that its driver cannot
     *                                  parse (see {@link Dialect#of})
     * @throws DatabaseException        when the database cannot be reached or migrated
     */
    public static Database open(String jdbcUrl) {
        return open(jdbcUrl, Optional.empty());
    }

    private static Database open(String jdbcUrl, Optional<Path> temporaryFile) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Dialect dialect = Dialect.of(jdbcUrl);
        String redacted = JdbcUrls.redact(jdbcUrl);
        // Checkpoints in this database are JSON: load Jackson while the driver loads and connects.
        Json.warmUpInBackground();
        Connection connection;
        try {
            connection = connect(jdbcUrl, dialect);
        } catch (SQLException e) {
            throw new DatabaseException("cannot open database " + redacted + ": " + e.getMessage(), e);
        }
        Database database = new Database(jdbcUrl, connection, dialect, redacted, temporaryFile, false);
        return prepared(database, new SchemaMigrator(Schema.migrations())::migrate, "prepare");
    }

    /**
     * {@code database}, configured and its schema {@code step} done; closed if either fails, the failure said in one
     * line ("cannot {@code doing} database ...") unless it is one already.
     */
    private static Database prepared(Database database, Consumer<Database> step, String doing) {
        try {
            database.configure();
            step.accept(database);
            return database;
        } catch (SQLException | RuntimeException e) {
            database.close();
            throw e instanceof DatabaseException de ? de
                    : new DatabaseException("cannot " + doing + " database " + database.redactedUrl + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens a database that was created and migrated before, to read it only: nothing is created or migrated, and every
     * transaction is read only. For commands that only read (a read-only copy, a file mode 444, a read-only directory,
     * a PostgreSQL role with only {@code SELECT}).
     *
     * <p>A SQLite file this process may write, in a directory it may write, is opened as usual but with
     * {@code query_only}, so that the last connection to close still folds the write-ahead log back into the file and
     * removes it, as after any other command. Any other file with a {@code -wal} file beside it (a writer is at work, or
     * left changes to fold in) is opened read-only with SQLite's locking, which needs the {@code -shm} file beside it:
     * where that cannot be created, the message says so. A file without one is read as immutable, without locks, and
     * so without creating {@code -shm} and {@code -wal} files: SQLite cannot read a WAL-mode file in a read-only
     * directory otherwise, and in a directory others may write those files, owned by this user, would stand in the way
     * of the next writer. A writer that starts meanwhile is not locked out, so each transaction ends by checking that
     * the file is the one it began with, unchanged: if not, it fails, and the command can run again.
     *
     * @throws IllegalArgumentException for a URL that names neither SQLite nor PostgreSQL
     * @throws DatabaseException        when the database cannot be reached or read, holds no s3conn schema, or holds
     *                                  an older one than this code's (it says which, in one line)
     */
    public static Database openReadOnly(String jdbcUrl) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        boolean mayWrite = sqlitePath(jdbcUrl)
                .filter(file -> Files.isWritable(file) && Files.isWritable(file.getParent())).isPresent();
        return openReadOnly(jdbcUrl, mayWrite);
    }

    /**
     * {@link #openReadOnly(String)}, told whether this process may write a SQLite file: tests run as root, whom file
     * modes stop from nothing, open files as another user would.
     */
    static Database openReadOnly(String jdbcUrl, boolean mayWrite) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Dialect dialect = Dialect.of(jdbcUrl);
        String redacted = JdbcUrls.redact(jdbcUrl);
        Json.warmUpInBackground();
        ReadOnlyConnection opened;
        try {
            opened = dialect == Dialect.SQLITE ? connectSqliteReadOnly(jdbcUrl, redacted, mayWrite)
                    : new ReadOnlyConnection(connect(jdbcUrl, dialect), Optional.empty());
        } catch (SQLException e) {
            throw new DatabaseException("cannot open database " + redacted + ": " + e.getMessage(), e);
        }
        Database database = new Database(jdbcUrl, opened.connection(), dialect, redacted, Optional.empty(), true);
        database.immutableFile = opened.immutable();
        return prepared(database, new SchemaMigrator(Schema.migrations())::requireMigrated, "read");
    }

    /**
     * A SQLite connection that cannot write, create or convert the file (see {@link #openReadOnly}), and the file as it
     * was opened when it is read as immutable.
     *
     * @param mayWrite whether this process may write the file and its directory
     */
    private static ReadOnlyConnection connectSqliteReadOnly(String jdbcUrl, String redacted, boolean mayWrite)
            throws SQLException {
        Optional<Path> file = sqlitePath(jdbcUrl);
        if (mayWrite) {
            Connection connection = connect(jdbcUrl, Dialect.SQLITE);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA query_only=1");
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return new ReadOnlyConnection(connection, Optional.empty());
        }
        Properties readOnly = new Properties();
        readOnly.setProperty("open_mode", SQLITE_READ_ONLY_OPEN_MODE);
        Optional<Path> wal = file.map(path -> Path.of(path + "-wal")).filter(Files::exists);
        if (file.isEmpty() || !Files.exists(file.get()) || wal.isPresent()) {
            try {
                return new ReadOnlyConnection(probed(connect(jdbcUrl, Dialect.SQLITE, readOnly)), Optional.empty());
            } catch (SQLException e) {
                if (wal.isEmpty() || Files.isWritable(file.get().getParent())) {
                    throw e;
                }
                Path directory = file.get().getParent();
                throw new DatabaseException("cannot read database " + redacted + " without write access to " + directory
                        + ": SQLite reads a file with a write-ahead log beside it (" + wal.get() + ") only with a -shm file"
                        + " there too, which it cannot create (" + e.getMessage() + "); run as a user who may write "
                        + directory + ", or read a copy of the file with its -wal file", e);
            }
        }
        Optional<SqliteFile.Stamp> before = SqliteFile.stamp(file.get());
        Connection connection = probed(connect("jdbc:sqlite:" + immutableUri(file.get()), Dialect.SQLITE, readOnly));
        return new ReadOnlyConnection(connection, before.map(stamp -> new SqliteFile.Unchanging(file.get(), stamp)));
    }

    /**
     * A connection opened to read only, and for a SQLite file read as immutable, that file as it was when opened.
     *
     * @param connection the connection
     * @param immutable  the file read without locks, checked after each transaction
     */
    private record ReadOnlyConnection(Connection connection, Optional<SqliteFile.Unchanging> immutable) {
    }

    /** The absolute path of a {@code jdbc:sqlite:} URL's plain file; empty for memory, {@code file:} URIs, others. */
    private static Optional<Path> sqlitePath(String jdbcUrl) {
        return JdbcUrls.sqliteFile(jdbcUrl)
                .filter(name -> !name.isEmpty() && !name.startsWith(":memory:") && !name.startsWith("file:"))
                .map(name -> Path.of(name).toAbsolutePath());
    }

    /** {@code connection}, once it read the schema: SQLite opens the file, and its {@code -shm}, lazily. */
    private static Connection probed(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM sqlite_master")) {
            rs.next();
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /** The SQLite URI of {@code file} opened immutable: {@code %}, {@code ?} and {@code #} escaped, as URIs need. */
    private static String immutableUri(Path file) {
        StringBuilder uri = new StringBuilder("file:");
        for (char c : file.toString().toCharArray()) {
            switch (c) {
                case '%' -> uri.append("%25");
                case '?' -> uri.append("%3f");
                case '#' -> uri.append("%23");
                default -> uri.append(c);
            }
        }
        return uri.append("?immutable=1").toString();
    }

    /**
     * A connection from the first driver beside this class that takes the URL. DriverManager alone is not
     * enough: it hands a caller only drivers its class loader can see, and loads the drivers once, with the
     * class loader of whoever asked first; under Kafka Connect's plugin class loaders, or in a JVM where a
     * Quarkus test asked first, those are not s3conn's, and it answers "No suitable driver".
     */
    private static Connection connect(String jdbcUrl, Dialect dialect) throws SQLException {
        return connect(jdbcUrl, dialect, new Properties());
    }

    /** The same, with driver properties beyond the {@link #defaults}. */
    private static Connection connect(String jdbcUrl, Dialect dialect, Properties extra) throws SQLException {
        Properties properties = defaults(dialect);
        properties.putAll(extra);
        for (Driver driver : ServiceLoader.load(Driver.class, Database.class.getClassLoader())) {
            if (driver.acceptsURL(jdbcUrl)) {
                Connection connection = driver.connect(jdbcUrl, properties);
                if (connection != null) {
                    return connection;
                }
            }
        }
        try {
            DriverManager.getDriver(jdbcUrl);
        } catch (SQLException none) {
            // Said here: getConnection's "No suitable driver found for <url>" shows the password. A program using
            // the library modules brings its own driver (the app and the Kafka Connect plugin ship both).
            throw new SQLException("no JDBC driver on the class path accepts this URL (" + switch (dialect) {
                case SQLITE -> "SQLite's is org.xerial:sqlite-jdbc";
                case POSTGRESQL -> "PostgreSQL's is org.postgresql:postgresql";
            } + ")", none.getSQLState());
        }
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    /**
     * Driver properties the URL may override. PostgreSQL's driver waits for an answer forever by default: a server
     * that stops answering (frozen, or cut off without a reset) would hang a sync or a pipeline for good, so a
     * statement gets {@link #POSTGRES_SOCKET_TIMEOUT_SECONDS} (far above any of s3conn's, which touch a page of rows).
     *
     * <p>{@code reWriteBatchedInserts}: a sync writes a listing page as one JDBC batch of up to 1,000 upserts, which the
     * driver otherwise sends as 1,000 statements the server parses, plans and executes one by one; with it, as
     * multi-row {@code INSERT ... VALUES (...), (...)} of up to 128 rows (a third less server CPU for a first sync).
     * No s3conn code reads the per-row counts of a batched insert, which the driver then reports as
     * {@link java.sql.Statement#SUCCESS_NO_INFO}.
     */
    private static Properties defaults(Dialect dialect) {
        Properties properties = new Properties();
        if (dialect == Dialect.POSTGRESQL) {
            properties.setProperty("socketTimeout", Integer.toString(POSTGRES_SOCKET_TIMEOUT_SECONDS));
            properties.setProperty("tcpKeepAlive", "true");
            properties.setProperty("reWriteBatchedInserts", "true");
        }
        return properties;
    }

    private void configure() throws SQLException {
        if (dialect == Dialect.SQLITE && readOnly) {
            // No journal_mode: setting it writes the file's header. Reads wait out a writer's checkpoint as writes do.
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout=" + SQLITE_BUSY_TIMEOUT_MILLIS);
            }
            connection.setAutoCommit(true);
            return;
        }
        if (dialect == Dialect.SQLITE) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout=" + SQLITE_BUSY_TIMEOUT_MILLIS);
                // WAL lets readers outside s3conn (sqlite3, a dashboard) read while a sync writes; NORMAL
                // sync stays crash-safe in WAL mode and makes a commit per listing page cheap.
                switchToWal(statement);
                statement.execute("PRAGMA synchronous=NORMAL");
            }
            // Transactions are begun by inTransaction itself (BEGIN IMMEDIATE), not by the driver.
            connection.setAutoCommit(true);
            sqliteFile = SqliteFile.of(connection);
            return;
        }
        requireUnicode();
        connection.setAutoCommit(false);
        // The driver then begins each transaction READ ONLY: the server refuses any write in it.
        connection.setReadOnly(readOnly);
    }

    /**
     * Switches a SQLite file to WAL, waiting up to the busy timeout for another connection that writes it. SQLite
     * answers {@code SQLITE_BUSY} at once there, without waiting on its busy handler: serve starts its jobs (and its
     * readiness probe) at once, each opening the same new file, and one of them failed its first run with "database is
     * locked" while another switched the file to WAL or migrated it. Once the file is in WAL mode, this takes no lock.
     */
    private static void switchToWal(Statement statement) throws SQLException {
        long deadline = System.nanoTime() + SQLITE_BUSY_TIMEOUT_MILLIS * 1_000_000L;
        while (true) {
            try {
                statement.execute("PRAGMA journal_mode=WAL");
                return;
            } catch (SQLException e) {
                // The primary result code, SQLITE_BUSY (5), under any extended one.
                if ((e.getErrorCode() & 0xff) != 5 || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for another connection's lock on the SQLite file", e);
            }
        }
    }

    /**
     * Refuses a PostgreSQL database whose encoding cannot hold every key: S3 keys are any Unicode, and a LATIN1
     * database works until the first key outside Latin-1 fails every sync. SQL_ASCII stores the bytes as given.
     */
    private void requireUnicode() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SHOW server_encoding")) {
            result.next();
            String encoding = result.getString(1);
            if (!encoding.equalsIgnoreCase("UTF8") && !encoding.equalsIgnoreCase("SQL_ASCII")) {
                throw new DatabaseException("database " + redactedUrl + " stores text as " + encoding + ", which cannot"
                        + " hold every S3 key: create it with ENCODING 'UTF8'", null);
            }
        }
    }

    /** Which SQL dialect this database speaks. */
    public Dialect dialect() {
        return dialect;
    }

    /** The URL with any password hidden. */
    public String displayUrl() {
        return redactedUrl;
    }

    /**
     * Runs work in one transaction: committed when it returns, rolled back when it throws.
     *
     * <p>On SQLite the transaction takes the write lock as it begins ({@code BEGIN IMMEDIATE}), waiting for
     * another writer up to the busy timeout. A transaction that reads first and writes later (every one here
     * compares before it writes) would otherwise fail with {@code SQLITE_BUSY} at its first write whenever
     * another connection (a second {@code serve} job, a second process on the same file) committed since its
     * read: SQLite cannot wait that conflict out, so it does not wait at all.
     */
    public <T> T inTransaction(SqlWork<T> work) {
        try {
            reconnectIfLost();
            begin();
            T result = work.run(connection);
            end(true);
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                end(false);
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof RuntimeException re && !(e instanceof DatabaseException)) {
                throw re;
            }
            throw e instanceof DatabaseException de ? de
                    : new DatabaseException("database error on " + redactedUrl + ": " + e.getMessage(), e);
        }
    }

    /**
     * PostgreSQL's driver closes a connection the server ended (a restart, a terminated backend, a cut network)
     * when a transaction meets it, and that transaction fails; the next one connects again. So a command that goes on
     * after a failed transaction ({@code inventory watch} leaves the event to SQS to deliver again) carries on once the
     * server is back, instead of failing every transaction until it stops.
     */
    private void reconnectIfLost() throws SQLException {
        if (dialect == Dialect.POSTGRESQL && !closed && connection.isClosed()) {
            connection = connect(jdbcUrl, dialect);
            configure();
        }
    }

    private void begin() throws SQLException {
        if (dialect == Dialect.SQLITE) {
            try (Statement statement = connection.createStatement()) {
                // A reader takes no write lock, which a read-only file could not give it anyway.
                statement.execute(readOnly ? "BEGIN" : "BEGIN IMMEDIATE");
            }
            sqliteTransactionOpen = true;
        }
    }

    /** Commits ({@code commit}) or rolls back the transaction that {@link #begin()} began, if it began one. */
    private void end(boolean commit) throws SQLException {
        if (dialect != Dialect.SQLITE) {
            if (commit) {
                connection.commit();
            } else {
                connection.rollback();
            }
        } else if (sqliteTransactionOpen) {
            // A failed COMMIT leaves the transaction open for the ROLLBACK that follows; a failed ROLLBACK
            // means SQLite already ended it.
            try (Statement statement = connection.createStatement()) {
                statement.execute(commit ? "COMMIT" : "ROLLBACK");
                sqliteTransactionOpen = false;
            } finally {
                if (!commit) {
                    sqliteTransactionOpen = false;
                }
            }
            if (commit) {
                sqliteFile.ifPresent(file -> file.checkStillThere(redactedUrl));
            }
            // Also after a failed read: one that met a page a writer was changing fails as corrupt, which it is not.
            immutableFile.ifPresent(file -> file.checkUnchanged(redactedUrl));
        }
    }

    /** The schema version recorded in the database. */
    public int schemaVersion() {
        return inTransaction(c -> {
            try (Statement statement = c.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM s3conn_schema")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (!connection.isClosed()) {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
                connection.close();
            }
        } catch (SQLException ignored) {
            // Closing is best effort: every write was committed or rolled back explicitly before.
        }
        temporaryFile.ifPresent(file -> {
            for (String suffix : List.of("", "-wal", "-shm")) {
                try {
                    Files.deleteIfExists(Path.of(file + suffix));
                } catch (IOException ignored) {
                    // Left in the temporary directory: nothing reads it again.
                }
            }
        });
    }
}
