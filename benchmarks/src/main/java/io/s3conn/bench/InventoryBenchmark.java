package io.s3conn.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.s3conn.inventory.InventorySyncOptions;
import io.s3conn.testbed.EmulatorStats;
import io.s3conn.testbed.S3Operation;
import io.s3conn.testbed.TestBed;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.OptionalObjectAttributes;

/**
 * How far the inventory sync is from the fastest possible listing, measured in one run on a loopback
 * test bed: a raw SDK ListObjectsV2 loop (the floor), a first sync into a fresh SQLite file and a
 * second sync in which nothing changed, each with wall time, objects per second, its ratio to the
 * floor and its peak RSS under a small heap.
 *
 * <p>Every measured phase runs in a child JVM ({@link BenchmarkWorker}) started with the same
 * {@code java} and class path as this one: what this JVM holds (the archive emulator, the seeding
 * client and its threads; S3Proxy is a JVM of its own anyway) then neither competes for the phase's heap
 * nor inflates its RSS, and each phase's VmHWM is its own. The child times only its work, not JVM
 * start-up. Besides the table, it reports where the CPU went (worker, S3 side, other processes), since
 * on a small machine the S3 server shares the CPUs with the phase it serves.
 *
 * <pre>
 * InventoryBenchmark [--objects 20000[,100000...]] [--latency-ms 10] [--xmx 64m] [--repeat 1] [--jvm-arg ARG]...
 *                    [--list-concurrency 8]
 * </pre>
 *
 * The syncs list with {@code --list-concurrency} key ranges at once: by default 8, as {@code s3conn inventory sync};
 * {@code 1} is one sequential walk, the floor's own request pattern.
 *
 * Exits 0 when every phase ran and saw what was seeded (targets missed or not), 1 when a phase failed,
 * 2 on bad arguments.
 */
public final class InventoryBenchmark {

    private static final String WORKER = BenchmarkWorker.class.getName();
    /** Seeding is not measured: as parallel as S3Proxy takes comfortably (TestBed.putMany's usual 32). */
    private static final int SEED_CONCURRENCY = 32;
    /** One object in this many is GLACIER, so restore statuses are resolved, as in a real archive bucket. */
    private static final int GLACIER_EVERY = 100;
    /**
     * One GLACIER object in this many has been restored, so listings carry RestoreStatus elements. The
     * first one sits in the first page: that is what lets the sync trust the listing (on a server that
     * is not Amazon S3) instead of sending a HeadObject for each GLACIER object.
     */
    private static final int RESTORED_EVERY = 10;
    private static final double FIRST_SYNC_TARGET = 1.5;
    private static final double NO_CHANGE_TARGET = 1.2;
    /** RSS counts as flat if the largest N's peak is at most this much above the smallest N's. */
    private static final double RSS_FLAT_TOLERANCE = 0.10;
    private static final long CHILD_TIMEOUT_MINUTES = 15;
    private static final int FIRST_WARM_UP_PAGES = 50;
    /**
     * A phase during which other processes (a build, say) used more than this share of the CPUs is
     * flagged: on a two-core machine that CPU is taken from the worker or the S3 server.
     */
    private static final double NOISY_OTHER_LOAD = 0.10;
    private static final int LATER_WARM_UP_PAGES = 10;

    private InventoryBenchmark() {
    }

