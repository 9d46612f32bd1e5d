package io.s3conn.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.s3conn.testbed.S3Server;
import io.s3conn.testbed.TestBed;
import io.s3conn.testbed.ceph.CephRgwServer;
import io.s3conn.testbed.synthetic.SyntheticBucket;
import io.s3conn.testbed.synthetic.SyntheticBucketServer;
import io.s3conn.testbed.synthetic.SyntheticLayout;
import io.s3conn.testbed.synthetic.SyntheticServerSettings;

/**
 * Listing throughput against the synthetic bucket, every figure a ratio to a floor measured in the same run.
 *
 * <p>For each size and layout, a bucket of generated keys served with {@code --latency-ms} round trip
 * plus {@code --service-ms} per LIST (as Amazon S3 takes to produce a page). The floor is the raw SDK
 * ListObjectsV2 paginator, sequential, 1000 keys a page, asking for what a sync asks for. Then, at each concurrency: the range planner
 * plus the parallel walker alone (planning included), an s3conn inventory sync into a fresh SQLite file
 * (first sync) and again into the same file (no change), and with {@code --database sqlite,postgres} the same two
 * syncs into a fresh database on the test bed's throwaway PostgreSQL (whose server CPU is its own column); the floor
 * and each of these in a child JVM with
 * {@code -Xmx}{@code --xmx} whose peak RSS (VmHWM) is reported. Last, where installed, aws-cli
 * ({@code aws s3 ls --recursive}) and {@code rclone lsjson -R --fast-list} on the same bucket. Every run
 * must list exactly the bucket's keys.
 *
 * <p>With {@code --server s3proxy} or {@code --server ceph} the same keys are seeded into that real server
 * of the test bed instead (slow: one PUT each) and listed at its own speed.
 *
 * <pre>ListingBenchmark [--keys 100000[,1000000]] [--layouts prefixes,flat,skewed] [--concurrency 1,4,8,16]
 *                  [--latency-ms 20] [--service-ms 100] [--xmx 128m] [--sync true] [--tools true]
 *                  [--server synthetic|s3proxy|ceph] [--database sqlite[,postgres[?PARAMETER=VALUE]]]
 *                  [--versions false] [--source false]</pre>
 *
 * <p>{@code --versions true} adds the version inventory's two syncs into each database (ListObjectVersions; the
 * synthetic bucket holds one version a key), as a ratio to the same ListObjectsV2 floor. {@code --source true} adds, at
 * each concurrency, the first poll of {@code source read --mode cdc} on an empty state (see {@link BenchmarkWorker}):
 * a listing of the whole bucket compared with the source's state, whose peak RSS at two {@code --keys} says whether
 * the source's memory grows with the bucket.
 */
public final class ListingBenchmark {

    private static final String USAGE = "ListingBenchmark [--keys 100000[,1000000]] [--layouts prefixes,flat,skewed] [--concurrency 1,4,8,16]"
            + " [--latency-ms 20] [--service-ms 100] [--xmx 128m] [--sync true] [--tools true] [--server synthetic|s3proxy|ceph]"
            + " [--database sqlite[,postgres[?PARAMETER=VALUE]]] [--versions false] [--source false]";

