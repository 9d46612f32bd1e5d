package io.s3conn.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import io.s3conn.source.range.KeyRange;
import io.s3conn.source.range.ParallelWalker;
import io.s3conn.source.range.RangePlanner;
import io.s3conn.source.range.WalkSummary;
import io.s3conn.source.range.WalkerSettings;
import io.s3conn.testbed.TestBed;
import io.s3conn.testbed.synthetic.SyntheticBucket;
import io.s3conn.testbed.synthetic.SyntheticBucketServer;
import io.s3conn.testbed.synthetic.SyntheticLayout;
import io.s3conn.testbed.synthetic.SyntheticServerSettings;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.EncodingType;

/**
 * Listing throughput against the synthetic bucket, every figure a ratio to a floor measured in the same run.
 *
 * <p>For each layout, a bucket of {@code --keys} generated keys served with {@code --latency-ms} round trip
 * plus {@code --service-ms} per LIST (as Amazon S3 takes to produce a page). The floor is the raw SDK
 * ListObjectsV2 paginator, sequential, 1000 keys a page; then the range planner plus the parallel walker
 * at each concurrency, planning twice as many ranges (none at concurrency 1), planning time and probes
 * included. Every run must list exactly the bucket's keys.
 *
 * <pre>ListingBenchmark [--keys 100000] [--layouts prefixes,flat,skewed] [--concurrency 1,4,8,16]
 *                  [--latency-ms 20] [--service-ms 100]</pre>
 */
public final class ListingBenchmark {

    private ListingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long keys = Long.parseLong(option(args, "--keys", "100000"));
        List<String> layouts = List.of(option(args, "--layouts", String.join(",", SyntheticLayout.NAMES)).split(","));
        int[] concurrencies = Arrays.stream(option(args, "--concurrency", "1,4,8,16").split(","))
                .mapToInt(Integer::parseInt).toArray();
        Duration latency = Duration.ofMillis(Long.parseLong(option(args, "--latency-ms", "20")));
        Duration service = Duration.ofMillis(Long.parseLong(option(args, "--service-ms", "100")));
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "Listing %,d synthetic keys, %d ms round trip + %d ms service time per LIST%n",
                keys, latency.toMillis(), service.toMillis());
        out.printf(Locale.ROOT, "%-9s %-22s %9s %10s %8s %9s %7s %7s%n",
                "layout", "lister", "seconds", "keys/s", "x floor", "requests", "ranges", "splits");
        for (String layout : layouts) {
            SyntheticBucket bucket = new SyntheticBucket(layout, SyntheticLayout.named(layout, keys));
            SyntheticServerSettings settings = SyntheticServerSettings.immediate().withLatency(latency)
                    .withListServiceTime(service);
            try (SyntheticBucketServer server = SyntheticBucketServer.start(settings, bucket);
                 S3Client s3 = TestBed.clientBuilder(server.endpoint())
                         .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none())).build()) {
                long started = System.nanoTime();
                long listed = floor(s3, layout);
                double floorSeconds = seconds(started);
                check(layout, "floor", listed, keys);
                row(out, layout, "sdk sequential (floor)", floorSeconds, keys, floorSeconds,
                        server.stats().listRequests(), 1, 0);
                for (int concurrency : concurrencies) {
                    server.resetStats();
                    AtomicLong count = new AtomicLong();
                    started = System.nanoTime();
                    List<KeyRange> plan = RangePlanner.of(s3, layout, "").plan(concurrency == 1 ? 1 : 2 * concurrency);
                    WalkSummary summary = ParallelWalker.currentObjects(s3, layout, "", WalkerSettings.of(concurrency))
                            .walk(plan, page -> count.addAndGet(page.page().entries().size()));
                    double walkSeconds = seconds(started);
                    check(layout, "walker", count.get(), keys);
                    row(out, layout, "parallel walker c=" + concurrency, walkSeconds, keys, floorSeconds,
                            server.stats().listRequests(), summary.ranges(), summary.splits());
                }
            }
        }
    }

    private static long floor(S3Client s3, String bucket) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).maxKeys(1000).encodingType(EncodingType.URL)).stream()
                .mapToLong(page -> page.contents().size()).sum();
    }

    private static void row(PrintStream out, String layout, String lister, double seconds, long keys,
                            double floorSeconds, long requests, int ranges, int splits) {
        out.printf(Locale.ROOT, "%-9s %-22s %9.2f %10.0f %7.2fx %9d %7d %7d%n", layout, lister, seconds,
                keys / seconds, floorSeconds / seconds, requests, ranges, splits);
    }

    private static void check(String layout, String lister, long listed, long expected) {
        if (listed != expected) {
            throw new IllegalStateException(lister + " listed " + listed + " keys of " + layout + ", expected " + expected);
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