    /** Command-line options; see the class comment. */
    record Options(List<Integer> objectCounts, int latencyMs, String xmx, int repeat, List<String> jvmArgs,
                   int listConcurrency) {

        static Options parse(String[] args) {
            List<Integer> counts = List.of(20_000);
            int latency = 10;
            String xmx = "64m";
            int repeat = 1;
            int listConcurrency = InventorySyncOptions.DEFAULT_LIST_CONCURRENCY;
            List<String> jvmArgs = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                if (name.equals("-h") || name.equals("--help")) {
                    throw new IllegalArgumentException("");
                }
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(name + " needs a value");
                    }
                    value = args[++i];
                }
                switch (name) {
                    case "--objects" -> counts = Stream.of(value.split(",")).map(String::trim)
                            .map(s -> positive(name, s.replace("_", ""))).toList();
                    case "--latency-ms" -> latency = nonNegative(name, value);
                    case "--xmx" -> xmx = heapSize(name, value);
                    case "--repeat" -> repeat = positive(name, value);
                    case "--jvm-arg" -> jvmArgs.add(value);
                    case "--list-concurrency" -> listConcurrency = positive(name, value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            return new Options(counts, latency, xmx, repeat, List.copyOf(jvmArgs), listConcurrency);
        }

        private static String heapSize(String option, String value) {
            if (!BenchmarkArgs.isHeapSize(value)) {
                throw new IllegalArgumentException(option + " is a heap size as -Xmx takes it, such as 64m, got " + value);
            }
            return value;
        }

        private static int positive(String option, String value) {
            int n = nonNegative(option, value);
            if (n == 0) {
                throw new IllegalArgumentException(option + " must be positive");
            }
            return n;
        }

        private static int nonNegative(String option, String value) {
            try {
                int n = Integer.parseInt(value);
                if (n < 0) {
                    throw new IllegalArgumentException(option + " must not be negative");
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a number, got " + value);
            }
        }
    }

    /** What one child JVM reported; {@code failure} set when it did not run or saw the wrong thing. */
    record PhaseResult(String phase, int objectCount, long elapsedMs, long objects, long vmHwmKb,
                       Map<String, String> values, long listRequests, long headRequests, long getRequests,
                       String failure) {

        boolean failed() {
            return failure != null;
        }

        double objectsPerSecond() {
            return elapsedMs == 0 ? Double.NaN : objects * 1000.0 / elapsedMs;
        }

        /**
         * Share of the machine's CPU capacity that other processes used while the phase's JVM ran (from
         * {@code other_cpu_ms} over {@code child_wall_ms}: both span its whole life), or 0 when unknown.
         */
        double otherLoad() {
            long other = value("other_cpu_ms");
            long wall = value("child_wall_ms");
            return other <= 0 || wall <= 0 ? 0 : other / (double) (wall * Runtime.getRuntime().availableProcessors());
        }

        boolean noisy() {
            return otherLoad() > NOISY_OTHER_LOAD;
        }

        long value(String key) {
            String v = values.get(key);
            return v == null ? -1 : Long.parseLong(v);
        }
    }

    /** The phases of one N, best of the repeats. */
    record Table(int objectCount, PhaseResult floor, PhaseResult firstSync, PhaseResult noChangeSync) {

        List<PhaseResult> phases() {
            return List.of(floor, firstSync, noChangeSync);
        }

        double ratio(PhaseResult phase) {
            return (double) phase.elapsedMs() / Math.max(1, floor.elapsedMs());
        }
    }

    /** Runs the benchmark; see the class comment for the options. */
    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("error: " + e.getMessage());
            }
            System.err.println("usage: InventoryBenchmark [--objects N[,N...]] [--latency-ms MS] [--xmx SIZE] "
                    + "[--repeat R] [--jvm-arg ARG]... [--list-concurrency N]");
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        System.exit(run(options));
    }

    private static int run(Options options) throws IOException, InterruptedException {
        Instant started = Instant.now();
        List<Table> tables = new ArrayList<>();
        Path work = Scratch.directory("s3conn-bench-");
        try (TestBed tb = TestBed.start()) {
            progress("test bed up: emulator %s", tb.endpoint());
            String bucket = "inventory-bench";
            tb.createBucket(bucket);
            int seeded = 0;
            // Ascending, and each N tops the same bucket up from the previous one: seeding is the
            // slowest part of the run (S3Proxy takes under a thousand PUTs a second here).
            for (int n : options.objectCounts().stream().distinct().sorted().toList()) {
                seed(tb, bucket, seeded, n);
                seeded = n;
                tables.add(measure(tb, bucket, n, tables.isEmpty(), options, work));
            }
        } finally {
            Scratch.delete(work);
        }
        print(tables, options, Duration.between(started, Instant.now()));
        return tables.stream().flatMap(t -> t.phases().stream()).anyMatch(PhaseResult::failed) ? 1 : 0;
    }

    private static Table measure(TestBed tb, String bucket, int n, boolean firstTable, Options options, Path work)
            throws IOException, InterruptedException {
        // Pages enough for the servers' JIT compilers to settle the first time, a few after seeding later.
        warmUpServer(tb, bucket, firstTable ? FIRST_WARM_UP_PAGES : LATER_WARM_UP_PAGES);
        // After seeding: the simulated round trip is for the measured requests, not for the PUTs.
        tb.emulator().setLatency(Duration.ofMillis(options.latencyMs()));
        List<PhaseResult> floors = new ArrayList<>();
        List<PhaseResult> firsts = new ArrayList<>();
        List<PhaseResult> noChanges = new ArrayList<>();
        for (int r = 1; r <= options.repeat(); r++) {
            // Twice, because the first listing of a bucket also warms S3Proxy (its own JVM) up; the
            // syncs that follow then run against the warm server the second floor saw.
            floors.add(phase(tb, options, n, "floor", List.of("floor", tb.endpoint().toString(), bucket)));
            floors.add(phase(tb, options, n, "floor", List.of("floor", tb.endpoint().toString(), bucket)));
            Path db = work.resolve("inventory-" + n + "-" + r + ".db");
            List<String> sync = List.of("sync", tb.endpoint().toString(), bucket, db.toString(),
                    Integer.toString(options.listConcurrency()));
            firsts.add(phase(tb, options, n, "first sync", sync));
            noChanges.add(phase(tb, options, n, "no-change sync", sync));
        }
        tb.emulator().setLatency(Duration.ZERO);
        return new Table(n, best(floors), best(firsts), best(noChanges));
    }

    /**
     * Tops the bucket up from {@code from} to {@code to} empty objects, keys in index order: every
     * {@value #GLACIER_EVERY}th one GLACIER, and every {@value #RESTORED_EVERY}th of those restored (a
     * restore history makes the listing carry a RestoreStatus element), the rest STANDARD.
     *
     * <p>Empty rather than {@link TestBed#putMany}'s key-as-content: S3Proxy keeps objects in an
     * in-memory file system in a 512 MiB heap, where every non-empty object takes at least one block
     * (8 KiB), and it ground to a halt (GC, read time-outs) at about 50,000 such objects. Empty objects
     * take no block; the listing, and so the benchmark, looks the same apart from size and ETag.
     */
    private static void seed(TestBed tb, String bucket, int from, int to) {
        long start = System.nanoTime();
        tb.emulator().setLatency(Duration.ZERO);
        List<String> keys = new ArrayList<>(to - from);
        List<String> restored = new ArrayList<>();
        int glacier = 0;
        for (int i = from; i < to; i++) {
            String key = key(i);
            keys.add(key);
            if (isGlacier(i)) {
                glacier++;
                if (i / GLACIER_EVERY % RESTORED_EVERY == 0) {
                    restored.add(key);
                }
            }
        }
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService workers = Executors.newFixedThreadPool(SEED_CONCURRENCY)) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < SEED_CONCURRENCY; w++) {
                // Workers pull the next index themselves, as TestBed.putMany does: no 100k queued tasks.
                done.add(workers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < keys.size(); i = next.getAndIncrement()) {
                        tb.put(bucket, keys.get(i), new byte[0], isGlacier(from + i) ? "GLACIER" : null);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("seeding failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Instant expiry = Instant.now().plus(Duration.ofDays(7));
        restored.forEach(key -> tb.emulator().markRestored(bucket, key, expiry));
        progress("seeded s3://%s up to %,d objects: %,d more (%,d GLACIER, %,d of them restored) in %.1f s",
                bucket, to, to - from, glacier, restored.size(), (System.nanoTime() - start) / 1e9);
    }

    /** Keys sort in index order, so GLACIER objects are spread evenly over the listing pages. */
    private static String key(int i) {
        return String.format(Locale.ROOT, "inventory/batch-%04d/object-%08d.json", i / 1000, i);
    }

    private static boolean isGlacier(int i) {
        return i % GLACIER_EVERY == GLACIER_EVERY / 2;
    }

    /**
     * Lists {@code pages} listing pages (the bucket over again if it is smaller), unmeasured, before the
     * phases: S3Proxy and the emulator are JVMs too, and a cold server made the first measured listing
     * about twice as slow as later ones, a head start for whichever phase ran later that has nothing to do with s3conn.
     */
    private static void warmUpServer(TestBed tb, String bucket, int pages) {
        long start = System.nanoTime();
        int listed = 0;
        while (listed < pages) {
            for (ListObjectsV2Response page : tb.client().listObjectsV2Paginator(b -> b.bucket(bucket)
                    .maxKeys(BenchmarkWorker.PAGE_SIZE).encodingType(EncodingType.URL)
                    .optionalObjectAttributes(OptionalObjectAttributes.RESTORE_STATUS))) {
                if (++listed >= pages || page.contents().isEmpty()) {
                    break;
                }
            }
        }
        progress("warmed the servers up: %d listing pages of s3://%s in %.1f s", listed, bucket,
                (System.nanoTime() - start) / 1e9);
    }

    /** Runs one phase in a child JVM and checks it saw what was seeded. */
    private static PhaseResult phase(TestBed tb, Options options, int n, String phase, List<String> workerArgs)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("-Xmx" + options.xmx());
        command.addAll(options.jvmArgs());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(WORKER);
        command.addAll(workerArgs);

        tb.emulator().resetStats();
        // The S3 side (the emulator in this JVM, S3Proxy in a child of it) shares the CPUs with the
        // worker; its CPU time during the phase tells whether the machine, not s3conn, was the limit.
        List<ProcessHandle> servers = ProcessHandle.current().descendants().toList();
        long serverCpuBefore = cpuMs(servers);
        long busyBefore = machineBusyMs();
        long childStarted = System.nanoTime();
        // The child's stderr (SLF4J's no-binding notice, SQLite's native-access warning) is noise
        // unless the phase fails, so it goes to a file that is shown only then.
        Path errors = Files.createTempFile("s3conn-bench-worker-", ".log");
        Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        String resultLine = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("elapsed_ms=")) {
                    resultLine = line;
                } else {
                    System.err.println("[" + phase + "] " + line);
                }
            }
        }
        try {
            if (!process.waitFor(CHILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return failed(phase, n, "timed out after " + CHILD_TIMEOUT_MINUTES + " min");
            }
            if (process.exitValue() != 0 || resultLine == null) {
                System.err.print(Files.readString(errors));
                return failed(phase, n, "worker exited with " + process.exitValue() + " (its stderr is above)");
            }
        } finally {
            Files.deleteIfExists(errors);
        }
        long childWallMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - childStarted);
        EmulatorStats stats = tb.emulator().stats();
        long serverCpuMs = cpuMs(servers) - serverCpuBefore;
        long busyMs = machineBusyMs() - busyBefore;
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : resultLine.split(" ")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        values.put("server_cpu_ms", Long.toString(serverCpuMs));
        if (busyBefore >= 0 && values.containsKey("cpu_total_ms")) {
            // Whatever else ran on the machine meanwhile (other builds, say): noise the numbers carry.
            values.put("other_cpu_ms", Long.toString(Math.max(0,
                    busyMs - serverCpuMs - Long.parseLong(values.get("cpu_total_ms")))));
            // The CPU time above spans the child's whole life (start-up included), not only its timed part.
            values.put("child_wall_ms", Long.toString(childWallMs));
        }
        PhaseResult result = new PhaseResult(phase, n, Long.parseLong(values.get("elapsed_ms")),
                Long.parseLong(values.get("objects")), Long.parseLong(values.get("vmhwm_kb")), values,
                // Minus the worker's unmeasured warm-up listing.
                stats.requests(S3Operation.LIST_OBJECTS_V2) - 1, stats.requests(S3Operation.HEAD_OBJECT),
                stats.requests(S3Operation.GET_OBJECT), check(phase, n, values));
        progress("%-14s N=%,d: %,d ms, %,d objects, VmHWM %,d kB, %d ListObjectsV2, %d HeadObject, %d GetObject %s",
                phase, n, result.elapsedMs(), result.objects(), result.vmHwmKb(), result.listRequests(),
                result.headRequests(), result.getRequests(), result.failed() ? "FAILED: " + result.failure() : values);
        return result;
    }

    /** Null when the phase saw exactly the seeded bucket, else why not. */
    private static String check(String phase, int n, Map<String, String> values) {
        long objects = Long.parseLong(values.get("objects"));
        if (objects != n) {
            return "listed " + objects + " objects, expected " + n;
        }
        if (phase.equals("first sync") && Long.parseLong(values.get("changed")) != n) {
            return "wrote " + values.get("changed") + " rows, expected " + n;
        }
        if (phase.equals("no-change sync") && Long.parseLong(values.get("changed")) != 0) {
            return "wrote " + values.get("changed") + " rows, expected none";
        }
        if (values.containsKey("live_rows") && Long.parseLong(values.get("live_rows")) != n) {
            return "table holds " + values.get("live_rows") + " live rows, expected " + n;
        }
        return null;
    }

    private static PhaseResult failed(String phase, int n, String why) {
        progress("%s N=%,d FAILED: %s", phase, n, why);
        return new PhaseResult(phase, n, 0, 0, -1, Map.of(), 0, 0, 0, why);
    }

    /** The fastest run, carrying the highest VmHWM of all runs (memory is judged by its worst case). */
    private static PhaseResult best(List<PhaseResult> runs) {
        Optional<PhaseResult> failure = runs.stream().filter(PhaseResult::failed).findFirst();
        if (failure.isPresent()) {
            return failure.get();
        }
        PhaseResult fastest = runs.stream().min(Comparator.comparingLong(PhaseResult::elapsedMs)).orElseThrow();
        long peak = runs.stream().mapToLong(PhaseResult::vmHwmKb).max().orElseThrow();
        return new PhaseResult(fastest.phase(), fastest.objectCount(), fastest.elapsedMs(), fastest.objects(), peak,
                fastest.values(), fastest.listRequests(), fastest.headRequests(), fastest.getRequests(), null);
    }

    private static void print(List<Table> tables, Options options, Duration total) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n## Inventory benchmark%n%n"));
        out.append(String.format(Locale.ROOT,
                "Java %s, %d CPUs, simulated round trip %d ms per request, syncs with list concurrency %d, "
                        + "worker heap -Xmx%s%s, best of %s, ~%d%% GLACIER objects; total run %d s.%n%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), options.latencyMs(),
                options.listConcurrency(), options.xmx(),
                options.jvmArgs().isEmpty() ? "" : " " + String.join(" ", options.jvmArgs()),
                options.repeat() == 1 ? "2 floors" : options.repeat() + " repeats (floor: " + 2 * options.repeat() + ")",
                100 / GLACIER_EVERY, total.toSeconds()));
        out.append(String.format(Locale.ROOT, "Load average at the end: %s. \"S3 side\" is S3Proxy plus the "
                + "archive emulator, which share this machine's CPUs with the worker.%n%n", LoadAverage.now()));
        out.append("| objects | phase | wall time | objects/s | × floor | peak RSS | S3 requests | notes |\n");
        out.append("|--:|---|--:|--:|--:|--:|--:|---|\n");
        for (Table table : tables) {
            for (PhaseResult p : table.phases()) {
                if (p.failed()) {
                    out.append(String.format(Locale.ROOT, "| %,d | %s | FAILED | | | | | %s |%n",
                            table.objectCount(), p.phase(), p.failure()));
                    continue;
                }
                out.append(String.format(Locale.ROOT, "| %,d | %s | %.2f s | %,.0f | %s | %.1f MiB | %s | %s |%n",
                        table.objectCount(), p.phase(), p.elapsedMs() / 1000.0, p.objectsPerSecond(),
                        p == table.floor() ? "1.00" : String.format(Locale.ROOT, "%.2f", table.ratio(p)),
                        p.vmHwmKb() / 1024.0, requests(p), notes(p)));
            }
        }
        out.append(String.format(Locale.ROOT, "%n### Targets%n%n"));
        for (Table table : tables) {
            if (table.phases().stream().anyMatch(PhaseResult::failed)) {
                out.append(String.format(Locale.ROOT, "- N=%,d: not judged, a phase failed%n", table.objectCount()));
                continue;
            }
            if (table.phases().stream().anyMatch(PhaseResult::noisy)) {
                out.append(String.format(Locale.ROOT, "- N=%,d: other processes took more than %.0f%% of the CPUs "
                        + "during a phase (see notes): ratios below are unreliable, rerun on a quiet machine "
                        + "or with --repeat%n", table.objectCount(), NOISY_OTHER_LOAD * 100));
            }
            double first = table.ratio(table.firstSync());
            double noChange = table.ratio(table.noChangeSync());
            out.append(String.format(Locale.ROOT, "- N=%,d: first sync %.2f× floor (target ≤ %.1f×) %s; "
                            + "no-change sync %.2f× floor (target ≤ %.1f×) %s%n",
                    table.objectCount(), first, FIRST_SYNC_TARGET, verdict(first <= FIRST_SYNC_TARGET),
                    noChange, NO_CHANGE_TARGET, verdict(noChange <= NO_CHANGE_TARGET)));
        }
        List<Table> judged = tables.stream()
                .filter(t -> t.phases().stream().noneMatch(PhaseResult::failed))
                .sorted(Comparator.comparingInt(Table::objectCount)).toList();
        if (judged.size() >= 2 && judged.getFirst().objectCount() < judged.getLast().objectCount()) {
            Table small = judged.getFirst();
            Table large = judged.getLast();
            for (int i = 0; i < 3; i++) {
                PhaseResult a = small.phases().get(i);
                PhaseResult b = large.phases().get(i);
                double growth = (double) b.vmHwmKb() / a.vmHwmKb() - 1;
                out.append(String.format(Locale.ROOT,
                        "- peak RSS of %s from %,d to %,d objects: %.1f → %.1f MiB (%+.1f%%, flat means ≤ +%.0f%%) %s%n",
                        a.phase(), small.objectCount(), large.objectCount(), a.vmHwmKb() / 1024.0,
                        b.vmHwmKb() / 1024.0, growth * 100, RSS_FLAT_TOLERANCE * 100,
                        verdict(growth <= RSS_FLAT_TOLERANCE)));
            }
        } else {
            out.append("- RSS flatness needs two object counts, e.g. --objects 20000,100000\n");
        }
        System.out.print(out);
        System.out.flush();
    }

    private static String requests(PhaseResult p) {
        // GET: the sync's one-byte probe of whether the server enforces archive classes (S3Proxy does not).
        return p.listRequests() + " LIST" + (p.headRequests() == 0 ? "" : " + " + p.headRequests() + " HEAD")
                + (p.getRequests() == 0 ? "" : " + " + p.getRequests() + " GET");
    }

    /**
     * CPU spent by the worker (timed part) and by the S3 side, and for syncs the rows written and where
     * the main thread's time went (see {@link BenchmarkWorker}).
     */
    private static String notes(PhaseResult p) {
        StringBuilder notes = new StringBuilder(String.format(Locale.ROOT,
                "CPU: worker %.1f s (GC %.1f s), S3 side %.1f s, other processes %s",
                p.value("cpu_ms") / 1000.0, p.value("gc_ms") / 1000.0, p.value("server_cpu_ms") / 1000.0,
                p.value("other_cpu_ms") < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f s", p.value("other_cpu_ms") / 1000.0)));
        if (p.noisy()) {
            notes.append(String.format(Locale.ROOT, " (**noisy**: %.0f%% of the CPUs)", p.otherLoad() * 100));
        }
        if (!p.phase().equals("floor")) {
            notes.append(String.format(Locale.ROOT, "; %,d rows written", p.value("changed")));
            if (p.value("work_ms") >= 0) {
                notes.append(String.format(Locale.ROOT,
                        "; first LIST sent after %.2f s (DB open %.2f s); main thread on pages %.1f s, waiting for "
                                + "listing %.1f s; listing calls %.1f s",
                        p.value("first_request_ms") / 1000.0, p.value("open_ms") / 1000.0, p.value("work_ms") / 1000.0,
                        p.value("wait_ms") / 1000.0, p.value("list_ms") / 1000.0));
            }
        }
        return notes.toString();
    }

    /** CPU time all processors spent busy since boot, from Linux' /proc/stat; -1 where unavailable. */
    private static long machineBusyMs() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...: all but idle and iowait are busy.
            long busy = 0;
            for (int i = 1; i <= 8 && i < fields.length; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy * 10; // USER_HZ is 100 on every Linux this runs on
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU time of this JVM plus the given processes, in ms. */
    private static long cpuMs(List<ProcessHandle> others) {
        long total = ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
        for (ProcessHandle other : others) {
            total += other.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
        }
        return total;
    }

    private static String verdict(boolean met) {
        return met ? "**met**" : "**MISSED**";
    }

    private static void progress(String format, Object... args) {
        System.err.println("[bench] " + String.format(Locale.ROOT, format, args));
    }
}
