package io.s3conn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.jdbc.DatabaseException;
import io.s3conn.core.jdbc.Schema;
import io.s3conn.core.state.LeaseHeldException;
import io.s3conn.core.state.RunLease;

/**
 * A PostgreSQL database as long-running and concurrent processes meet it: processes on one database at the same
 * moment (replicas of a sidecar, cron-started syncs or Kafka Connect tasks starting together; each opens its own
 * connection, as separate processes do, and they are released at once so that their statements interleave), and a
 * server that ends a connection; and what s3conn connects with.
 */
class PostgresDatabaseIT {

    private static final int AT_ONCE = 8;

    @Test
    void connectionsOpeningANewDatabaseAtOnceAllFindItMigratedOnce() throws Exception {
        // A few databases: the collision in PostgreSQL's catalog depends on how the statements interleave.
        for (int round = 0; round < 3; round++) {
            String url = Fixtures.postgres().freshDatabase();

            List<Object> outcomes = atOnce(() -> {
                try (Database database = Database.open(url)) {
                    return database.schemaVersion();
                }
            });

            assertThat(outcomes).containsOnly(Schema.migrations().getLast().version());
        }
    }

    @Test
    void runsTakingAFreeLeaseAtOnceLeaveItToOneAndAreToldItIsHeld() throws Exception {
        String url = Fixtures.postgres().freshDatabase();
        List<Database> databases = new ArrayList<>();
        for (int i = 0; i < AT_ONCE; i++) {
            databases.add(Database.open(url));
        }
        AtomicInteger next = new AtomicInteger();

        // Held until every other run has tried, as a sync holds it while it runs. Before, held for a fixed 2 s: a run
        // that tried later (a loaded machine) took the lease once it was given up, and two runs had it.
        CountDownLatch othersTried = new CountDownLatch(AT_ONCE - 1);
        List<Object> outcomes = atOnce(() -> {
            int index = next.getAndIncrement();
            try (Database database = databases.get(index)) {
                RunLease lease;
                try {
                    lease = RunLease.acquire(database, "inventory:b:");
                } catch (LeaseHeldException held) {
                    othersTried.countDown();
                    throw held;
                }
                try (lease) {
                    othersTried.await(30, TimeUnit.SECONDS);
                    return "acquired";
                }
            }
        });

        assertThat(outcomes).filteredOn("acquired"::equals).hasSize(1);
        assertThat(outcomes).filteredOn(outcome -> !"acquired".equals(outcome))
                .hasSize(AT_ONCE - 1).allMatch(LeaseHeldException.class::isInstance);
    }

    @Test
    void theTransactionAfterOneThatMetAConnectionTheServerEndedRunsOnANewConnection() {
        String url = Fixtures.postgres().freshDatabase();
        try (Database database = Database.open(url)) {
            // What a server restart does to each connection; the other tests' connections stay.
            endBackend(url, database.inTransaction(PostgresDatabaseIT::backendPid));
            assertThatThrownBy(database::schemaVersion).isInstanceOf(DatabaseException.class);

            assertThat(database.schemaVersion()).isEqualTo(Schema.migrations().getLast().version());
        }
    }

    /** Before, a LATIN1 database was taken, and every sync failed from the first key outside Latin-1 on. */
    @Test
    void aDatabaseWhoseEncodingCannotHoldEveryKeyIsRefusedAtOpen() {
        String url = Fixtures.postgres().freshDatabase("ENCODING 'LATIN1' LOCALE_PROVIDER libc LOCALE 'C' TEMPLATE template0");

        assertThatThrownBy(() -> Database.open(url).close()).isInstanceOf(DatabaseException.class)
                .hasMessageEndingWith("stores text as LATIN1, which cannot hold every S3 key: create it with ENCODING 'UTF8'");
    }

    /** Before, PostgreSQL kept microseconds where SQLite keeps milliseconds: one run, two databases, two values. */
    @Test
    void anInstantIsKeptToTheMillisecondAsOnSqlite() {
        Instant precise = Instant.parse("2026-11-30T12:34:56.123456789Z");

        try (Database postgres = Database.open(Fixtures.postgres().freshDatabase()); Database sqlite = Database.temporary()) {
            assertThat(roundTrip(postgres, precise)).isEqualTo(roundTrip(sqlite, precise))
                    .isEqualTo(Instant.parse("2026-11-30T12:34:56.123Z"));
        }
    }

    private static Instant roundTrip(Database database, Instant instant) {
        return database.inTransaction(connection -> {
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE TABLE instants (at " + database.dialect().timestampType() + ")");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO instants (at) VALUES (?)")) {
                database.dialect().setInstant(insert, 1, instant);
                insert.executeUpdate();
            }
            try (Statement select = connection.createStatement(); ResultSet row = select.executeQuery("SELECT at FROM instants")) {
                row.next();
                return database.dialect().getInstant(row, "at").orElseThrow();
            }
        });
    }

    @Test
    void batchedInsertsAreSentAsMultiRowInserts() {
        String url = Fixtures.postgres().freshDatabase();

        // The driver reports SUCCESS_NO_INFO for the rows of an insert it rewrote into one multi-row INSERT.
        assertThat(batchedInsertCounts(url)).containsOnly(Statement.SUCCESS_NO_INFO);
    }

    @Test
    void aUrlParameterTurnsTheRewritingOfBatchedInsertsOff() {
        String url = Fixtures.postgres().freshDatabase() + "&reWriteBatchedInserts=false";

        assertThat(batchedInsertCounts(url)).containsOnly(1);
    }

    /**
     * The update counts of a batch of four inserts on a connection {@link Database#open} made (a power of two: the
     * driver rewrites a batch in multi-row INSERTs of 2^n rows, a single row left over goes as it is).
     */
    private static int[] batchedInsertCounts(String url) {
        try (Database database = Database.open(url)) {
            return database.inTransaction(connection -> {
                try (Statement create = connection.createStatement()) {
                    create.execute("CREATE TEMPORARY TABLE batched (n INTEGER PRIMARY KEY)");
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO batched (n) VALUES (?) ON CONFLICT (n) DO NOTHING")) {
                    for (int n = 1; n <= 4; n++) {
                        insert.setInt(1, n);
                        insert.addBatch();
                    }
                    return insert.executeBatch();
                }
            });
        }
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void endBackend(String url, int pid) {
        Fixtures.postgres().psql(Fixtures.postgresDatabase(url), "SELECT pg_terminate_backend(" + pid + ")");
    }

    /** Runs {@code work} on {@link #AT_ONCE} threads released together; what each returned or threw. */
    private static List<Object> atOnce(Callable<Object> work) throws InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(AT_ONCE);
        try {
            CyclicBarrier start = new CyclicBarrier(AT_ONCE);
            List<Future<Object>> runs = new ArrayList<>();
            for (int i = 0; i < AT_ONCE; i++) {
                runs.add(threads.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> run : runs) {
                try {
                    outcomes.add(run.get());
                } catch (ExecutionException e) {
                    outcomes.add(e.getCause());
                }
            }
            return outcomes;
        } finally {
            threads.shutdownNow();
        }
    }
}
