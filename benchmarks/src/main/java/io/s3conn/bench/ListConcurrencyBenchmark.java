package io.s3conn.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.s3conn.testbed.EmulatorStats;
import io.s3conn.testbed.S3Operation;
import io.s3conn.testbed.TestBed;
import io.s3conn.testbed.TestBedMain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/**
 * What a high {@code --list-concurrency} costs against a server that answers a fixed number of listings a second:
 * {@code inventory sync} at each concurrency against the bucket {@code TestBedMain serve} serves (S3Proxy behind the
 * archive emulator, the demo objects), filled with {@code --objects} more in {@code --folders} folders
 * ({@code load/fNN/obj-NNNNNN}), timed and its listings counted by the emulator; every figure also as a ratio to
 * the first concurrency's (the default, 8) measured in the same run.
 *
 * <p>Two scopes: the whole bucket ({@code demo}: a handful of small folders and {@code load/}), and {@code load/}
 * alone ({@code demo/load/}: its folders are the plan's). Each sync runs in a JVM of its own
 * ({@link BenchmarkWorker}) into a fresh SQLite file; the runs of the concurrencies alternate, {@code --repeat}
 * times, so that a change of the machine's load meanwhile falls on all of them alike.
 *
 * <pre>ListConcurrencyBenchmark [--objects 10000] [--folders 50] [--concurrency 8,1000] [--repeat 2]
 *                          [--scopes demo,demo/load/] [--xmx 256m]</pre>
 */
public final class ListConcurrencyBenchmark {

    private static final String USAGE = "ListConcurrencyBenchmark [--objects 10000] [--folders 50] [--concurrency 8,1000]"
            + " [--repeat 2] [--scopes demo,demo/load/] [--xmx 256m]";

    private ListConcurrencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkArgs.requireKnown(args, USAGE);
        int objects = BenchmarkArgs.intOption(args, "--objects", 10_000);
        int folders = BenchmarkArgs.intOption(args, "--folders", 50);
        int[] concurrencies = BenchmarkArgs.intListOption(args, "--concurrency", "8,1000").stream()
                .mapToInt(Integer::intValue).toArray();
        int repeat = BenchmarkArgs.intOption(args, "--repeat", 2);
        List<String> scopes = List.of(BenchmarkArgs.option(args, "--scopes", "demo,demo/load/").split(","));
        String xmx = BenchmarkArgs.heapSizeOption(args, "--xmx", "256m");
        if (objects < 0 || folders < 1 || repeat < 1 || concurrencies.length == 0
                || Arrays.stream(concurrencies).anyMatch(c -> c < 1)) {
            BenchmarkArgs.refuse("--objects must be at least 0, --folders, --repeat and each concurrency at least 1", USAGE);
        }
        for (String scope : scopes) {
            if (!scope.equals(TestBedMain.DEMO_BUCKET) && !scope.startsWith(TestBedMain.DEMO_BUCKET + "/")) {
                BenchmarkArgs.refuse("a scope is the bucket " + TestBedMain.DEMO_BUCKET + " or a prefix in it, was " + scope, USAGE);
            }
        }
        PrintStream out = System.out;
        try (TestBed testBed = TestBed.start()) {
            TestBedMain.seedDemo(testBed);
            List<String> keys = new ArrayList<>(objects);
            for (int i = 0; i < objects; i++) {
                keys.add(String.format(Locale.ROOT, "load/f%02d/obj-%06d", i % folders, i));
            }
            long seeding = System.nanoTime();
            testBed.putMany(TestBedMain.DEMO_BUCKET, keys, 32);
            out.printf(Locale.ROOT, "seeded %,d objects in %d folders in %.0f s; load average %s%n", objects, folders,
                    (System.nanoTime() - seeding) / 1e9, LoadAverage.now());
            out.printf(Locale.ROOT, "%-12s %8s %6s %4s %9s %9s %7s %10s %11s%n", "scope", "objects", "c", "run",
                    "seconds", "listings", "pages", "time/c=" + concurrencies[0], "lists/c=" + concurrencies[0]);
            Path dir = Scratch.directory("s3conn-list-concurrency-bench-");
            for (String scope : scopes) {
                run(out, testBed, dir, scope, concurrencies, repeat, xmx);
            }
            out.printf(Locale.ROOT, "load average after: %s%n", LoadAverage.now());
        }
    }

    /** One scope: every concurrency {@code repeat} times, alternating; then each one's mean as a ratio to the first's. */
    private static void run(PrintStream out, TestBed testBed, Path dir, String scope, int[] concurrencies, int repeat,
                            String xmx) throws Exception {
        String prefix = scope.contains("/") ? scope.substring(scope.indexOf('/') + 1) : "";
        long expected = count(testBed.client(), prefix);
        Map<Integer, List<double[]>> measured = new LinkedHashMap<>();
        for (int run = 1; run <= repeat; run++) {
            for (int concurrency : concurrencies) {
                Path db = dir.resolve("c" + concurrency + "-" + run + "-" + scope.replace('/', '_') + ".db");
                testBed.emulator().resetStats();
                Map<String, String> result = ListingBenchmark.worker(xmx, testBed.accessKeyId(), testBed.secretAccessKey(),
                        List.of("sync", testBed.endpoint().toString(), TestBedMain.DEMO_BUCKET, db.toString(),
                                Integer.toString(concurrency), "objects", prefix));
                // The worker's one warm-up listing before its clock starts is not the sync's.
                long listings = listings(testBed.emulator().stats()) - 1;
                long listed = Long.parseLong(result.get("objects"));
                if (listed != expected) {
                    throw new IllegalStateException("c=" + concurrency + " listed " + listed + " objects of " + scope
                            + ", expected " + expected);
                }
                double seconds = Long.parseLong(result.get("elapsed_ms")) / 1e3;
                measured.computeIfAbsent(concurrency, c -> new ArrayList<>()).add(new double[] {seconds, listings});
                out.printf(Locale.ROOT, "%-12s %8d %6d %4d %9.2f %9d %7s%n", scope, expected, concurrency, run, seconds,
                        listings, result.get("pages"));
                out.flush();
            }
        }
        double[] base = mean(measured.get(concurrencies[0]));
        for (Map.Entry<Integer, List<double[]>> entry : measured.entrySet()) {
            double[] mean = mean(entry.getValue());
            out.printf(Locale.ROOT, "%-12s %8d %6d %4s %9.2f %9.1f %7s %9.2fx %10.2fx%n", scope, expected, entry.getKey(),
                    "mean", mean[0], mean[1], "", mean[0] / base[0], mean[1] / base[1]);
        }
        out.flush();
    }

    /** Listing requests the emulator received (faulted ones included): what the server had to answer. */
    private static long listings(EmulatorStats stats) {
        return Arrays.stream(S3Operation.values()).filter(S3Operation::listing).mapToLong(stats::requests).sum();
    }

    /** Objects under {@code prefix} in the demo bucket, by a plain listing before anything is measured. */
    private static long count(S3Client s3, String prefix) {
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(TestBedMain.DEMO_BUCKET).maxKeys(1000);
        if (!prefix.isEmpty()) {
            request.prefix(prefix);
        }
        return s3.listObjectsV2Paginator(request.build()).contents().stream().count();
    }

    private static double[] mean(List<double[]> runs) {
        return new double[] {runs.stream().mapToDouble(r -> r[0]).average().orElseThrow(),
                runs.stream().mapToDouble(r -> r[1]).average().orElseThrow()};
    }
}
