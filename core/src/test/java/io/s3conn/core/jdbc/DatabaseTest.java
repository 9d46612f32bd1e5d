package io.s3conn.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void openingANewSqliteFileCreatesTheLatestSchema() {
        try (Database database = Database.open("jdbc:sqlite:" + dir.resolve("new.db"))) {
            assertThat(database.schemaVersion()).isEqualTo(Schema.migrations().getLast().version());
            assertThat(database.dialect()).isEqualTo(Dialect.SQLITE);
        }
    }

    @Test
    void openingAgainAppliesNothingTwice() {
        String url = "jdbc:sqlite:" + dir.resolve("twice.db");
        Database.open(url).close();

        try (Database database = Database.open(url)) {
            int migrations = database.inTransaction(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM s3conn_schema")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(migrations).isEqualTo(Schema.migrations().size());
        }
    }

    /**
     * Each transaction reads, waits until the other one has read too, then writes: with transactions that take
     * the write lock only at their first write, the second writer failed with SQLITE_BUSY (it cannot wait a
     * conflict with what it read out). Beginning with the write lock, the second one waits its turn.
     */
    @Test
    void twoConnectionsThatEachReadThenWriteTheSameSqliteFileBothCommit() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("two-writers.db");
        Database.open(url).close();
        CountDownLatch bothStarted = new CountDownLatch(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> writers = new ArrayList<>();
            for (String name : List.of("a", "b")) {
                writers.add(pool.submit(() -> {
                    try (Database database = Database.open(url)) {
                        return database.inTransaction(c -> {
                            bothStarted.countDown();
                            awaitBriefly(bothStarted);
                            int before = count(c);
                            c.createStatement().execute("INSERT INTO s3conn_checkpoints (name, state, updated_at) VALUES ('"
                                    + name + "', '{}', 'x')");
                            return before;
                        });
                    }
                }));
            }
            List<Integer> seenBefore = new ArrayList<>();
            for (var writer : writers) {
                seenBefore.add(writer.get(30, TimeUnit.SECONDS));
            }

            assertThat(seenBefore).containsExactlyInAnyOrder(0, 1);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * serve starts its jobs at once, each opening the same new SQLite file: one switching it to WAL or migrating it
     * holds its lock, and the others must wait their turn (the busy timeout, 30 s) rather than fail with
     * {@code SQLITE_BUSY} after the driver's own 3 s. Another writer here holds the lock for longer than those 3 s.
     */
    @Test
    void openingASqliteFileWhileAnotherConnectionHoldsItsLockWaitsForTheLock() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("locked.db");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (java.sql.Connection other = java.sql.DriverManager.getConnection(url)) {
            other.createStatement().execute("CREATE TABLE other_app (x INTEGER)");
            other.setAutoCommit(false);
            other.createStatement().execute("INSERT INTO other_app VALUES (1)"); // holds the file's write lock
            Future<Integer> opened = pool.submit(() -> {
                try (Database database = Database.open(url)) {
                    return database.schemaVersion();
                }
            });
            Thread.sleep(4_000);
            other.commit();

            assertThat(opened.get(30, TimeUnit.SECONDS)).isEqualTo(Schema.migrations().getLast().version());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Half a second at most: with the write lock taken at begin, the other transaction cannot start meanwhile. */
    private static void awaitBriefly(CountDownLatch latch) {
        try {
            latch.await(500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int count(java.sql.Connection c) throws java.sql.SQLException {
        try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM s3conn_checkpoints")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aTemporaryDatabaseIsMigratedAndItsFilesAreGoneOnClose() {
        Path file;
        try (Database database = Database.temporary()) {
            assertThat(database.schemaVersion()).isEqualTo(Schema.migrations().getLast().version());
            file = Path.of(database.displayUrl().substring("jdbc:sqlite:".length()));
            assertThat(file).exists();
        }

        assertThat(file).doesNotExist();
        assertThat(Path.of(file + "-wal")).doesNotExist();
    }

    @Test
    void anUnreachableDatabaseIsADatabaseErrorWithoutThePassword() {
        assertThatThrownBy(() -> Database.open("jdbc:postgresql://127.0.0.1:9/x?user=u&password=hunter2"))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("password=****")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aUrlItsDriverCannotParseIsRefusedAsAUrlWithoutThePassword() {
        // The PostgreSQL driver is on the class path, but takes no URL whose port is not a number: it answered as if
        // there were no driver, a database error, after logging a WARNING.
        assertThatThrownBy(() -> Database.open("jdbc:postgresql://127.0.0.1:port/x?user=u&password=hunter2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("password=****")
                .hasMessageContaining("must have a port from 1 to 65535")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aWorkThatThrowsIsRolledBack() {
        try (Database database = Database.open("jdbc:sqlite:" + dir.resolve("rollback.db"))) {
            assertThatThrownBy(() -> database.inTransaction(c -> {
                c.createStatement().execute("INSERT INTO s3conn_checkpoints (name, state, updated_at) VALUES ('n', '{}', 'x')");
                throw new IllegalStateException("boom");
            })).hasMessage("boom");

            int rows = database.inTransaction(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM s3conn_checkpoints")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(rows).isZero();
        }
    }

    /**
     * A SQLite file removed (or its directory) while a run writes: the open connection writes on into the
     * unlinked file and commits without error, so a sync reported success for a table nobody can read again.
     */
    @Test
    void aCommitToASqliteFileThatWasRemovedMeanwhileIsADatabaseError() throws Exception {
        Path file = dir.resolve("removed.db");
        try (Database database = Database.open("jdbc:sqlite:" + file)) {
            for (String suffix : List.of("", "-wal", "-shm")) {
                Files.deleteIfExists(Path.of(file + suffix));
            }

            assertThatThrownBy(() -> database.inTransaction(c -> c.createStatement().execute(
                    "INSERT INTO s3conn_checkpoints (name, state, updated_at) VALUES ('n', '{}', 'x')")))
                    .isInstanceOf(DatabaseException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("removed");
        }
    }

    @Test
    void aReadOnlyOpenOfASqliteFileMode444ReadsItsRowsAndLeavesTheFileAndItsDirectoryAsTheyWere() throws Exception {
        Path file = dir.resolve("read-only.db");
        String url = "jdbc:sqlite:" + file;
        try (Database database = Database.open(url)) {
            database.inTransaction(c -> c.createStatement().execute(
                    "INSERT INTO s3conn_checkpoints (name, state, updated_at) VALUES ('n', '{}', 'x')"));
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        byte[] before = Files.readAllBytes(file);
        List<Path> filesBefore = listed(dir);

        try (Database database = Database.openReadOnly(url)) {
            assertThat(database.inTransaction(DatabaseTest::count)).isEqualTo(1);
        }

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(listed(dir)).isEqualTo(filesBefore);
    }

    @Test
    void aDatabaseOpenedReadOnlyRefusesAWrite() {
        String url = "jdbc:sqlite:" + dir.resolve("refuses.db");
        Database.open(url).close();

        try (Database database = Database.openReadOnly(url)) {
            assertThatThrownBy(() -> database.inTransaction(c -> c.createStatement().execute(
                    "INSERT INTO s3conn_checkpoints (name, state, updated_at) VALUES ('n', '{}', 'x')")))
                    .isInstanceOf(DatabaseException.class)
                    .hasMessageContaining("readonly");
            assertThat(database.inTransaction(DatabaseTest::count)).isZero();
        }
    }

    @Test
    void aReadOnlyOpenOfASqliteFileThatDoesNotExistFailsAndCreatesNoFile() throws Exception {
        Path file = dir.resolve("missing.db");

        assertThatThrownBy(() -> Database.openReadOnly("jdbc:sqlite:" + file))
                .isInstanceOf(DatabaseException.class)
                .hasMessageStartingWith("cannot open database jdbc:sqlite:" + file);

        assertThat(listed(dir)).isEmpty();
    }

    @Test
    void aReadOnlyOpenOfASqliteFileWithoutTheSchemaSaysSoInOneLineAndCreatesNothing() throws Exception {
        Path file = dir.resolve("empty.db");
        Files.createFile(file);

        assertThatThrownBy(() -> Database.openReadOnly("jdbc:sqlite:" + file))
                .isInstanceOf(DatabaseException.class)
                .hasMessage("database jdbc:sqlite:" + file + " holds no s3conn tables: a command that writes (s3conn"
                        + " inventory sync) creates them; one that only reads never does");

        assertThat(file).isEmptyFile();
        assertThat(listed(dir)).containsExactly(file);
    }

    @Test
    void aReadOnlyOpenOfAnOlderSchemaSaysWhichVersionsAreMissingAndMigratesNothing() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("older.db");
        int newest = Schema.migrations().getLast().version();
        try (Database database = Database.open(url)) {
            database.inTransaction(c -> c.createStatement().execute("DELETE FROM s3conn_schema WHERE version = " + newest));
        }

        assertThatThrownBy(() -> Database.openReadOnly(url))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("has the schema of an older s3conn")
                .hasMessageContaining("missing [" + newest + "]")
                .hasMessageNotContaining("\n");

        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
             var rs = c.createStatement().executeQuery("SELECT COUNT(*), MAX(version) FROM s3conn_schema")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(Schema.migrations().size() - 1);
            assertThat(rs.getInt(2)).isLessThan(newest);
        }
    }

    @Test
    void aSqliteFileReadByAUserWhoMayNotWriteItIsReadWithoutCreatingAnythingBesideIt() throws Exception {
        Path file = dir.resolve("another-user.db");
        String url = "jdbc:sqlite:" + file;
        try (Database database = Database.open(url)) {
            database.inTransaction(c -> c.createStatement().execute(
                    "INSERT INTO s3conn_checkpoints (name, state, updated_at) VALUES ('n', '{}', 'x')"));
        }

        try (Database database = Database.openReadOnly(url, false)) {
            assertThat(database.inTransaction(DatabaseTest::count)).isEqualTo(1);
            assertThat(listed(dir)).containsExactly(file);
        }
    }

    /** A writer at work keeps its last commits in the -wal file: a read of the file alone would not see them. */
    @Test
    void aSqliteFileReadByAUserWhoMayNotWriteItWhileAWriterIsAtWorkSeesTheWritersCommits() {
        String url = "jdbc:sqlite:" + dir.resolve("writer-at-work.db");
        try (Database writer = Database.open(url)) {
            writer.inTransaction(c -> c.createStatement().execute(
                    "INSERT INTO s3conn_checkpoints (name, state, updated_at) VALUES ('n', '{}', 'x')"));

            try (Database database = Database.openReadOnly(url, false)) {
                assertThat(database.inTransaction(DatabaseTest::count)).isEqualTo(1);
            }
        }
    }

    /**
     * Read without locks, the file is not guarded against a writer that starts meanwhile: one that folds its log into
     * the file while a read goes on may change pages under it. The read fails rather than pass off what it read.
     */
    @Test
    void aSqliteFileAWriterChangesWhileItIsReadWithoutLocksFailsTheRead() {
        String url = "jdbc:sqlite:" + dir.resolve("changed.db");
        Database.open(url).close();

        try (Database database = Database.openReadOnly(url, false)) {
            assertThatThrownBy(() -> database.inTransaction(c -> {
                int before = count(c);
                try (Database writer = Database.open(url)) {
                    writer.inTransaction(w -> w.createStatement().execute(
                            "INSERT INTO s3conn_checkpoints (name, state, updated_at) VALUES ('n', '{}', 'x')"));
                }
                return before;
            })).isInstanceOf(DatabaseException.class)
                    .hasMessageContaining("changed while it was read without locks")
                    .hasMessageEndingWith("run the command again");
        }
    }

    private static List<Path> listed(Path directory) throws java.io.IOException {
        try (var files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }
}
