package io.s3conn.core.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.jdbc.Dialect;

/**
 * A lease on one piece of state (e.g. an inventory scope's checkpoint), held in the
 * {@code s3conn_leases} table so that two processes sharing a database never run the same job at once:
 * two cron-started syncs of one bucket, or two replicas of a sidecar.
 *
 * <p>The holder renews the lease inside each of its own commits ({@link #renewIn}), so a commit of a
 * run that lost its lease rolls back instead of interleaving with the new holder's. A lease whose
 * holder died is taken over at once when the holder ran on this host (its process is gone), and
 * otherwise when it lapses after {@code ttl} without renewal, unless a host that knows the holder must give
 * way takes it over at once ({@link #takeOver}).
 */
public final class RunLease implements AutoCloseable {

    /** Far longer than a sync's page takes, even throttled and retried; a holder that died elsewhere blocks this long. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

    private static final String HOST = hostName();
    private static final long PID = ProcessHandle.current().pid();
    /** Leases held by this JVM: same host and pid, yet not to be taken over (two jobs of one sidecar). */
    private static final Set<String> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Database database;
    private final String name;
    private final String holder;
    private final Duration ttl;
    private final Clock clock;
    private boolean released;

    private RunLease(Database database, String name, String holder, Duration ttl, Clock clock) {
        this.database = database;
        this.name = name;
        this.holder = holder;
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * Takes the lease {@code name} for {@link #DEFAULT_TTL}, on the system clock.
     *
     * @throws LeaseHeldException when a live holder has it
     */
    public static RunLease acquire(Database database, String name) {
        return acquire(database, name, DEFAULT_TTL, Clock.systemUTC());
    }

    /**
     * Takes the lease {@code name}.
     *
     * @param ttl how long the lease lasts without renewal, longer than the longest gap between the
     *            holder's commits
     * @throws LeaseHeldException when a live holder has it
     */
    public static RunLease acquire(Database database, String name, Duration ttl, Clock clock) {
        RunLease lease = new RunLease(database, name, HOST + ":" + PID + ":" + UUID.randomUUID(), ttl, clock);
        // Before the commit: another thread of this process that reads the lease just after it must find it held here,
        // not left by a previous life of this process.
        HELD_HERE.add(lease.holder);
        try {
            database.inTransaction(connection -> {
                lease.takeIn(connection, false);
                return null;
            });
        } catch (RuntimeException e) {
            HELD_HERE.remove(lease.holder);
            throw e;
        }
        return lease;
    }

    /**
     * Takes the lease {@code name} over from its holder, alive or not, for the next {@link #acquire} in this
     * process, on the system clock for {@link #DEFAULT_TTL}; see {@link #takeOver(Database, String, Duration, Clock)}.
     */
    public static void takeOver(Database database, String name) {
        takeOver(database, name, DEFAULT_TTL, Clock.systemUTC());
    }

    /**
     * Takes the lease {@code name} over from its holder, alive or not: the holder fails its next renewal
     * ({@link #renewIn}) and stops without writing. The lease is then this process's, as a lease left by a
     * previous life of it is: the next {@link #acquire} in this process gets it at once, other processes only
     * once it lapsed after {@code ttl}.
     *
     * <p>Only for hosts that know by other means that the holder must give way. Kafka Connect runs each key
     * range in one task (and, with exactly-once support, fences the zombies of earlier ones), so a task given
     * a range whose previous task died on another worker takes its lease over instead of waiting for it to lapse.
     */
    public static void takeOver(Database database, String name, Duration ttl, Clock clock) {
        // Never in HELD_HERE: that is what lets this process's next acquire take it.
        RunLease placeholder = new RunLease(database, name, HOST + ":" + PID + ":" + UUID.randomUUID(), ttl, clock);
        database.inTransaction(connection -> {
            placeholder.takeIn(connection, true);
            return null;
        });
    }

    private void takeIn(Connection connection, boolean fromAnyHolder) throws SQLException {
        Dialect dialect = database.dialect();
        Instant now = clock.instant();
        Optional<Held> current = read(connection);
        if (current.isPresent() && !fromAnyHolder && !current.get().takeable(now)) {
            Held held = current.get();
            throw new LeaseHeldException(name, held.host(), held.pid(), held.since(), held.expiresAt());
        }
        String sql = current.isPresent()
                ? "UPDATE s3conn_leases SET holder = ?, host = ?, pid = ?, acquired_at = ?, expires_at = ? "
                        + "WHERE name = ? AND holder = ?"
                // DO NOTHING: on PostgreSQL two runs may both have read no row; the second insert then waits for the
                // first and must come out as a lease held, not as a duplicate key error.
                : "INSERT INTO s3conn_leases (holder, host, pid, acquired_at, expires_at, name) VALUES (?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (name) DO NOTHING";
        try (PreparedStatement write = connection.prepareStatement(sql)) {
            write.setString(1, holder);
            write.setString(2, HOST);
            write.setLong(3, PID);
            dialect.setInstant(write, 4, now);
            dialect.setInstant(write, 5, now.plus(ttl));
            write.setString(6, name);
            if (current.isPresent()) {
                write.setString(7, current.get().holder());
            }
            if (write.executeUpdate() != 1) {
                // Someone else took it between our read and our write.
                Held held = read(connection).orElseThrow();
                throw new LeaseHeldException(name, held.host(), held.pid(), held.since(), held.expiresAt());
            }
        }
    }

    /**
     * Extends the lease inside the caller's transaction.
     *
     * @throws IllegalStateException when another process has taken the lease over (this one lapsed):
     *                               the caller's transaction must not commit
     */
    public void renewIn(Connection connection) throws SQLException {
        try (PreparedStatement renew = connection.prepareStatement(
                "UPDATE s3conn_leases SET expires_at = ? WHERE name = ? AND holder = ?")) {
            database.dialect().setInstant(renew, 1, clock.instant().plus(ttl));
            renew.setString(2, name);
            renew.setString(3, holder);
            if (renew.executeUpdate() != 1) {
                throw new IllegalStateException("lost the lease on " + name + " to another s3conn run (this run "
                        + "went longer than " + ttl + " without a commit, or its work was handed to another, as "
                        + "Kafka Connect moves a task); stopping without writing");
            }
        }
    }

    /**
     * Gives the lease up; a lease already taken over by another holder is left to it. Never throws: a
     * lease that cannot be deleted (the database failed) lapses after its TTL, and the failure that
     * ended the run is the one worth reporting.
     */
    @Override
    public void close() {
        if (released) {
            return;
        }
        released = true;
        HELD_HERE.remove(holder);
        try {
            database.inTransaction(connection -> {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM s3conn_leases WHERE name = ? AND holder = ?")) {
                    delete.setString(1, name);
                    delete.setString(2, holder);
                    return delete.executeUpdate();
                }
            });
        } catch (RuntimeException lapsesLater) {
            // see above
        }
    }

    private Optional<Held> read(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT holder, host, pid, acquired_at, expires_at FROM s3conn_leases WHERE name = ?")) {
            query.setString(1, name);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Dialect dialect = database.dialect();
                return Optional.of(new Held(rs.getString("holder"), rs.getString("host"), rs.getLong("pid"),
                        dialect.getInstant(rs, "acquired_at").orElseThrow(),
                        dialect.getInstant(rs, "expires_at").orElseThrow()));
            }
        }
    }

    /** The lease as stored. */
    private record Held(String holder, String host, long pid, Instant since, Instant expiresAt) {

        /**
         * Lapsed, or held on this host by a process that no longer runs. A holder with this process's own
         * id but not held by this JVM is a previous life of it (a restarted container's pid 1).
         */
        boolean takeable(Instant now) {
            if (!expiresAt.isAfter(now)) {
                return true;
            }
            if (!host.equals(HOST)) {
                return false;
            }
            return pid == PID ? !HELD_HERE.contains(holder) : ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        }
    }

    /** Without DNS: a host whose name does not resolve would otherwise stall every run. */
    private static String hostName() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return Optional.ofNullable(System.getenv("HOSTNAME")).or(() -> Optional.ofNullable(System.getenv("COMPUTERNAME")))
                .orElse("unknown-host");
    }
}
