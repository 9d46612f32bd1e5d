package io.s3conn.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.s3conn.core.jdbc.Database;

class RunLeaseTest {

    private static final Duration TTL = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    private Database open() {
        return Database.open("jdbc:sqlite:" + dir.resolve("lease.db"));
    }

    @Test
    void aLeaseHeldByALiveRunIsRefusedToASecondOne() {
        try (Database database = open(); RunLease ignored = RunLease.acquire(database, "inventory:b:", TTL, Clock.systemUTC())) {
            assertThatThrownBy(() -> RunLease.acquire(database, "inventory:b:", TTL, Clock.systemUTC()))
                    .isInstanceOf(LeaseHeldException.class)
                    .hasMessageContaining("inventory:b:")
                    .hasMessageContaining("process " + ProcessHandle.current().pid());
        }
    }

    @Test
    void aReleasedLeaseCanBeTakenAgain() {
        try (Database database = open()) {
            RunLease.acquire(database, "inventory:b:", TTL, Clock.systemUTC()).close();

            RunLease.acquire(database, "inventory:b:", TTL, Clock.systemUTC()).close();
        }
    }

    @Test
    void leasesOfOtherNamesDoNotConflict() {
        try (Database database = open(); RunLease ignored = RunLease.acquire(database, "inventory:a:", TTL, Clock.systemUTC())) {
            RunLease.acquire(database, "inventory:b:", TTL, Clock.systemUTC()).close();
        }
    }

    @Test
    void aLeaseOfADeadProcessOnThisHostIsTakenOverAtOnce() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        try (Database database = open()) {
            storeLease(database, "inventory:b:", localHost(database), gone.pid(), Instant.now().plus(TTL));

            RunLease.acquire(database, "inventory:b:", TTL, Clock.systemUTC()).close();
        }
    }

    @Test
    void anUnexpiredLeaseFromAnotherHostIsRespected() {
        try (Database database = open()) {
            storeLease(database, "inventory:b:", "elsewhere", 42, Instant.now().plus(TTL));

            assertThatThrownBy(() -> RunLease.acquire(database, "inventory:b:", TTL, Clock.systemUTC()))
                    .isInstanceOf(LeaseHeldException.class).hasMessageContaining("elsewhere");
        }
    }

    @Test
    void aLapsedLeaseFromAnotherHostIsTakenOver() {
        try (Database database = open()) {
            storeLease(database, "inventory:b:", "elsewhere", 42, Instant.now().minusSeconds(1));

            RunLease.acquire(database, "inventory:b:", TTL, Clock.systemUTC()).close();
        }
    }

    @Test
    void aRunWhoseLeaseWasTakenOverCannotRenewIt() {
        try (Database database = open()) {
            Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
            RunLease lapsed = RunLease.acquire(database, "inventory:b:", TTL, past);
            // Another host takes it over once it lapsed.
            database.inTransaction(c -> {
                try (PreparedStatement steal = c.prepareStatement(
                        "UPDATE s3conn_leases SET holder = 'elsewhere:42:y', host = 'elsewhere' WHERE name = 'inventory:b:'")) {
                    return steal.executeUpdate();
                }
            });

            assertThatThrownBy(() -> database.inTransaction(c -> {
                lapsed.renewIn(c);
                return null;
            })).isInstanceOf(IllegalStateException.class).hasMessageContaining("lost the lease");
        }
    }

    @Test
    void aLiveLeaseFromAnotherHostIsTakenOverAtOnceForThisProcess() {
        try (Database database = open()) {
            storeLease(database, "source:s", "elsewhere", 42, Instant.now().plus(TTL));

            RunLease.takeOver(database, "source:s", TTL, Clock.systemUTC());

            RunLease.acquire(database, "source:s", TTL, Clock.systemUTC()).close();
        }
    }

    @Test
    void aLeaseTakenOverIsRecordedForThisProcessSoOthersStillWaitForItToLapse() {
        try (Database database = open()) {
            storeLease(database, "source:s", "elsewhere", 42, Instant.now().plus(TTL));

            RunLease.takeOver(database, "source:s", TTL, Clock.systemUTC());

            assertThat(heldBy(database, "source:s")).isEqualTo(localHost(database) + " " + ProcessHandle.current().pid());
        }
    }

    @Test
    void aFreeLeaseCanBeTakenOverToo() {
        try (Database database = open()) {
            RunLease.takeOver(database, "source:s", TTL, Clock.systemUTC());

            RunLease.acquire(database, "source:s", TTL, Clock.systemUTC()).close();
        }
    }

    @Test
    void aHolderWhoseLeaseWasTakenOverFailsItsNextRenewalAndItsWritesRollBack() {
        try (Database database = open()) {
            RunLease previous = RunLease.acquire(database, "source:s", TTL, Clock.systemUTC());

            RunLease.takeOver(database, "source:s", TTL, Clock.systemUTC());

            assertThatThrownBy(() -> database.inTransaction(c -> {
                c.createStatement().execute("INSERT INTO s3conn_checkpoints (name, state, updated_at) VALUES ('source:s', '{}', 'x')");
                previous.renewIn(c);
                return null;
            })).isInstanceOf(IllegalStateException.class).hasMessageContaining("lost the lease on source:s");
            assertThat(new JdbcCheckpointStore(database).load("source:s")).isEmpty();
        }
    }

    @Test
    void aHolderWhoseLeaseWasTakenOverLeavesTheNewHoldersLeaseWhenItCloses() throws Exception {
        try (Database database = open()) {
            RunLease previous = RunLease.acquire(database, "source:s", TTL, Clock.systemUTC());
            RunLease.takeOver(database, "source:s", TTL, Clock.systemUTC());
            try (RunLease next = RunLease.acquire(database, "source:s", TTL, Clock.systemUTC())) {

                previous.close();

                database.inTransaction(c -> {
                    next.renewIn(c);
                    return null;
                });
            }
        }
    }

    private static void storeLease(Database database, String name, String host, long pid, Instant expiresAt) {
        database.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO s3conn_leases "
                    + "(name, holder, host, pid, acquired_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, name);
                insert.setString(2, host + ":" + pid + ":x");
                insert.setString(3, host);
                insert.setLong(4, pid);
                database.dialect().setInstant(insert, 5, Instant.now().minusSeconds(60));
                database.dialect().setInstant(insert, 6, expiresAt);
                return insert.executeUpdate();
            }
        });
    }

    /** The host and pid a lease is recorded for, separated by a space. */
    private static String heldBy(Database database, String name) {
        return database.inTransaction(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT host, pid FROM s3conn_leases WHERE name = ?")) {
                query.setString(1, name);
                try (var rs = query.executeQuery()) {
                    rs.next();
                    return rs.getString(1) + " " + rs.getLong(2);
                }
            }
        });
    }

    /** The host name this process records, read back from a lease it took. */
    private static String localHost(Database database) {
        try (RunLease ignored = RunLease.acquire(database, "probe", TTL, Clock.systemUTC())) {
            return database.inTransaction(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT host FROM s3conn_leases WHERE name = 'probe'")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
        }
    }
}
