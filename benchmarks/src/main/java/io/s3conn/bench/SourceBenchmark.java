package io.s3conn.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.record.RecordJson;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.s3.S3ConnectionSettings;
import io.s3conn.core.s3.StaticCredentials;
import io.s3conn.source.RecordHandler;
import io.s3conn.source.RecordPump;
import io.s3conn.source.S3Source;
import io.s3conn.source.S3SourceConfiguration;
import io.s3conn.source.SourceMode;
import io.s3conn.source.SourceRun;
import io.s3conn.source.content.ContentMode;
import io.s3conn.testbed.EmulatorStats;
import io.s3conn.testbed.S3Operation;
import io.s3conn.testbed.TestBed;
import io.s3conn.testbed.synthetic.SyntheticBucket;
import io.s3conn.testbed.synthetic.SyntheticBucketServer;
import io.s3conn.testbed.synthetic.SyntheticLayout;
import io.s3conn.testbed.synthetic.SyntheticServerSettings;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The source's throughput and CDC cost, measured in one run on the loopback test bed.
 *
 * <ol>
 *   <li>Snapshot records/s of {@code N} 1 KiB objects, with {@code --content none} (a listing and a
 *       HEAD per object) and inline (a listing and a GET per object), each against a raw SDK loop
 *       sending the same requests with the same concurrency (the source's read-ahead of 8), records
 *       written as JSON lines to a discarding stream. Each phase runs once to warm up, then is timed.</li>
 *   <li>The requests one CDC poll costs on a bucket of {@code --cdc-objects} objects in which 10
 *       objects changed (4 created, 3 overwritten, 3 deleted), versioned and unversioned, counted by
 *       the archive emulator; and the requests of a poll that finds nothing.</li>
 *   <li>The source's parallel listing: on the test bed's synthetic bucket of {@code --listing-keys} keys
 *       ({@code --listing-layout}: {@code prefixes}, {@code flat} or {@code skewed} as in {@code bench/listing.sh}, or
 *       {@code numbered}: {@code k/000000}, {@code k/000001}, … in one folder, the keys of phase 2, or
 *       {@code numbered-tail}: those and {@code k/new-0} … {@code k/new-3}, phase 2's bucket after its changes;
 *       several, comma-separated, are run one after another; served with {@code --listing-latency-ms} round trip per request plus
 *       {@code --listing-service-ms} per LIST, as {@code bench/listing.sh} models Amazon S3), a snapshot with
 *       {@code --content none} (a listing and a HEAD per object), then idle CDC polls (a listing and nothing
 *       else): the first of a source started on that state (it plans the listing from the keys it committed) and those
 *       of a running source after its first (they reuse the plan of the poll before), each with {@code --list-concurrency 1} and with {@code 8},
 *       reported as a ratio to the sequential run of the same run, best of {@code --repeat}.
 *       {@code --listing-keys 0} leaves this part out, as {@code --objects 0} and {@code --cdc-objects 0} do
 *       phases 1 and 2.</li>
 * </ol>
 *
 * <p>Phases 1 and 2 list with {@code --list-concurrency} (default 8, as {@code s3conn source read}).
 *
 * <pre>SourceBenchmark [--objects 5000] [--cdc-objects 20000] [--latency-ms 10] [--list-concurrency 8]
 *                 [--listing-keys 20000] [--listing-layout prefixes] [--listing-latency-ms 10]
 *                 [--listing-service-ms 100] [--repeat 3]</pre>
 */
public final class SourceBenchmark {

    private static final int READ_AHEAD = 8;
    private static final int SEED_CONCURRENCY = 32;
    /** The listing of {@code s3conn source read} when not configured otherwise. */
    private static final int DEFAULT_LIST_CONCURRENCY = 8;
    private static final int[] LISTING_CONCURRENCIES = {1, DEFAULT_LIST_CONCURRENCY};
    /** The synthetic layouts and the CDC bucket's keys, with and without the keys its changes add. */
    private static final List<String> LISTING_LAYOUTS = Stream.concat(SyntheticLayout.NAMES.stream(),
            Stream.of("numbered", "numbered-tail")).toList();
    /** The CDC bucket's changes overwrite {@code k/000100}, {@code k/001100} and {@code k/002100}: it must hold them. */
    private static final int MIN_CDC_OBJECTS = 2101;

    private static final String USAGE = "SourceBenchmark [--objects 5000] [--cdc-objects 20000 (0, or 2101 or more)] [--latency-ms 10]"
            + " [--list-concurrency 8] [--listing-keys 20000] [--listing-layout prefixes[,flat,skewed,numbered,numbered-tail]]"
            + " [--listing-latency-ms 10] [--listing-service-ms 100] [--repeat 3]";

    private SourceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkArgs.requireKnown(args, USAGE);
        int objects = BenchmarkArgs.intOption(args, "--objects", 5000);
        int cdcObjects = BenchmarkArgs.intOption(args, "--cdc-objects", 20000);
        if (cdcObjects > 0 && cdcObjects < MIN_CDC_OBJECTS) {
            BenchmarkArgs.refuse(String.format(Locale.ROOT, "--cdc-objects must be 0 (no CDC part) or at least %d, was %d",
                    MIN_CDC_OBJECTS, cdcObjects), USAGE);
        }
        int latencyMs = BenchmarkArgs.intOption(args, "--latency-ms", 10);
        int listConcurrency = BenchmarkArgs.intOption(args, "--list-concurrency", DEFAULT_LIST_CONCURRENCY);
        if (listConcurrency < 1) {
            // The source refuses it too, but only when the snapshot part starts, after the listing part's minutes.
            BenchmarkArgs.fail("--list-concurrency must be at least 1");
        }
        int listingKeys = BenchmarkArgs.intOption(args, "--listing-keys", 20000);
        List<String> listingLayouts = List.of(BenchmarkArgs.option(args, "--listing-layout", "prefixes").split(","));
        listingLayouts.stream().filter(layout -> !LISTING_LAYOUTS.contains(layout)).findFirst().ifPresent(layout ->
                BenchmarkArgs.fail("--listing-layout takes " + String.join(",", LISTING_LAYOUTS) + ", got " + layout));
        // Read where they are used, minutes later: checked now, so that a value that is not a number fails at once.
        for (String later : List.of("--listing-latency-ms", "--listing-service-ms")) {
            BenchmarkArgs.intOption(args, later, 0);
        }
        if (BenchmarkArgs.intOption(args, "--repeat", 3) < 1) {
            BenchmarkArgs.fail("--repeat must be at least 1"); // with 0 the polls' rows would print no time at all
        }
        PrintStream out = System.out;
        List<String> listingRows = new ArrayList<>();
        if (listingKeys > 0) {
            for (String layout : listingLayouts) {
                listingRows.addAll(parallelListing(args, layout, listingKeys));
            }
        }
        List<String> rows = new ArrayList<>();
        List<String> cdcRows = new ArrayList<>();
        if (objects > 0 || cdcObjects > 0) {
            try (TestBed bed = TestBed.start()) {
                S3ConnectionSettings settings = S3ConnectionSettings.defaults().withEndpoint(bed.endpoint())
                        .withRegion(TestBed.REGION).withPathStyle(true)
                        .withCredentials(new StaticCredentials(TestBed.ACCESS_KEY_ID, TestBed.SECRET_ACCESS_KEY, Optional.empty()));
                try (S3Client s3 = S3Clients.create(settings)) {
                    if (objects > 0) {
                        byte[] kib = new byte[1024];
                        Arrays.fill(kib, (byte) 'x');
                        bed.createBucket("snapshot");
                        seed(bed, "snapshot", keys("obj/", objects), kib);
                        bed.emulator().setLatency(Duration.ofMillis(latencyMs));
                        for (ContentMode content : ContentMode.values()) {
                            rawLoop(s3, "snapshot", content);
                            long rawNanos = BenchmarkArgs.timed(() -> rawLoop(s3, "snapshot", content));
                            snapshot(s3, "snapshot", content, listConcurrency);
                            long sourceNanos = BenchmarkArgs.timed(() -> snapshot(s3, "snapshot", content, listConcurrency));
                            String label = content == ContentMode.NONE ? "--content none" : "inline, 1 KiB objects";
                            rows.add(String.format(Locale.ROOT, "| snapshot, %s | %,d | %,.0f | %,.0f | %.2f |", label,
                                    objects, objects / (rawNanos / 1e9), objects / (sourceNanos / 1e9),
                                    (double) sourceNanos / rawNanos));
                        }
                        bed.emulator().setLatency(Duration.ZERO);
                    }
                    if (cdcObjects > 0) {
                        for (boolean versioned : new boolean[] {false, true}) {
                            cdcRows.add(cdcCost(bed, s3, versioned, cdcObjects, listConcurrency));
                        }
                    }
                }
            }
        }
        out.printf(Locale.ROOT, "%n## Source benchmark%n%nJava %s, %d CPUs, simulated round trip %d ms per request, "
                        + "read-ahead %d, list concurrency %d, records written as JSON lines to a discarding stream.%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), latencyMs, READ_AHEAD, listConcurrency);
        if (!rows.isEmpty()) {
            out.println();
            out.println("| phase | objects | raw SDK loop (objects/s) | s3conn source (records/s) | × raw time |");
            out.println("|---|--:|--:|--:|--:|");
            rows.forEach(out::println);
        }
        if (!cdcRows.isEmpty()) {
            out.printf(Locale.ROOT, "%n| bucket (%,d objects) | requests of a CDC poll with 10 changes | requests of an idle poll |%n",
                    cdcObjects);
            out.println("|---|---|---|");
            cdcRows.forEach(out::println);
        }
        if (!listingRows.isEmpty()) {
            out.printf(Locale.ROOT, "%n| synthetic bucket of %,d keys, %d ms + %d ms per LIST | list concurrency 1 | "
                            + "list concurrency %d | × the sequential time |%n", listingKeys,
                    BenchmarkArgs.intOption(args, "--listing-latency-ms", 10), BenchmarkArgs.intOption(args, "--listing-service-ms", 100),
                    DEFAULT_LIST_CONCURRENCY);
            out.println("|---|--:|--:|--:|");
            listingRows.forEach(out::println);
        }
    }

    /**
     * Snapshot ({@code --content none}) and idle CDC poll with a sequential and a parallel listing, on the synthetic
     * bucket; one table row per phase. The synthetic server serves listings and HEAD, which is all a source with
     * {@code --content none} on an unversioned bucket sends, but for GetBucketVersioning: {@link UnversionedS3Client}
     * answers that.
     */
    private static List<String> parallelListing(String[] args, String layout, int keys) throws Exception {
        int repeat = BenchmarkArgs.intOption(args, "--repeat", 3);
        SyntheticBucket bucket = new SyntheticBucket(layout, switch (layout) {
            case "numbered" -> new SyntheticLayout.Listed(keys("k/", keys));
            case "numbered-tail" -> {
                List<String> all = new ArrayList<>(keys("k/", keys));
                for (int i = 0; i < 4; i++) {
                    all.add("k/new-" + i); // phase 2's bucket after its changes: a few keys far after the others
                }
                yield new SyntheticLayout.Listed(all);
            }
            default -> SyntheticLayout.named(layout, keys);
        });
        SyntheticServerSettings model = SyntheticServerSettings.immediate()
                .withLatency(Duration.ofMillis(BenchmarkArgs.intOption(args, "--listing-latency-ms", 10)))
                .withListServiceTime(Duration.ofMillis(BenchmarkArgs.intOption(args, "--listing-service-ms", 100)));
        try (SyntheticBucketServer server = SyntheticBucketServer.start(model, bucket)) {
            S3ConnectionSettings settings = S3ConnectionSettings.defaults().withEndpoint(server.endpoint())
                    .withRegion(TestBed.REGION).withPathStyle(true)
                    .withCredentials(new StaticCredentials(TestBed.ACCESS_KEY_ID, TestBed.SECRET_ACCESS_KEY, Optional.empty()));
            try (S3Client s3 = new UnversionedS3Client(S3Clients.create(settings))) {
                String[] databases = new String[LISTING_CONCURRENCIES.length];
                long[] snapshotNanos = new long[LISTING_CONCURRENCIES.length];
                long[] snapshotLists = new long[LISTING_CONCURRENCIES.length];
                for (int i = 0; i < LISTING_CONCURRENCIES.length; i++) {
                    databases[i] = "jdbc:sqlite:" + Scratch.directory("s3conn-bench-listing-").resolve("s.db");
                    S3SourceConfiguration config = listingConfiguration(layout, LISTING_CONCURRENCIES[i]);
                    String url = databases[i];
                    long[] lists = new long[1];
                    // Snapshot, then one poll that finds nothing: the state now holds the whole bucket.
                    long records = bucket.layout().size();
                    snapshotNanos[i] = BenchmarkArgs.timed(() -> lists[0] = listedAll(s3, url, config, records));
                    snapshotLists[i] = lists[0];
                }
                // Idle polls of a source started on that state (planned from its committed keys), best of
                // --repeat starts; then of one running source (each poll after its first reuses the plan).
                long[] firstPollNanos = new long[LISTING_CONCURRENCIES.length];
                long[] firstPollLists = new long[LISTING_CONCURRENCIES.length];
                long[] pollNanos = new long[LISTING_CONCURRENCIES.length];
                long[] pollLists = new long[LISTING_CONCURRENCIES.length];
                Arrays.fill(firstPollNanos, Long.MAX_VALUE);
                Arrays.fill(pollNanos, Long.MAX_VALUE);
                for (int round = 0; round < repeat; round++) {
                    for (int i = 0; i < LISTING_CONCURRENCIES.length; i++) {
                        S3SourceConfiguration config = listingConfiguration(layout, LISTING_CONCURRENCIES[i]);
                        String url = databases[i];
                        long[] lists = new long[1];
                        long nanos = BenchmarkArgs.timed(() -> lists[0] = listedAll(s3, url, config, 0));
                        firstPollNanos[i] = Math.min(firstPollNanos[i], nanos);
                        firstPollLists[i] = lists[0];
                    }
                }
                for (int i = 0; i < LISTING_CONCURRENCIES.length; i++) {
                    S3SourceConfiguration config = listingConfiguration(layout, LISTING_CONCURRENCIES[i]);
                    try (Database database = Database.open(databases[i]);
                         S3Source source = new S3Source(s3, database, config, Optional.empty(), Clock.systemUTC())) {
                        RecordPump pump = new RecordPump(source);
                        pump.run(record -> { }, Long.MAX_VALUE, true);
                        for (int round = 0; round < repeat; round++) {
                            long before = source.progress().listRequests();
                            long[] after = new long[1];
                            long nanos = BenchmarkArgs.timed(() -> after[0] = pump.run(record -> { }, Long.MAX_VALUE, true).listRequests());
                            pollNanos[i] = Math.min(pollNanos[i], nanos);
                            pollLists[i] = after[0] - before;
                        }
                    }
                }
                return List.of(
                        listingRow(layout + ": snapshot `--content none` + one idle poll", snapshotNanos, snapshotLists),
                        listingRow(layout + ": first idle CDC poll of a started source (best of " + repeat + ")",
                                firstPollNanos, firstPollLists),
                        listingRow(layout + ": idle CDC poll of a running source (best of " + repeat + ")", pollNanos, pollLists));
            }
        }
    }

    private static S3SourceConfiguration listingConfiguration(String bucket, int listConcurrency) {
        return S3SourceConfiguration.of(bucket, "").withPollingPeriod(Duration.ZERO).withContent(ContentMode.NONE)
                .withReadAhead(READ_AHEAD).withSavedPosition("bench").withListConcurrency(listConcurrency);
    }

    /** A source on the state at {@code url} until idle; fails unless it emitted {@code expectedRecords}; its list requests. */
    private static long listedAll(S3Client s3, String url, S3SourceConfiguration config, long expectedRecords)
            throws Exception {
        try (Database database = Database.open(url);
             S3Source source = new S3Source(s3, database, config, Optional.empty(), Clock.systemUTC())) {
            SourceRun run = new RecordPump(source).run(record -> { }, Long.MAX_VALUE, true);
            if (run.records() != expectedRecords) {
                throw new IllegalStateException("expected " + expectedRecords + " records with list concurrency "
                        + config.listConcurrency() + ", got " + run.records());
            }
            return run.listRequests();
        }
    }

    private static String listingRow(String phase, long[] nanos, long[] lists) {
        return String.format(Locale.ROOT, "| %s | %.2f s (%d LIST) | %.2f s (%d LIST) | **%.2f** |", phase, nanos[0] / 1e9,
                lists[0], nanos[1] / 1e9, lists[1], (double) nanos[1] / nanos[0]);
    }

    /** The same requests as the source, without it: list, then HEAD or GET every object, 8 in flight. */
    private static void rawLoop(S3Client s3, String bucket, ContentMode content) throws Exception {
        AtomicLong bytes = new AtomicLong();
        try (ExecutorService pool = Executors.newFixedThreadPool(READ_AHEAD)) {
            for (var page : s3.listObjectsV2Paginator(b -> b.bucket(bucket))) {
                List<Future<?>> reads = new ArrayList<>();
                for (S3Object object : page.contents()) {
                    reads.add(pool.submit(() -> {
                        if (content == ContentMode.NONE) {
                            s3.headObject(h -> h.bucket(bucket).key(object.key()));
                        } else {
                            try (ResponseInputStream<GetObjectResponse> in = s3.getObject(g -> g.bucket(bucket).key(object.key()))) {
                                bytes.addAndGet(in.readAllBytes().length);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> read : reads) {
                    read.get();
                }
            }
        }
    }

    private static long snapshot(S3Client s3, String bucket, ContentMode content, int listConcurrency) throws Exception {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        try (Database database = Database.open("jdbc:sqlite:" + Scratch.directory("s3conn-bench-").resolve("s.db"))) {
            S3SourceConfiguration config = S3SourceConfiguration.of(bucket, "").withMode(SourceMode.SNAPSHOT)
                    .withPollingPeriod(Duration.ZERO).withContent(content).withReadAhead(READ_AHEAD).withSavedPosition("bench")
                    .withListConcurrency(listConcurrency);
            return pump(s3, database, config, record -> {
                discard.println(RecordJson.write(record));
                discard.flush();
            }, Long.MAX_VALUE, true);
        }
    }

    /** A new source on {@code database}, as a restarted `source read`, committing each record; the records handed over. */
    private static long pump(S3Client s3, Database database, S3SourceConfiguration config, RecordHandler handler,
                             long maxRecords, boolean stopWhenIdle) throws Exception {
        try (S3Source source = new S3Source(s3, database, config, Optional.empty(), Clock.systemUTC())) {
            return new RecordPump(source).run(handler, maxRecords, stopWhenIdle).records();
        }
    }

    private static String cdcCost(TestBed bed, S3Client s3, boolean versioned, int count, int listConcurrency) throws Exception {
        String bucket = versioned ? "cdc-versioned" : "cdc-unversioned";
        bed.createBucket(bucket);
        if (versioned) {
            bed.client().putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
        }
        List<String> keys = keys("k/", count);
        seed(bed, bucket, keys, new byte[0]);
        String url = "jdbc:sqlite:" + Scratch.directory("s3conn-bench-cdc-").resolve("cdc.db");
        S3SourceConfiguration config = S3SourceConfiguration.of(bucket, "").withPollingPeriod(Duration.ZERO).withReadAhead(READ_AHEAD)
                .withSavedPosition("bench").withListConcurrency(listConcurrency);
        try (Database database = Database.open(url)) {
            // Snapshot and one idle poll: the state now holds the whole bucket.
            pump(s3, database, config, record -> { }, Long.MAX_VALUE, true);
            for (int i = 0; i < 4; i++) {
                bed.put(bucket, "k/new-" + i, "new", null);
            }
            for (int i = 0; i < 3; i++) {
                bed.put(bucket, keys.get(100 + i * 1000), "changed", null);
                String gone = keys.get(500 + keys.size() / 2 + i);
                bed.client().deleteObject(d -> d.bucket(bucket).key(gone));
            }
            bed.emulator().resetStats();
            long records = pump(s3, database, config, record -> { }, 10, false);
            EmulatorStats changed = bed.emulator().stats();
            bed.emulator().resetStats();
            pump(s3, database, config, record -> { }, Long.MAX_VALUE, true);
            EmulatorStats idle = bed.emulator().stats();
            return String.format(Locale.ROOT, "| %s | %s (%d records) | %s |", versioned ? "versioned" : "unversioned",
                    describe(changed), records, describe(idle));
        }
    }

    private static String describe(EmulatorStats stats) {
        List<String> parts = new ArrayList<>();
        for (S3Operation operation : S3Operation.values()) {
            if (stats.requests(operation) > 0) {
                parts.add(stats.requests(operation) + " " + operation.apiName());
            }
        }
        return parts.isEmpty() ? "none" : String.join(" + ", parts);
    }

    private static void seed(TestBed bed, String bucket, List<String> keys, byte[] content) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(SEED_CONCURRENCY)) {
            List<Future<?>> puts = new ArrayList<>();
            for (String key : keys) {
                puts.add(pool.submit(() -> bed.put(bucket, key, content, null)));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        }
    }

    private static List<String> keys(String prefix, int count) {
        List<String> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(String.format("%s%06d", prefix, i));
        }
        return keys;
    }
}
