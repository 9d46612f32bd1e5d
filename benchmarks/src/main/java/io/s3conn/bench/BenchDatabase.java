package io.s3conn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.s3conn.testbed.postgres.PostgresServer;

/**
 * The database a benchmark's syncs write to: a fresh SQLite file or a fresh database on the test bed's throwaway
 * PostgreSQL server, and the CPU that server spent (SQLite's is the sync's own).
 */
sealed interface BenchDatabase extends AutoCloseable {

    /** The names {@code --database} takes. */
    List<String> NAMES = List.of("sqlite", "postgres");

    /**
     * A started database of the given name; {@code postgres?NAME=VALUE&...} adds driver parameters to its URLs
     * (say {@code reWriteBatchedInserts=false}, to measure what a setting s3conn connects with is worth).
     */
    static BenchDatabase start(String name) {
        if (!known(name)) {
            throw new IllegalArgumentException("--database takes " + String.join(",", NAMES) + ", was " + name);
        }
        return name.equals("sqlite") ? new Sqlite()
                : new Postgres(PostgresServer.start(), name.substring("postgres".length()).replace('?', '&'));
    }

    /** Whether {@link #start} takes {@code name}: one of {@link #NAMES}, {@code postgres} with parameters. */
    static boolean known(String name) {
        return name.equals("sqlite") || name.equals("postgres") || name.startsWith("postgres?");
    }

    /** How rows label this database. */
    String name();

    /** The JDBC URL of a new, empty database; {@link #drop} removes it. */
    String fresh() throws IOException;

    /** Removes what {@link #fresh} made, where it lives on this machine. */
    void drop(String jdbcUrl) throws IOException;

    /** CPU milliseconds the database server has used so far (its exited backends too); -1 where it has no server. */
    long serverCpuMs();

    @Override
    void close();

    /** A SQLite file in the temporary directory: in the sync's process, so no server CPU of its own. */
    record Sqlite() implements BenchDatabase {
        @Override
        public String name() {
            return "sqlite";
        }

        @Override
        public String fresh() throws IOException {
            Path db = Files.createTempFile("s3conn-listing-bench-", ".db");
            Files.delete(db);
            return "jdbc:sqlite:" + db;
        }

        @Override
        public void drop(String jdbcUrl) throws IOException {
            String file = jdbcUrl.substring("jdbc:sqlite:".length());
            for (String suffix : List.of("", "-wal", "-shm")) {
                Files.deleteIfExists(Path.of(file + suffix));
            }
        }

        @Override
        public long serverCpuMs() {
            return -1;
        }

        @Override
        public void close() {
        }
    }

    /**
     * A database on the test bed's PostgreSQL (fsync and synchronous commit off, as every throwaway cluster of the
     * test bed), whose server CPU is read from /proc: the postmaster, its live children and those it has reaped
     * (a sync's backend exits with its connection).
     */
    record Postgres(PostgresServer server, String parameters) implements BenchDatabase {
        private static final long TICKS_PER_SECOND = 100;

        @Override
        public String name() {
            return "postgres" + parameters.replaceFirst("&", "?");
        }

        @Override
        public String fresh() {
            // The server's URLs always have parameters (user, password): more go after them.
            return server.freshDatabase() + parameters;
        }

        @Override
        public void drop(String jdbcUrl) {
            // Left to the cluster, which is deleted at the end of the run.
        }

        @Override
        public long serverCpuMs() {
            Optional<Long> pid = server.pid();
            if (pid.isEmpty()) {
                return -1;
            }
            long ticks = ticks(pid.get(), true);
            for (ProcessHandle child : ProcessHandle.of(pid.get()).map(p -> p.children().toList()).orElse(List.of())) {
                ticks += ticks(child.pid(), false);
            }
            return ticks * 1000 / TICKS_PER_SECOND;
        }

        /** utime + stime (+ cutime + cstime: children reaped) of /proc/PID/stat; 0 for a process gone meanwhile. */
        private static long ticks(long pid, boolean withReaped) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                // Fields after the command name, which is in parentheses and may hold spaces.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // utime, stime, cutime, cstime are fields 14-17 of stat, 12-15 after "(comm) " counting from 1.
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                return withReaped ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
            } catch (IOException | RuntimeException gone) {
                return 0;
            }
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
