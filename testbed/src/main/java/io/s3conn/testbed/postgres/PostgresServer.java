package io.s3conn.testbed.postgres;

import io.s3conn.testbed.ChildProcesses;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server on loopback for tests.
 *
 * <p>{@link #start()} uses the server named by the environment variable {@value #URL_ENV} (a JDBC URL
 * including {@code user} and {@code password}) when it is set; {@link #close()} then leaves that server alone.
 * Otherwise it creates a throwaway cluster from Debian's {@code postgresql} package
 * ({@code /usr/lib/postgresql/<highest version>/bin}) in a temporary directory, listening only on
 * {@code 127.0.0.1} on a free port, with a database {@value #DATABASE} owned by a password-authenticated user
 * {@value #USER} (with {@code CREATEDB}, like an external user needs for {@link #freshDatabase()}), sorting text by
 * ICU's en-US collation (PostgreSQL 15 and later) rather than by bytes, as most real servers sort.
 * {@link #close()} (or, failing that, a shutdown hook) stops the server and deletes the
 * directory.
 *
 * <p>The PostgreSQL JDBC driver is not on this module's main classpath, so administration goes through the
 * {@code psql} binary; {@link #psql(String, String)} is exposed so tests can do the same.
 *
 * <pre>{@code
 * try (PostgresServer pg = PostgresServer.start()) {
 *     String url = pg.freshDatabase();   // an empty database per test
 *     ...
 * }
 * }</pre>
 */
public final class PostgresServer implements AutoCloseable {

    /** Environment variable naming an existing server to use instead of starting one. */
    public static final String URL_ENV = "S3CONN_TEST_POSTGRES_URL";

    static final String DATABASE = "s3conn_test";
    static final String USER = "s3conn";

    private static final Path DEBIAN_POSTGRES = Path.of("/usr/lib/postgresql");
    // Connections for administration come in over the Unix socket with trust auth, so this role needs no password.
    private static final String SUPERUSER = "postgres";
    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final int PORT_ATTEMPTS = 5;

    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final Map<String, String> extraParameters;
    /** Null when the client binaries could not be found (only possible with an external server). */
    private final Path binDir;
    /** Null for an external server, which is not ours to stop. */
    private final Cluster cluster;
    private final String namePrefix;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(String host, int port, String database, String user, String password,
                           Map<String, String> extraParameters, Path binDir, Cluster cluster) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
        this.extraParameters = extraParameters;
        this.binDir = binDir;
        this.cluster = cluster;
        // An external server outlives us and keeps every database we create: a random prefix keeps runs apart.
        this.namePrefix = DATABASE + "_" + randomHex(4) + "_";
    }

    /**
     * Returns the server named by {@value #URL_ENV}, or starts a throwaway one.
     *
     * @throws IllegalStateException if no server is configured and PostgreSQL is not installed, or if the
     *                               server does not come up (the message then includes its log)
     */
    public static PostgresServer start() {
        String url = System.getenv(URL_ENV);
        if (url != null && !url.isBlank()) {
            return external(url.strip());
        }
        Path bin = findBinDir().orElseThrow(() -> new IllegalStateException(
                "PostgreSQL is not installed (no " + DEBIAN_POSTGRES + "/<version>/bin/initdb): install Debian's"
                        + " `postgresql` package (as .ci/run does) or set " + URL_ENV
                        + " to the JDBC URL of a server, including user and password"));
        try {
            return startCluster(bin);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL from " + bin, e);
        }
    }

    /** JDBC URL of {@link #database()}, including user and password. */
    public String jdbcUrl() {
        return jdbcUrl(database);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String database() {
        return database;
    }

    /**
     * The process id of the server we started (its postmaster, parent of every backend), for a benchmark that
     * measures the server's CPU; empty for an external server or one that is not running.
     */
    public Optional<Long> pid() {
        if (cluster == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(Files.readAllLines(cluster.dataDir.resolve("postmaster.pid")).get(0).strip()));
        } catch (IOException | RuntimeException notRunning) {
            return Optional.empty();
        }
    }

    /** Whether this server was started by us (as opposed to named by {@value #URL_ENV}). */
    public boolean isManaged() {
        return cluster != null;
    }

    /**
     * Creates a new, empty database owned by {@link #user()} and returns its JDBC URL, so that tests sharing
     * a server do not see each other's tables. On an external server, {@link #user()} needs {@code CREATEDB}
     * and the databases are left behind.
     */
    public String freshDatabase() {
        return freshDatabase("");
    }

    /**
     * As {@link #freshDatabase()}, with options of {@code CREATE DATABASE} after the name and owner, such as
     * {@code ENCODING 'LATIN1' LOCALE_PROVIDER libc LOCALE 'C' TEMPLATE template0}.
     */
    public String freshDatabase(String createOptions) {
        String name = namePrefix + databases.incrementAndGet();
        // Names are generated from [a-z0-9_], so quoting is only for form's sake.
        String sql = (isManaged()
                ? "CREATE DATABASE \"" + name + "\" OWNER \"" + user + "\""
                : "CREATE DATABASE \"" + name + "\"") + (createOptions.isEmpty() ? "" : " " + createOptions);
        psqlAdmin(adminDatabase(), sql);
        return jdbcUrl(name);
    }

    /**
     * Runs SQL with {@code psql} in {@code database} and returns its unaligned, tuples-only output (one row
     * per line, columns separated by {@code |}). On our own server this runs as the superuser; on an external
     * one as {@link #user()}.
     *
     * @throws IllegalStateException if psql fails, with its output
     */
    public String psql(String database, String sql) {
        return psqlAdmin(database, sql);
    }

    /** Stops and deletes a server we started; does nothing for an external one. Idempotent. */
    @Override
    public void close() {
        if (cluster != null) {
            cluster.destroy();
            try {
                Runtime.getRuntime().removeShutdownHook(cluster.hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook is running or has run; destroy() is idempotent.
            }
        }
    }

    @Override
    public String toString() {
        return "PostgresServer[" + host + ":" + port + "/" + database + (isManaged() ? ", managed" : ", external")
                + "]";
    }

    // ---------------------------------------------------------------------------------------------------------

    private String jdbcUrl(String db) {
        StringBuilder url = new StringBuilder("jdbc:postgresql://")
                .append(host.contains(":") ? "[" + host + "]" : host).append(':').append(port)
                .append('/').append(encode(db))
                .append("?user=").append(encode(user))
                .append("&password=").append(encode(password));
        extraParameters.forEach((k, v) -> url.append('&').append(encode(k)).append('=').append(encode(v)));
        return url.toString();
    }

    private String adminDatabase() {
        // An external user may not be allowed into "postgres"; its own database is a safe place to run DDL from.
        return isManaged() ? "postgres" : database;
    }

    private String psqlAdmin(String db, String sql) {
        if (binDir == null) {
            throw new IllegalStateException("psql is not installed: install Debian's `postgresql-client` package");
        }
        List<String> command = new ArrayList<>(List.of(
                binDir.resolve("psql").toString(), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                "-p", Integer.toString(port), "-d", db, "-c", sql));
        Map<String, String> env = new LinkedHashMap<>();
        if (isManaged()) {
            command.addAll(List.of("-h", cluster.socketDir.toString(), "-U", SUPERUSER));
        } else {
            command.addAll(List.of("-h", host, "-U", user));
            // The environment rather than the command line, so the password does not show up in ps.
            env.put("PGPASSWORD", password);
        }
        Result result = run(command, env, null, COMMAND_TIMEOUT);
        if (result.exitCode != 0) {
            throw new IllegalStateException("psql failed (exit " + result.exitCode + ") running " + sql + ":\n"
                    + result.output);
        }
        return result.output.strip();
    }

    private static PostgresServer external(String url) {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalStateException(URL_ENV + " must be a jdbc:postgresql: URL, was " + url);
        }
        String rest = url.substring("jdbc:postgresql:".length());
        String host = "localhost";
        int port = 5432;
        String pathAndQuery;
        if (rest.startsWith("//")) {
            URI uri = URI.create("postgresql:" + rest);
            if (uri.getHost() != null) {
                host = uri.getHost().startsWith("[")
                        ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
            }
            if (uri.getPort() > 0) {
                port = uri.getPort();
            }
            pathAndQuery = (uri.getRawPath() == null ? "" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        } else {
            pathAndQuery = "/" + rest;
        }
        int q = pathAndQuery.indexOf('?');
        String db = decode((q < 0 ? pathAndQuery : pathAndQuery.substring(0, q)).replaceFirst("^/", ""));
        Map<String, String> params = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : pathAndQuery.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                params.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        String user = params.remove("user");
        String password = params.remove("password");
        if (db.isEmpty() || user == null || password == null) {
            throw new IllegalStateException(URL_ENV + " must name a database, user and password, e.g."
                    + " jdbc:postgresql://127.0.0.1:5432/s3conn_test?user=s3conn&password=secret");
        }
        // Client binaries are optional here: only freshDatabase() and psql() need them.
        Path bin = findBinDir().orElseGet(() -> onPath("psql").map(Path::getParent).orElse(null));
        return new PostgresServer(host, port, db, user, password, params, bin, null);
    }

    private static PostgresServer startCluster(Path bin) throws IOException {
        boolean root = isRoot();
        Path dir = Files.createTempDirectory("s3conn-pg");
        Cluster cluster = new Cluster(bin, dir, root);
        // Registered before anything can start, so that a failure half-way still cleans up.
        Runtime.getRuntime().addShutdownHook(cluster.hook);
        try {
            cluster.init();
            int port = cluster.startOnFreePort();
            String password = randomHex(16);
            PostgresServer server = new PostgresServer(HOST, port, DATABASE, USER, password, Map.of(), bin, cluster);
            server.psqlAdmin("postgres", "CREATE ROLE \"" + USER + "\" LOGIN CREATEDB PASSWORD '" + password + "'");
            server.psqlAdmin("postgres", "CREATE DATABASE \"" + DATABASE + "\" OWNER \"" + USER + "\"");
            return server;
        } catch (RuntimeException | IOException | Error e) {
            cluster.destroy();
            try {
                Runtime.getRuntime().removeShutdownHook(cluster.hook);
            } catch (IllegalStateException ignored) {
                // Shutting down: the hook will find nothing left to do.
            }
            throw e;
        }
    }

    /** The throwaway cluster's directories and the processes that act on them. */
    private static final class Cluster {
        final Path bin;
        final Path dir;
        final Path dataDir;
        final Path socketDir;
        final Path log;
        final boolean asPostgresUser;
        final Thread hook = new Thread(this::destroy, "s3conn-postgres-shutdown");
        private boolean destroyed;

        Cluster(Path bin, Path dir, boolean asPostgresUser) {
            this.bin = bin;
            this.dir = dir;
            this.dataDir = dir.resolve("data");
            this.socketDir = dir.resolve("socket");
            this.log = dir.resolve("server.log");
            this.asPostgresUser = asPostgresUser;
        }

        void init() throws IOException {
            Files.createDirectory(socketDir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            if (asPostgresUser) {
                // initdb refuses to run as root, and the server must own its data and socket directories.
                UserPrincipal postgres;
                try {
                    postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                } catch (IOException e) {
                    throw new IllegalStateException("running as root, but there is no `postgres` system user to run"
                            + " PostgreSQL as (Debian's `postgresql` package creates it)", e);
                }
                Files.setOwner(dir, postgres);
                Files.setOwner(socketDir, postgres);
            }
            List<String> initdb = new ArrayList<>(List.of(bin.resolve("initdb").toString(),
                    "-D", dataDir.toString(), "-U", SUPERUSER, "-E", "UTF8",
                    "--auth-local=trust", "--auth-host=scram-sha-256",
                    // No fsync of the fresh cluster: it is thrown away at the end anyway, and this saves seconds.
                    "--no-sync"));
            initdb.addAll(localeOptions(bin));
            Result result = runAsServerUser(initdb);
            if (result.exitCode != 0) {
                throw new IllegalStateException("initdb failed (exit " + result.exitCode + "):\n" + result.output);
            }
            // Settings go into a file rather than through `pg_ctl -o`, which hands them to /bin/sh unquoted and
            // would break on a temp dir with spaces.
            Files.writeString(dataDir.resolve("postgresql.conf"), "\ninclude 's3conn.conf'\n",
                    java.nio.file.StandardOpenOption.APPEND);
        }

        /**
         * A database collation like most real servers have (en_US): it sorts case, punctuation and accents unlike
         * S3's byte order, so a key column or comparison that does not ask for byte order fails the tests instead of
         * passing by the server's luck. ICU's en-US (PostgreSQL 15 and later, which Debian builds with ICU) needs
         * no system locale, which containers seldom have; messages stay English under C.UTF-8.
         */
        private static List<String> localeOptions(Path bin) {
            String version = bin.getParent().getFileName().toString();
            if (Double.parseDouble(version) < 15) {
                return List.of("--no-locale");
            }
            return List.of("--locale-provider=icu", "--icu-locale=en-US", "--locale=C.UTF-8");
        }

        int startOnFreePort() throws IOException {
            IllegalStateException last = null;
            for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
                // Another process may take the port between our probe and the server's bind, so retry on that.
                int port = freePort();
                Files.writeString(dataDir.resolve("s3conn.conf"), String.join("\n",
                        "listen_addresses = '" + HOST + "'",
                        "port = " + port,
                        "unix_socket_directories = '" + socketDir.toString().replace("'", "''") + "'",
                        // Durability is pointless for a throwaway cluster and costs most of the time in tests.
                        "fsync = off",
                        "full_page_writes = off",
                        "synchronous_commit = off",
                        // Versions before 14 default to md5, which the scram-sha-256 host auth would then reject.
                        "password_encryption = 'scram-sha-256'",
                        ""));
                long logStart = Files.exists(log) ? Files.size(log) : 0;
                Result result = runAsServerUser(List.of(bin.resolve("pg_ctl").toString(),
                        "start", "-w", "-t", Long.toString(START_TIMEOUT.toSeconds()),
                        "-D", dataDir.toString(), "-l", log.toString()));
                if (result.exitCode == 0) {
                    awaitReady(port);
                    return port;
                }
                String serverLog = readLog(logStart);
                last = new IllegalStateException("PostgreSQL did not start on port " + port + " (pg_ctl exit "
                        + result.exitCode + "):\n" + result.output + "\nserver log " + log + ":\n" + serverLog);
                if (!serverLog.contains("could not bind") && !serverLog.contains("already in use")) {
                    throw last;
                }
            }
            throw last;
        }

        private void awaitReady(int port) {
            // pg_ctl -w only watches the socket directory; make sure the TCP listener tests will use answers too.
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            Result result;
            do {
                result = run(List.of(bin.resolve("pg_isready").toString(), "-q", "-h", HOST,
                        "-p", Integer.toString(port), "-d", "postgres", "-U", SUPERUSER), Map.of(), null,
                        COMMAND_TIMEOUT);
                if (result.exitCode == 0) {
                    return;
                }
                sleep(50);
            } while (System.nanoTime() < deadline);
            throw new IllegalStateException("PostgreSQL is not accepting connections on " + HOST + ":" + port
                    + " (pg_isready exit " + result.exitCode + "):\n" + result.output + "\nserver log " + log
                    + ":\n" + readLog(0));
        }

        synchronized void destroy() {
            if (destroyed) {
                return;
            }
            destroyed = true;
            // Judged by the pid file rather than pg_ctl's verdict: a start that timed out may still have a server.
            if (Files.exists(dataDir.resolve("postmaster.pid"))) {
                // Immediate: there is nothing worth a clean checkpoint in a cluster we are about to delete.
                Result result = runAsServerUser(List.of(bin.resolve("pg_ctl").toString(),
                        "stop", "-w", "-m", "immediate", "-D", dataDir.toString()));
                if (result.exitCode != 0) {
                    killPostmaster();
                }
            }
            ChildProcesses.deleteTree(dir);
        }

        private void killPostmaster() {
            try {
                Path pidFile = dataDir.resolve("postmaster.pid");
                if (Files.exists(pidFile)) {
                    long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
                    ProcessHandle.of(pid).ifPresent(p -> {
                        p.destroyForcibly();
                        p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
                    });
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("s3conn: could not stop PostgreSQL in " + dataDir + ": " + e);
            }
        }

        private String readLog(long from) {
            try {
                if (!Files.exists(log)) {
                    return "(no server log)";
                }
                byte[] bytes = Files.readAllBytes(log);
                int start = (int) Math.min(from, bytes.length);
                return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(could not read server log: " + e + ")";
            }
        }

        private Result runAsServerUser(List<String> command) {
            List<String> full = new ArrayList<>();
            if (asPostgresUser) {
                full.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            full.addAll(command);
            // The postgres user may not be able to enter our working directory; the cluster dir is its own.
            return run(full, Map.of(), dir, COMMAND_TIMEOUT);
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, Map<String, String> env, Path workDir, Duration timeout) {
        Path out = null;
        try {
            // Output to a file, not a pipe: pg_ctl's server child could otherwise hold the pipe open and hang us.
            out = Files.createTempFile("s3conn-pg-cmd", ".out");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            if (workDir != null) {
                builder.directory(workDir.toFile());
            }
            // Stray PG* variables (PGHOST, PGPORT, PGDATA, ...) from the developer's shell would redirect the tools.
            builder.environment().keySet().removeIf(k -> k.startsWith("PG"));
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                return new Result(-1, "timed out after " + timeout + ": " + command + "\n" + Files.readString(out));
            }
            return new Result(process.exitValue(), Files.readString(out));
        } catch (IOException e) {
            return new Result(-1, "could not run " + command + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted running " + command);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // A stray file in the temp dir is not worth failing a test over.
                }
            }
        }
    }

    static Optional<Path> findBinDir() {
        if (!Files.isDirectory(DEBIAN_POSTGRES)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_POSTGRES)) {
            return versions
                    .filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                    .filter(v -> Files.isExecutable(v.resolve("bin/initdb")) && Files.isExecutable(v.resolve("bin/pg_ctl")))
                    .max(Comparator.comparingDouble(v -> Double.parseDouble(v.getFileName().toString())))
                    .map(v -> v.resolve("bin"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> onPath(String binary) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(java.io.File.pathSeparator))
                .filter(s -> !s.isEmpty())
                .map(s -> Path.of(s, binary))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static boolean isRoot() {
        Result id = run(List.of("id", "-u"), Map.of(), null, Duration.ofSeconds(10));
        if (id.exitCode == 0) {
            return id.output.strip().equals("0");
        }
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }


    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for PostgreSQL", e);
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
