package io.s3conn.testbed.ceph;

import io.s3conn.testbed.ChildProcesses;

import io.s3conn.testbed.S3Server;
import io.s3conn.testbed.TestBed;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A throwaway single-node Ceph cluster with a RADOS Gateway (RGW) on loopback: a second real S3 server, one of
 * the most deployed outside AWS, with its own idea of S3 (README, "Test bed", says what differs from S3Proxy).
 *
 * <p>{@link #start()} brings up one monitor, one manager, one OSD (BlueStore on a sparse file) and one radosgw
 * (beast frontend), all bound to 127.0.0.1 on free ports and all living in one temporary directory (config,
 * data, run dir, admin sockets, pid files, logs). The default placement gets the storage classes
 * GLACIER, STANDARD_IA and DEEP_ARCHIVE, and a user with the test bed's fixed credentials is created.
 * {@link #close()} (or, failing that, a shutdown hook) kills every daemon and deletes the directory. Each daemon
 * runs under a small {@code sh} guard that kills it when our end of its stdin closes, so daemons die with the JVM
 * even when it is killed outright. About 10 s on two cores.
 *
 * <p>Needs Debian's {@code ceph-mon ceph-mgr ceph-osd radosgw ceph-common} (Ceph 16.2 in Debian 12), as
 * {@code .ci/run} installs them.
 *
 * <pre>{@code
 * try (CephRgwServer rgw = CephRgwServer.start()) {
 *     rgw.createBucket("b");
 *     rgw.put("b", "k", "hello", "GLACIER");
 * }
 * }</pre>
 */
public final class CephRgwServer implements S3Server, AutoCloseable {

    /** The storage classes added to the default placement, each with its own data pool. */
    public static final List<String> EXTRA_STORAGE_CLASSES = List.of("GLACIER", "STANDARD_IA", "DEEP_ARCHIVE");

    static final List<String> BINARIES = List.of("monmaptool", "ceph-mon", "ceph-mgr", "ceph-osd", "ceph",
            "radosgw", "radosgw-admin");
    private static final String PACKAGES = "ceph-mon ceph-mgr ceph-osd radosgw ceph-common";
    private static final String HOST = "127.0.0.1";
    private static final String MON_ID = "a";
    private static final String MGR_ID = "x";
    private static final int OSD_ID = 0;
    private static final String RGW_NAME = "client.rgw.a";
    private static final String USER_ID = "s3conn";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RGW_TIMEOUT = Duration.ofSeconds(90);
    private static final int PORT_ATTEMPTS = 3;

    /**
     * Pools radosgw would otherwise create one at a time on first use (a monitor round trip each, seconds in
     * all): created up front in one {@code ceph} session instead.
     */
    private static final List<String> POOLS = Stream.concat(
            Stream.of(".rgw.root", "default.rgw.log", "default.rgw.control", "default.rgw.meta",
                    "default.rgw.buckets.index", "default.rgw.buckets.data", "default.rgw.buckets.non-ec"),
            EXTRA_STORAGE_CLASSES.stream().map(CephRgwServer::dataPool)).toList();

    private final Cluster cluster;
    private final int port;
    private final S3Client client;

    private CephRgwServer(Cluster cluster, int port, S3Client client) {
        this.cluster = cluster;
        this.port = port;
        this.client = client;
    }

    /** Starts a cluster with radosgw on a free port. */
    public static CephRgwServer start() {
        return start(0);
    }

    /**
     * Starts a cluster and waits until radosgw answers signed S3 requests.
     *
     * @param rgwPort where radosgw listens, 0 for a free port
     * @throws IllegalStateException if Ceph is not installed or a daemon fails (the message names it and ends
     *                               with the tail of its log)
     */
    public static CephRgwServer start(int rgwPort) {
        List<String> missing = BINARIES.stream().filter(b -> findBinary(b).isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Ceph RGW is not installed (" + String.join(", ", missing)
                    + " not found on PATH): install Debian's `" + PACKAGES + "` with apt-get install"
                    + " --no-install-recommends, as .ci/run does");
        }
        if (rgwPort != 0 && !isFree(rgwPort)) {
            // Checked before any daemon: with another server on that port, radosgw's start-up check (an HTTP answer)
            // passed against the other one, and the start failed later at "failed to init zonegroup", port unnamed.
            throw new IllegalStateException("port " + rgwPort + " on " + HOST + " is in use");
        }
        IllegalStateException last = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            Cluster cluster;
            try {
                cluster = new Cluster(Files.createTempDirectory("s3conn-ceph-"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a directory for Ceph", e);
            }
            // Registered before any daemon exists, so that a failure half-way still cleans up.
            Runtime.getRuntime().addShutdownHook(cluster.hook);
            try {
                int port = cluster.bringUp(rgwPort);
                S3Client client = TestBed.newClient(URI.create("http://" + HOST + ":" + port));
                try {
                    awaitSignedRequests(client, cluster);
                } catch (RuntimeException e) {
                    client.close();
                    throw e;
                }
                return new CephRgwServer(cluster, port, client);
            } catch (RuntimeException | Error e) {
                boolean portTaken = cluster.portTaken();
                cluster.destroyAndUnhook();
                // A free port found up front can be taken by someone else before a daemon binds it.
                if (portTaken && e instanceof IllegalStateException ise) {
                    last = ise;
                    continue;
                }
                throw e;
            }
        }
        throw last;
    }

    @Override
    public String name() {
        return "Ceph RGW";
    }

    @Override
    public URI endpoint() {
        return URI.create("http://" + HOST + ":" + port);
    }

    public int port() {
        return port;
    }

    /** RGW ignores the region; requests are signed for the test bed's. */
    @Override
    public String region() {
        return TestBed.REGION;
    }

    @Override
    public String accessKeyId() {
        return TestBed.ACCESS_KEY_ID;
    }

    @Override
    public String secretAccessKey() {
        return TestBed.SECRET_ACCESS_KEY;
    }

    @Override
    public S3Client client() {
        return client;
    }

    /** STANDARD plus {@link #EXTRA_STORAGE_CLASSES}; anything else is refused with 400 InvalidArgument. */
    @Override
    public Set<String> storageClasses() {
        return Set.copyOf(Stream.concat(Stream.of("STANDARD"), EXTRA_STORAGE_CLASSES.stream()).toList());
    }

    /** False: RGW's storage classes are placement labels; archived objects read at once, no restores. */
    @Override
    public boolean restoresArchives() {
        return false;
    }

    /**
     * The monitor's address as an {@code http} URL: a port of this host where a Ceph daemon answers in its own protocol,
     * not S3's, as an endpoint URL with the wrong port of a Ceph host reaches.
     */
    public URI monitorEndpoint() {
        return URI.create("http://" + HOST + ":" + cluster.monitorPort);
    }

    /** The directory holding everything of this cluster; deleted by {@link #close()}. */
    public Path baseDir() {
        return cluster.base;
    }

    /** radosgw's own log, for diagnosing failures. */
    public Path rgwLog() {
        return cluster.logDir.resolve(RGW_NAME + ".log");
    }

    /**
     * Runs {@code radosgw-admin} against this cluster, e.g. {@code radosgw-admin("bucket", "stats")}.
     *
     * @return its standard output (JSON for most subcommands)
     * @throws IllegalStateException if it fails, with its output
     */
    public String radosgwAdmin(String... args) {
        return cluster.radosgwAdmin(List.of(args));
    }

    /**
     * Adds an RGW user with these keys: a second account, which a bucket policy may grant some actions on the test
     * bed's buckets (credentials that may list a bucket but not more, say).
     *
     * @param uid a user id not used yet on this cluster
     */
    public void addUser(String uid, String accessKeyId, String secretAccessKey) {
        radosgwAdmin("user", "create", "--uid=" + uid, "--display-name=" + uid, "--access-key=" + accessKeyId,
                "--secret-key=" + secretAccessKey);
    }

    /** Kills every daemon and deletes {@link #baseDir()}. Idempotent. */
    @Override
    public void close() {
        try {
            client.close();
        } finally {
            cluster.destroyAndUnhook();
        }
    }

    @Override
    public String toString() {
        return "CephRgwServer[" + endpoint() + ", " + cluster.base + "]";
    }

    // ---------------------------------------------------------------------------------------------------------

    static String dataPool(String storageClass) {
        return "default.rgw." + storageClass.toLowerCase(Locale.ROOT) + ".data";
    }

    /** radosgw answers HTTP before the restarted process has loaded users: wait for a signed request to pass. */
    private static void awaitSignedRequests(S3Client client, Cluster cluster) {
        long deadline = System.nanoTime() + RGW_TIMEOUT.toNanos();
        while (true) {
            cluster.checkDaemons();
            try {
                client.listBuckets();
                return;
            } catch (SdkException e) {
                if (System.nanoTime() > deadline) {
                    throw cluster.failure("radosgw does not accept the test credentials: " + e.getMessage(),
                            cluster.rgw);
                }
                sleep(100);
            }
        }
    }

    /** One cluster's directory and daemons. */
    private static final class Cluster {
        final Path base;
        final Path conf;
        final Path logDir;
        final Thread hook = new Thread(this::destroy, "s3conn-ceph-shutdown");
        private final List<Daemon> daemons = new ArrayList<>();
        private final long startNanos = System.nanoTime();
        Daemon rgw;
        /** The monitor's msgr2 port, known once {@link #bringUp} chose it. */
        int monitorPort;
        private boolean destroyed;

        Cluster(Path base) {
            this.base = base;
            this.conf = base.resolve("ceph.conf");
            this.logDir = base.resolve("log");
        }

        /** Everything from an empty directory to radosgw serving with the extra storage classes; its port. */
        int bringUp(int requestedRgwPort) {
            try {
                for (String dir : List.of("mon/" + MON_ID, "mgr/" + MGR_ID, "osd/" + OSD_ID, "rgw", "run", "log")) {
                    Files.createDirectories(base.resolve(dir));
                }
                int rgwPort = requestedRgwPort == 0 ? freePort() : requestedRgwPort;
                // Probed one after another, the kernel may hand out the same free port twice.
                int monV2 = freePortOtherThan(rgwPort);
                monitorPort = monV2;
                int monV1 = freePortOtherThan(rgwPort, monV2);
                String fsid = UUID.randomUUID().toString();
                String monAddress = "[v2:" + HOST + ":" + monV2 + ",v1:" + HOST + ":" + monV1 + "]";
                Files.writeString(conf, config(fsid, monAddress, rgwPort), StandardCharsets.UTF_8);

                Path monmap = base.resolve("monmap");
                run("monmaptool", List.of("--create", "--fsid", fsid, "--addv", MON_ID, monAddress,
                        monmap.toString()), null);
                run("ceph-mon", List.of("--mkfs", "-i", MON_ID, "--monmap", monmap.toString()), null);
                trace("monitor created");
                start("mon." + MON_ID, "ceph-mon", List.of("-i", MON_ID));
                // The manager is not on radosgw's path; started early so its Python modules load meanwhile.
                start("mgr." + MGR_ID, "ceph-mgr", List.of("-i", MGR_ID));

                String osdUuid = UUID.randomUUID().toString();
                List<String> commands = new ArrayList<>(List.of(
                        "osd new " + osdUuid + " " + OSD_ID,
                        "osd crush add osd." + OSD_ID + " 1.0 host=localhost root=default"));
                for (String pool : POOLS) {
                    commands.add("osd pool create " + pool + " 8 8");
                    commands.add("osd pool application enable " + pool + " rgw");
                }
                ceph(commands);
                trace("OSD registered, pools created");
                run("ceph-osd", List.of("-i", Integer.toString(OSD_ID), "--mkfs", "--osd-uuid", osdUuid), null);
                trace("OSD created");
                start("osd." + OSD_ID, "ceph-osd", List.of("-i", Integer.toString(OSD_ID)));

                // The default zonegroup and zone only exist once radosgw has run.
                rgw = start(RGW_NAME, "radosgw", List.of("-n", RGW_NAME));
                awaitHttp(rgwPort);
                trace("radosgw answers");
                for (String storageClass : EXTRA_STORAGE_CLASSES) {
                    radosgwAdmin(List.of("zonegroup", "placement", "add", "--rgw-zonegroup", "default",
                            "--placement-id", "default-placement", "--storage-class", storageClass));
                    radosgwAdmin(List.of("zone", "placement", "add", "--rgw-zone", "default",
                            "--placement-id", "default-placement", "--storage-class", storageClass,
                            "--data-pool", dataPool(storageClass)));
                }
                radosgwAdmin(List.of("user", "create", "--uid=" + USER_ID, "--display-name=s3conn tests",
                        "--access-key=" + TestBed.ACCESS_KEY_ID, "--secret-key=" + TestBed.SECRET_ACCESS_KEY));
                // Without a realm there is no period to commit: radosgw reads placement only when it starts.
                // Stopped gently: a killed radosgw leaves watches that stall the next one's writes for 30 s.
                trace("storage classes and user added");
                rgw.stop(true);
                daemons.remove(rgw);
                trace("radosgw stopped");
                rgw = start(RGW_NAME, "radosgw", List.of("-n", RGW_NAME));
                awaitHttp(rgwPort);
                trace("radosgw restarted and answers");
                return rgwPort;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot set up Ceph in " + base, e);
            }
        }

        /** Start-up phases with their time since the start, to see where the seconds go on a slow machine. */
        private void trace(String phase) {
            String line = String.format(Locale.ROOT, "%6d ms %s%n", (System.nanoTime() - startNanos) / 1_000_000,
                    phase);
            try {
                Files.writeString(logDir.resolve("s3conn-startup.log"), line, StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException ignored) {
                // only a diagnostic
            }
        }

        private String config(String fsid, String monAddress, int rgwPort) {
            String b = base.toString();
            return String.join("\n",
                    "# Written by s3conn's test bed: a throwaway single-node cluster on loopback.",
                    "[global]",
                    "fsid = " + fsid,
                    "mon host = " + monAddress,
                    "public addr = " + HOST,
                    "public network = " + HOST + "/32",
                    "cluster network = " + HOST + "/32",
                    // Nothing to protect on loopback, and no keyrings to create.
                    "auth cluster required = none",
                    "auth service required = none",
                    "auth client required = none",
                    // Clients default to mode `secure`, which needs auth: radosgw would hang (-13) without this.
                    "ms mon client mode = crc",
                    "keyring = " + b + "/keyring",
                    "run dir = " + b + "/run",
                    // With the pid: radosgw-admin and the ceph CLI would otherwise collide on radosgw's socket.
                    "admin socket = " + b + "/run/$name.$pid.asok",
                    "pid file = " + b + "/run/$name.pid",
                    "log file = " + b + "/log/$name.log",
                    "log to stderr = false",
                    "err to stderr = true",
                    "crash dir = " + b + "/crash",
                    // One OSD: one copy, placed on any OSD of the single host.
                    "osd pool default size = 1",
                    "osd pool default min size = 1",
                    "mon allow pool size one = true",
                    "osd crush chooseleaf type = 0",
                    "osd pool default pg num = 8",
                    "osd pool default pgp num = 8",
                    "osd pool default pg autoscale mode = off",
                    "mon warn on pool no redundancy = false",
                    "mon warn on insecure global id reclaim = false",
                    "mon warn on insecure global id reclaim allowed = false",
                    // Each monitor change (a pool, an OSD) otherwise waits out a 1 s proposal interval.
                    "paxos propose interval = 0.05",
                    "paxos min wait = 0.01",
                    "",
                    "[mon]",
                    "mon data = " + b + "/mon/$id",
                    "mon pg warn min per osd = 0",
                    "",
                    "[mgr]",
                    "mgr data = " + b + "/mgr/$id",
                    // Only the always-on modules: the optional ones cost CPU at start and nothing here needs them.
                    "mgr initial modules = ",
                    "",
                    "[osd]",
                    "osd data = " + b + "/osd/$id",
                    "osd objectstore = bluestore",
                    // A sparse 10 GiB file inside the OSD's directory; only what is written takes disk space.
                    "bluestore block create = true",
                    "bluestore block size = 10737418240",
                    "bluestore fsck on mkfs = false",
                    // The smallest target BlueStore accepts (896 MiB), down from 4 GiB.
                    "osd memory target = 939524096",
                    "",
                    "[" + RGW_NAME + "]",
                    // Without TCP_NODELAY, each GET's body waited for the ACK of its headers, which the client
                    // delays by 40 ms: about 47 ms a GET on loopback against 3 ms a HEAD.
                    "rgw frontends = beast endpoint=" + HOST + ":" + rgwPort + " tcp_nodelay=1",
                    "rgw data = " + b + "/rgw",
                    "rgw thread pool size = 64",
                    // No background resharding to compete with the tests for two cores.
                    "rgw dynamic resharding = false",
                    "");
        }

        /** Starts a daemon in the foreground under the guard that kills it when our end of its stdin closes. */
        Daemon start(String name, String binary, List<String> args) throws IOException {
            Path log = logDir.resolve(name + ".out");
            List<String> command = new ArrayList<>(List.of("sh", "-c", GUARD, "ceph-guard",
                    findBinary(binary).orElseThrow().toString(), "-f", "-c", conf.toString()));
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(base.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            cleanEnvironment(builder);
            Daemon daemon = new Daemon(name, builder.start(), log, logDir.resolve(name + ".log"));
            daemons.add(daemon);
            return daemon;
        }

        void ceph(List<String> commands) {
            // One CLI session for all of them (about 0.3 s of Python start-up each otherwise). It exits 0 even
            // when a command fails, so its output is what tells.
            String output = run("ceph", List.of("--connect-timeout", "30"), String.join("\n", commands) + "\n");
            if (output.lines().anyMatch(l -> l.startsWith("Error"))) {
                throw failure("ceph failed running " + commands + ": " + output.strip(), null);
            }
        }

        String radosgwAdmin(List<String> args) {
            return run("radosgw-admin", args, null);
        }

        /** Runs a command to completion with this cluster's config; its output, or a failure with it. */
        String run(String binary, List<String> args, String stdin) {
            checkDaemons();
            List<String> command = new ArrayList<>(List.of(findBinary(binary).orElseThrow().toString(),
                    "-c", conf.toString()));
            command.addAll(args);
            Path out = null;
            try {
                // To a file, not a pipe: nothing to drain while we wait.
                out = Files.createTempFile(base, "cmd-", ".out");
                ProcessBuilder builder = new ProcessBuilder(command)
                        .directory(base.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile());
                if (stdin == null) {
                    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                }
                cleanEnvironment(builder);
                Process process = builder.start();
                if (stdin != null) {
                    try (OutputStream in = process.getOutputStream()) {
                        in.write(stdin.getBytes(StandardCharsets.UTF_8));
                    }
                }
                if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    throw failure(binary + " " + String.join(" ", args) + " timed out after " + COMMAND_TIMEOUT
                            + ": " + Files.readString(out).strip(), null);
                }
                String output = Files.readString(out);
                if (process.exitValue() != 0) {
                    throw failure(binary + " " + String.join(" ", args) + " failed (exit " + process.exitValue()
                            + "): " + output.strip(), null);
                }
                return output;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run " + command, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted running " + command, e);
            } finally {
                if (out != null) {
                    try {
                        Files.deleteIfExists(out);
                    } catch (IOException ignored) {
                        // deleted with the base directory anyway
                    }
                }
            }
        }

        /** Until radosgw answers HTTP on its port (any answer: unsigned requests get 200 or 403). */
        void awaitHttp(int port) {
            long deadline = System.nanoTime() + RGW_TIMEOUT.toNanos();
            URI uri = URI.create("http://" + HOST + ":" + port + "/");
            try (java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(1)).build()) {
                java.net.http.HttpRequest probe = java.net.http.HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(5)).GET().build();
                while (System.nanoTime() < deadline) {
                    checkDaemons();
                    try {
                        http.send(probe, java.net.http.HttpResponse.BodyHandlers.discarding());
                        return;
                    } catch (IOException e) {
                        sleep(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted waiting for radosgw", e);
                    }
                }
            }
            throw failure("radosgw did not answer on " + uri + " within " + RGW_TIMEOUT, rgw);
        }

        /** Fails at once when a daemon has exited, rather than waiting out a timeout. */
        void checkDaemons() {
            for (Daemon d : daemons) {
                if (!d.process.isAlive()) {
                    throw failure(d.name + " exited with " + d.process.exitValue(), d);
                }
            }
        }

        /** A one-line reason, then the tail of the daemon's log (or of every daemon's when none is named). */
        IllegalStateException failure(String reason, Daemon daemon) {
            StringBuilder message = new StringBuilder("Ceph RGW did not start: ").append(reason.replace('\n', ' '))
                    .append(" (all logs in ").append(logDir).append(")");
            for (Daemon d : daemon != null ? List.of(daemon) : daemons) {
                message.append("\n--- ").append(d.name).append(" ---\n").append(d.logTail());
            }
            return new IllegalStateException(message.toString());
        }

        /** Whether a daemon could not bind its port, so that starting again on other ports may succeed. */
        boolean portTaken() {
            for (Daemon d : daemons) {
                String tail = d.logTail();
                if (tail.contains("Address already in use")) {
                    return true;
                }
            }
            return false;
        }

        synchronized void destroy() {
            if (destroyed) {
                return;
            }
            destroyed = true;
            // Killed outright: nothing in a cluster about to be deleted is worth a clean shutdown.
            List<List<ProcessHandle>> killed = new ArrayList<>();
            for (Daemon d : daemons) {
                killed.add(d.kill());
            }
            for (int i = 0; i < daemons.size(); i++) {
                daemons.get(i).awaitExit(killed.get(i));
            }
            ChildProcesses.deleteTree(base);
        }

        void destroyAndUnhook() {
            destroy();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook is running or has run; destroy() is idempotent.
            }
        }
    }

    /**
     * Runs {@code "$@"} in the background and waits for it, exiting with its status. A reader on our stdin kills
     * it with SIGKILL when the pipe closes (close() or the JVM dying in any way); SIGTERM to the guard is passed
     * on, for a gentle stop.
     */
    private static final String GUARD = """
            exec 3<&0 </dev/null
            "$@" 3<&- &
            child=$!
            trap 'kill -TERM "$child" 2>/dev/null' TERM
            ( read -r _ <&3; kill -KILL "$child" 2>/dev/null ) &
            reader=$!
            exec 3<&-
            while :; do
              wait "$child"; status=$?
              kill -0 "$child" 2>/dev/null || break
            done
            kill "$reader" 2>/dev/null
            exit "$status"
            """;

    /** A daemon under its guard. */
    private record Daemon(String name, Process process, Path output, Path log) {

        /** SIGTERM (gentle) or SIGKILL, and wait until it has exited. */
        void stop(boolean gentle) {
            if (gentle) {
                // Not Process.destroy(): that also closes our end of stdin, and the guard would SIGKILL at once.
                process.toHandle().destroy();
                try {
                    if (process.waitFor(20, TimeUnit.SECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            awaitExit(kill());
        }

        /** Kills the daemon; returns the processes its guard had then, for {@link #awaitExit} to wait for. */
        List<ProcessHandle> kill() {
            try {
                process.getOutputStream().close();
            } catch (IOException ignored) {
                // the guard is gone already
            }
            // Belt and braces, should the guard itself be stuck.
            List<ProcessHandle> killed = process.descendants().toList();
            killed.forEach(ProcessHandle::destroyForcibly);
            return killed;
        }

        void awaitExit(List<ProcessHandle> killed) {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
                // The guard's pipe reader is sent SIGTERM as the guard exits, not waited for: on a busy machine it
                // outlived the guard by a moment, and a cluster closed still had a process running.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                for (ProcessHandle descendant : killed) {
                    long left = deadline - System.nanoTime();
                    if (descendant.isAlive() && left > 0) {
                        try {
                            descendant.onExit().get(left, TimeUnit.NANOSECONDS);
                        } catch (ExecutionException | TimeoutException e) {
                            descendant.destroyForcibly();
                        }
                    }
                }
            } catch (InterruptedException e) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }

        /** The end of the daemon's log file, and of its stdout/stderr (where errors before logging go). */
        String logTail() {
            return tail(log, 3000) + tail(output, 1500);
        }

        private static String tail(Path file, int chars) {
            try {
                if (!Files.exists(file)) {
                    return "";
                }
                String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                return text.length() > chars ? "..." + text.substring(text.length() - chars) : text;
            } catch (IOException e) {
                return "(cannot read " + file + ": " + e + ")\n";
            }
        }
    }

    static Optional<Path> findBinary(String name) {
        String path = System.getenv("PATH");
        // Debian puts them in /usr/bin; sbin too in case a PATH without it meets a differently packaged Ceph.
        String search = (path == null ? "" : path) + File.pathSeparator + "/usr/bin" + File.pathSeparator + "/usr/sbin";
        return Stream.of(search.split(File.pathSeparator))
                .filter(s -> !s.isEmpty())
                .map(s -> Path.of(s, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** The developer's CEPH_CONF or CEPH_ARGS would point the tools at another cluster. */
    private static void cleanEnvironment(ProcessBuilder builder) {
        builder.environment().keySet().removeIf(k -> k.startsWith("CEPH_"));
    }

    private static int freePortOtherThan(int... taken) {
        while (true) {
            int port = freePort();
            if (java.util.Arrays.stream(taken).noneMatch(t -> t == port)) {
                return port;
            }
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for Ceph", e);
        }
    }
}