    private ListingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkArgs.requireKnown(args, USAGE);
        List<Long> sizes = BenchmarkArgs.longListOption(args, "--keys", "100000");
        List<String> layouts = List.of(BenchmarkArgs.option(args, "--layouts", String.join(",", SyntheticLayout.NAMES)).split(","));
        int[] concurrencies = BenchmarkArgs.intListOption(args, "--concurrency", "1,4,8,16").stream()
                .mapToInt(Integer::intValue).toArray();
        Duration latency = Duration.ofMillis(BenchmarkArgs.longOption(args, "--latency-ms", 20));
        Duration service = Duration.ofMillis(BenchmarkArgs.longOption(args, "--service-ms", 100));
        String xmx = BenchmarkArgs.heapSizeOption(args, "--xmx", "128m");
        boolean sync = BenchmarkArgs.booleanOption(args, "--sync", true);
        boolean tools = BenchmarkArgs.booleanOption(args, "--tools", true);
        List<String> databaseNames = List.of(BenchmarkArgs.option(args, "--database", "sqlite").split(","));
        boolean source = BenchmarkArgs.booleanOption(args, "--source", false);
        List<String> inventories = BenchmarkArgs.booleanOption(args, "--versions", false)
                ? List.of("objects", "versions") : List.of("objects");
        if (sizes.contains(0L) || Arrays.stream(concurrencies).anyMatch(c -> c < 1)) {
            BenchmarkArgs.fail("--keys and --concurrency take numbers of at least 1");
        }
        String serverName = BenchmarkArgs.option(args, "--server", "synthetic");
        // Checked before anything starts: a misspelt name used to fail with a stack trace once the first layout began.
        if (!List.of("synthetic", "s3proxy", "ceph").contains(serverName)) {
            BenchmarkArgs.fail("--server is synthetic, s3proxy or ceph, got " + serverName);
        }
        layouts.stream().filter(layout -> !SyntheticLayout.NAMES.contains(layout.toLowerCase(Locale.ROOT))).findFirst().ifPresent(layout ->
                BenchmarkArgs.fail("--layouts takes " + String.join(",", SyntheticLayout.NAMES) + ", got " + layout));
        databaseNames.stream().filter(name -> !BenchDatabase.known(name)).findFirst().ifPresent(name ->
                BenchmarkArgs.fail("--database takes sqlite, postgres or postgres?PARAMETER=VALUE, got " + name));
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "Listing keys of %s, %d ms round trip + %d ms service time per LIST (synthetic only); "
                + "syncs with -Xmx%s%n", serverName, latency.toMillis(), service.toMillis(), xmx);
        out.printf(Locale.ROOT, "%-9s %9s %-26s %9s %10s %8s %9s %7s %7s %9s %7s %7s %7s%n",
                "layout", "keys", "lister", "seconds", "keys/s", "x floor", "requests", "ranges", "splits", "VmHWM MiB",
                "cpu s", "srv cpu", "db cpu");
        List<BenchDatabase> databases = new ArrayList<>();
        try {
            for (String name : databaseNames) {
                databases.add(BenchDatabase.start(name));
            }
            run(out, serverName, sizes, layouts, concurrencies, latency, service, xmx, sync ? inventories : List.of(), tools,
                    databases, source);
        } finally {
            databases.forEach(BenchDatabase::close);
        }
    }

    private static void run(PrintStream out, String serverName, List<Long> sizes, List<String> layouts, int[] concurrencies,
                            Duration latency, Duration service, String xmx, List<String> inventories, boolean tools,
                            List<BenchDatabase> databases, boolean source) throws Exception {
        for (long keys : sizes) {
            for (String layout : layouts) {
                SyntheticBucket bucket = new SyntheticBucket(layout, SyntheticLayout.named(layout, keys));
                SyntheticServerSettings settings = SyntheticServerSettings.immediate().withLatency(latency)
                        .withListServiceTime(service);
                try (Target target = Target.start(serverName, bucket, settings)) {
                    Table table = new Table(out, layout, keys);
                    // In a JVM of its own like every phase, so that the floor starts as cold as they do: against
                    // a server on loopback a warm JVM alone would be worth a multiple.
                    target.resetStats();
                    Map<String, String> floor = worker(xmx, target, List.of("floor", target.endpoint().toString(), layout));
                    check(layout, "floor", Long.parseLong(floor.get("objects")), keys);
                    table.floor = Long.parseLong(floor.get("elapsed_ms")) / 1e3;
                    table.row("sdk sequential (floor)", table.floor, target.requests() < 0 ? -1 : target.requests() - 1,
                            1, 0, Long.parseLong(floor.get("vmhwm_kb")) / 1024.0, Long.parseLong(floor.get("cpu_ms")) / 1e3,
                            Long.parseLong(floor.get("server_cpu_ms")) / 1e3, -1);
                    for (int concurrency : concurrencies) {
                        target.resetStats();
                        Map<String, String> listing = worker(xmx, target, List.of("walk", target.endpoint().toString(),
                                layout, Integer.toString(concurrency)));
                        check(layout, "walker", Long.parseLong(listing.get("objects")), keys);
                        table.row("parallel listing c=" + concurrency, Long.parseLong(listing.get("elapsed_ms")) / 1e3,
                                target.requests() < 0 ? -1 : target.requests() - 1,
                                Integer.parseInt(listing.get("ranges")), Integer.parseInt(listing.get("splits")),
                                Long.parseLong(listing.get("vmhwm_kb")) / 1024.0, Long.parseLong(listing.get("cpu_ms")) / 1e3,
                                Long.parseLong(listing.get("server_cpu_ms")) / 1e3, -1);
                        for (SyncInto into : SyncInto.crossed(inventories, databases)) {
                            String inventory = into.inventory();
                            BenchDatabase database = into.database();
                            String db = database.fresh();
                            // SQLite's object rows keep their names; the others say which.
                            String label = " c=" + concurrency + (database instanceof BenchDatabase.Sqlite ? ""
                                    : " " + database.name()) + (inventory.equals("objects") ? "" : " " + inventory);
                            try {
                                for (String phase : List.of("first sync", "no-change sync")) {
                                    target.resetStats();
                                    long dbCpuBefore = database.serverCpuMs();
                                    Map<String, String> result = worker(xmx, target, List.of("sync",
                                            target.endpoint().toString(), layout, db, Integer.toString(concurrency),
                                            inventory));
                                    long dbCpu = dbCpuBefore < 0 ? -1 : database.serverCpuMs() - dbCpuBefore;
                                    check(layout, phase, Long.parseLong(result.get("objects")), keys);
                                    table.row(phase + label, Long.parseLong(result.get("elapsed_ms")) / 1e3,
                                            target.requests() < 0 ? -1 : target.requests() - 1, -1, -1,
                                            Long.parseLong(result.get("vmhwm_kb")) / 1024.0,
                                            Long.parseLong(result.get("cpu_ms")) / 1e3,
                                            Long.parseLong(result.get("server_cpu_ms")) / 1e3, dbCpu < 0 ? -1 : dbCpu / 1e3);
                                }
                            } finally {
                                database.drop(db);
                            }
                        }
                    }
                    for (int concurrency : source ? concurrencies : new int[0]) {
                        Path dir = Scratch.directory("s3conn-listing-bench-source-");
                        try {
                            target.resetStats();
                            Map<String, String> result = worker(xmx, target, List.of("source", target.endpoint().toString(),
                                    layout, dir.resolve("source.db").toString(), Integer.toString(concurrency)));
                            // No record (every object predates the source), and at least a page per 1000 keys listed.
                            if (!result.get("records").equals("0")
                                    || Long.parseLong(result.get("list_requests")) < (keys + 999) / 1000) {
                                throw new IllegalStateException("source of " + layout + " at c=" + concurrency
                                        + " did not list the bucket quietly: " + result);
                            }
                            table.row("source cdc first poll c=" + concurrency, Long.parseLong(result.get("elapsed_ms")) / 1e3,
                                    target.requests() < 0 ? -1 : target.requests() - 1, -1, -1,
                                    Long.parseLong(result.get("vmhwm_kb")) / 1024.0, Long.parseLong(result.get("cpu_ms")) / 1e3,
                                    Long.parseLong(result.get("server_cpu_ms")) / 1e3, -1);
                            // Peak RSS follows -Xmx more than what the source keeps: this is what it kept.
                            out.printf(Locale.ROOT, "%-9s %9d   (most heap in use after a GC: %.0f MiB)%n", layout, keys,
                                    Long.parseLong(result.get("live_heap_kb")) / 1024.0);
                        } finally {
                            Scratch.delete(dir);
                        }
                    }
                    if (tools) {
                        tool(table, target, "aws-cli s3 ls --recursive", List.of("aws", "s3", "ls", "--recursive",
                                "s3://" + layout, "--endpoint-url", target.endpoint().toString()), keys);
                        // Modification times from the listing, no MIME types: rclone would otherwise HEAD every object.
                        tool(table, target, "rclone lsjson -R --fast-list", List.of("rclone", "lsjson", "-R", "--fast-list",
                                "--use-server-modtime", "--no-mimetype", "--s3-list-chunk", "1000", ":s3,provider=Other,env_auth=false,list_version=2,no_check_bucket=true,access_key_id="
                                        + target.accessKey() + ",secret_access_key=" + target.secretKey()
                                        + ",endpoint='" + target.endpoint() + "':" + layout), keys);
                    }
                }
            }
        }
    }

    /**
     * The server listed: the synthetic bucket (modelled latency and service time, request counts), or a
     * real server of the test bed ({@code s3proxy}, {@code ceph}) seeded with the same keys, at its own speed.
     */
    private static final class Target implements AutoCloseable {
        private final Optional<SyntheticBucketServer> synthetic;
        private final Optional<S3Server> real;

        private Target(Optional<SyntheticBucketServer> synthetic, Optional<S3Server> real) {
            this.synthetic = synthetic;
            this.real = real;
        }

        static Target start(String server, SyntheticBucket bucket, SyntheticServerSettings settings) {
            return switch (server) {
                case "synthetic" -> new Target(Optional.of(SyntheticBucketServer.start(settings, bucket)), Optional.empty());
                case "s3proxy", "ceph" -> {
                    S3Server started = server.equals("s3proxy") ? TestBed.start() : CephRgwServer.start();
                    started.createBucket(bucket.name());
                    long begun = System.nanoTime();
                    started.putMany(bucket.name(), bucket.layout().keys(), 32);
                    System.err.printf(Locale.ROOT, "seeded %s with %,d keys in %.0f s%n", started.name(),
                            bucket.layout().size(), seconds(begun));
                    yield new Target(Optional.empty(), Optional.of(started));
                }
                default -> throw new IllegalArgumentException("--server must be synthetic, s3proxy or ceph, was " + server);
            };
        }

        URI endpoint() {
            return synthetic.map(SyntheticBucketServer::endpoint).orElseGet(() -> real.orElseThrow().endpoint());
        }

        String accessKey() {
            return real.map(S3Server::accessKeyId).orElse(TestBed.ACCESS_KEY_ID);
        }

        String secretKey() {
            return real.map(S3Server::secretAccessKey).orElse(TestBed.SECRET_ACCESS_KEY);
        }

        /** LIST requests since the last reset; -1 where the server does not count them. */
        long requests() {
            return synthetic.map(s -> s.stats().listRequests()).orElse(-1L);
        }

        void resetStats() {
            synthetic.ifPresent(SyntheticBucketServer::resetStats);
        }

        @Override
        public void close() throws Exception {
            if (synthetic.isPresent()) {
                synthetic.get().close();
            } else {
                real.orElseThrow().close();
            }
        }
    }

    /** One layout's rows, as ratios to its floor. */
    private static final class Table {
        private final PrintStream out;
        private final String layout;
        private final long keys;
        private double floor;

        Table(PrintStream out, String layout, long keys) {
            this.out = out;
            this.layout = layout;
            this.keys = keys;
        }

        void row(String lister, double seconds, long requests, int ranges, int splits, double vmHwmMb) {
            row(lister, seconds, requests, ranges, splits, vmHwmMb, -1, -1, -1);
        }

        /**
         * {@code cpuSeconds}: the worker's CPU time during its phase, {@code serverCpuSeconds} this JVM's
         * (the synthetic server's) meanwhile, {@code dbCpuSeconds} the database server's (PostgreSQL's); -1 for rows
         * measured otherwise.
         */
        void row(String lister, double seconds, long requests, int ranges, int splits, double vmHwmMb, double cpuSeconds,
                 double serverCpuSeconds, double dbCpuSeconds) {
            out.printf(Locale.ROOT, "%-9s %9d %-26s %9.2f %10.0f %7.2fx %9s %7s %7s %9s %7s %7s %7s%n", layout, keys, lister,
                    seconds, keys / seconds, floor / seconds, requests < 0 ? "" : requests, ranges < 0 ? "" : ranges,
                    splits < 0 ? "" : splits, vmHwmMb < 0 ? "" : String.format(Locale.ROOT, "%.0f", vmHwmMb),
                    cpuSeconds < 0 ? "" : String.format(Locale.ROOT, "%.1f", cpuSeconds),
                    serverCpuSeconds < 0 ? "" : String.format(Locale.ROOT, "%.1f", serverCpuSeconds),
                    dbCpuSeconds < 0 ? "" : String.format(Locale.ROOT, "%.1f", dbCpuSeconds));
            out.flush();
        }
    }

    /** A phase in a child JVM ({@link BenchmarkWorker}): a fresh JIT as a CLI run has, its own heap limit and peak RSS. */
    private static Map<String, String> worker(String xmx, Target target, List<String> phase)
            throws IOException, InterruptedException {
        return worker(xmx, target.accessKey(), target.secretKey(), phase);
    }

    /**
     * A phase in a child JVM, against a server with these keys; its result line's values, and {@code server_cpu_ms}:
     * this JVM's CPU meanwhile (the server's, where this JVM serves the bucket).
     */
    static Map<String, String> worker(String xmx, String accessKey, String secretKey, List<String> phase)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command()
                        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                "-Xmx" + xmx, "--enable-native-access=ALL-UNNAMED", "-Dbench.access-key=" + accessKey,
                "-Dbench.secret-key=" + secretKey, "-cp", System.getProperty("java.class.path"),
                BenchmarkWorker.class.getName()));
        // e.g. -Dbench.worker-options=-XX:StartFlightRecording=filename=/tmp/phase.jfr to profile each phase
        String options = System.getProperty("bench.worker-options", "").strip();
        if (!options.isEmpty()) {
            command.addAll(command.indexOf("-cp"), List.of(options.split("\\s+")));
        }
        command.addAll(phase);
        // This JVM only serves the synthetic bucket meanwhile: its CPU is the server's, which on Amazon S3
        // would not share the machine's cores with s3conn.
        long serverCpuBefore = cpuMs();
        Path errors = Files.createTempFile("s3conn-listing-bench-", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            String resultLine = null;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("elapsed_ms=")) {
                        resultLine = line;
                    }
                }
            }
            if (process.waitFor() != 0 || resultLine == null) {
                throw new IllegalStateException("sync worker failed: " + Files.readString(errors));
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (String pair : resultLine.split(" ")) {
                int eq = pair.indexOf('=');
                values.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            values.put("server_cpu_ms", Long.toString(cpuMs() - serverCpuBefore));
            return values;
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    /** Which inventory ({@code objects}, {@code versions}) a pair of syncs keeps, in which database. */
    private record SyncInto(String inventory, BenchDatabase database) {

        /** Every inventory with every database, inventory by inventory. */
        static List<SyncInto> crossed(List<String> inventories, List<BenchDatabase> databases) {
            List<SyncInto> pairs = new ArrayList<>();
            for (String inventory : inventories) {
                for (BenchDatabase database : databases) {
                    pairs.add(new SyncInto(inventory, database));
                }
            }
            return pairs;
        }
    }

    private static long cpuMs() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
    }

    /** An external lister, timed from start to exit (its start-up included), if it is installed. */
    private static void tool(Table table, Target target, String name, List<String> command, long keys)
            throws IOException, InterruptedException {
        Path errors = Files.createTempFile("s3conn-listing-bench-tool-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        builder.environment().put("AWS_ACCESS_KEY_ID", target.accessKey());
        builder.environment().put("AWS_SECRET_ACCESS_KEY", target.secretKey());
        builder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        // A CA bundle for https makes rclone 1.60 refuse to start even for an http endpoint.
        builder.environment().remove("AWS_CA_BUNDLE");
        target.resetStats();
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException notInstalled) {
            table.out.printf(Locale.ROOT, "%-9s %9d %-26s not installed%n", table.layout, keys, name);
            Files.deleteIfExists(errors);
            return;
        }
        long lines;
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            lines = output.lines().filter(line -> !line.isBlank() && !line.equals("[") && !line.equals("]")).count();
        }
        int exit = process.waitFor();
        double seconds = seconds(started);
        List<String> stderr = Files.readAllLines(errors);
        Files.deleteIfExists(errors);
        if (exit != 0 || lines < keys) {
            table.out.printf(Locale.ROOT, "%-9s %9d %-26s failed: exit %d, %d lines: %s%n", table.layout, keys, name, exit,
                    lines, stderr.isEmpty() ? "" : stderr.getLast());
            return;
        }
        table.row(name, seconds, target.requests(), -1, -1, -1);
    }

    private static void check(String layout, String lister, long listed, long expected) {
        if (listed != expected) {
            throw new IllegalStateException(lister + " listed " + listed + " keys of " + layout + ", expected " + expected);
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
