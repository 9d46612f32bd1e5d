package io.s3conn.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.s3conn.glacier.ServerTraits;
import io.s3conn.core.jdbc.Database;
import io.s3conn.core.jdbc.JdbcUrls;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.s3.S3ConnectionSettings;
import io.s3conn.core.s3.StaticCredentials;
import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.objects.InventorySync;
import io.s3conn.inventory.versions.VersionInventorySync;
import io.s3conn.inventory.InventorySyncOptions;
import io.s3conn.inventory.SyncListener;
import io.s3conn.inventory.SyncSummary;
import io.s3conn.source.RecordPump;
import io.s3conn.source.S3Source;
import io.s3conn.source.S3SourceConfiguration;
import io.s3conn.source.SourceMode;
import io.s3conn.source.SourceRun;
import io.s3conn.source.content.ContentMode;
import io.s3conn.source.range.KeyRange;
import io.s3conn.source.range.ParallelWalker;
import io.s3conn.source.range.RangePlanner;
import io.s3conn.source.range.WalkSummary;
import io.s3conn.source.range.WalkerSettings;
import io.s3conn.source.walk.CurrentObjectsWalk;
import io.s3conn.source.walk.ListedObject;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.OptionalObjectAttributes;

/**
 * One measured phase of {@link InventoryBenchmark}, run in its own JVM so that its peak RSS is its
 * own and not the test bed's or another phase's.
 *
 * <pre>
 * BenchmarkWorker floor &lt;endpoint&gt; &lt;bucket&gt;
 * BenchmarkWorker sync  &lt;endpoint&gt; &lt;bucket&gt; &lt;sqlite file or JDBC URL&gt; [list-concurrency [objects|versions [prefix]]]
 * BenchmarkWorker source &lt;endpoint&gt; &lt;bucket&gt; &lt;sqlite file&gt; [list-concurrency]
 * </pre>
 *
 * It prints one line of {@code key=value} pairs on standard output, starting with {@code elapsed_ms}
 * and also holding {@code objects} and {@code vmhwm_kb}. The clock starts after the JVM and the S3 client
 * are up and one warm-up request has been answered (both phases pay the same for those) and stops when
 * the work is done; VmHWM covers the whole process life, start-up included, because that is what an
 * operator sees.
 */
public final class BenchmarkWorker {

    /** The sync's page size, and the floor's, so both make the same number of requests. */
    static final int PAGE_SIZE = 1000;

    private BenchmarkWorker() {
    }

    /** Runs one phase; exits 2 on bad arguments, 1 (with a stack trace) when the phase fails. */
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            usage();
        }
        LiveHeap.watch();
        S3ConnectionSettings settings = settings(URI.create(args[1]));
        Map<String, Object> result = switch (args[0]) {
            case "floor" -> floor(settings, args[2]);
            case "walk" -> walk(settings, args[2], args.length > 3 ? Integer.parseInt(args[3])
                    : InventorySyncOptions.DEFAULT_LIST_CONCURRENCY);
            case "source" -> {
                if (args.length < 4) {
                    usage();
                }
                yield source(settings, args[2], args[3], args.length > 4 ? Integer.parseInt(args[4])
                        : InventorySyncOptions.DEFAULT_LIST_CONCURRENCY);
            }
            case "sync" -> {
                if (args.length < 4) {
                    usage();
                }
                int concurrency = args.length > 4 ? Integer.parseInt(args[4]) : InventorySyncOptions.DEFAULT_LIST_CONCURRENCY;
                boolean versions = args.length > 5 && args[5].equals("versions");
                String prefix = args.length > 6 ? args[6] : "";
                yield sync(settings, args[2], args[3], concurrency, versions, prefix);
            }
            default -> {
                usage();
                yield Map.of();
            }
        };
        result.put("vmhwm_kb", vmHwmKb());
        result.put("live_heap_kb", LiveHeap.mostKb());
        // Start-up included: the parent subtracts it from the machine's busy time to see what else ran.
        result.put("cpu_total_ms", ProcessHandle.current().info().totalCpuDuration()
                .map(java.time.Duration::toMillis).orElse(-1L));
        System.out.println(result.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" ")));
        System.out.flush();
        // The SDK's and SQLite's non-daemon threads (if any) must not keep the phase alive.
        System.exit(0);
    }

    private static void usage() {
        System.err.println("usage: BenchmarkWorker floor <endpoint> <bucket> | walk <endpoint> <bucket> [list-concurrency] | sync <endpoint> <bucket> <sqlite-file|jdbc-url> [list-concurrency [objects|versions [prefix]]] | source <endpoint> <bucket> <sqlite-file> [list-concurrency]");
        System.exit(2);
    }

    /** The product's settings for the test bed, so both phases get the client the product builds. */
    static S3ConnectionSettings settings(URI endpoint) {
        return S3ConnectionSettings.defaults()
                .withEndpoint(endpoint)
                .withRegion("us-east-1")
                .withPathStyle(true)
                // Another server's keys (Ceph RGW's) come as system properties; the test bed's by default.
                .withCredentials(new StaticCredentials(
                        System.getProperty("bench.access-key", io.s3conn.testbed.TestBed.ACCESS_KEY_ID),
                        System.getProperty("bench.secret-key", io.s3conn.testbed.TestBed.SECRET_ACCESS_KEY),
                        Optional.empty()));
    }

    /**
     * The floor: the same ListObjectsV2 requests the sync sends (1000 keys, URL encoding, RestoreStatus),
     * through the SDK's paginator, and nothing else. No sync can list faster than this.
     */
    private static Map<String, Object> floor(S3ConnectionSettings settings, String bucket) {
        try (S3Client s3 = S3Clients.create(settings)) {
            ListObjectsV2Request request = ListObjectsV2Request.builder()
                    .bucket(bucket)
                    .maxKeys(PAGE_SIZE)
                    .encodingType(EncodingType.URL)
                    .optionalObjectAttributes(OptionalObjectAttributes.RESTORE_STATUS)
                    .build();
            warmUp(s3, bucket);
            Usage before = Usage.now();
            long start = System.nanoTime();
            long objects = 0;
            long pages = 0;
            long withRestoreStatus = 0;
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(request)) {
                pages++;
                objects += page.contents().size();
                // Touch what the sync reads from each entry so the floor cannot skip parsing it.
                withRestoreStatus += page.contents().stream().filter(o -> o.restoreStatus() != null).count();
            }
            long elapsed = System.nanoTime() - start;
            Usage used = Usage.now().minus(before);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("elapsed_ms", ms(elapsed));
            result.put("objects", objects);
            result.put("pages", pages);
            result.put("restore_status_elements", withRestoreStatus);
            result.put("cpu_ms", used.cpuMs());
            result.put("gc_ms", used.gcMs());
            result.put("gcs", used.gcs());
            return result;
        }
    }

    /**
     * The listing a sync makes, alone: the range planner and the parallel walker with the sync's walk
     * (1000 keys a page, RestoreStatus asked for) and client, nothing compared or written; what a sync
     * with {@code concurrency} ranges at once cannot beat.
     */
    private static Map<String, Object> walk(S3ConnectionSettings settings, String bucket, int concurrency)
            throws InterruptedException {
        try (S3Client s3 = S3Clients.create(settings)) {
            warmUp(s3, bucket);
            Usage before = Usage.now();
            long start = System.nanoTime();
            WalkerSettings walkerSettings = WalkerSettings.of(concurrency);
            List<KeyRange> plan = RangePlanner.of(s3, bucket, "").plan(walkerSettings.planRanges());
            long[] objects = {0};
            WalkSummary summary = new ParallelWalker<>(new CurrentObjectsWalk(s3, bucket, "", PAGE_SIZE, true),
                    ListedObject::key, "", walkerSettings)
                    .walk(plan, page -> objects[0] += page.page().entries().size());
            long elapsed = System.nanoTime() - start;
            Usage used = Usage.now().minus(before);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("elapsed_ms", ms(elapsed));
            result.put("objects", objects[0]);
            result.put("pages", summary.pages());
            result.put("ranges", summary.ranges());
            result.put("splits", summary.splits());
            result.put("cpu_ms", used.cpuMs());
            return result;
        }
    }

    /**
     * The engine of {@code source read --mode cdc}, started on an empty state and run until idle: its first poll lists
     * the whole bucket, {@code concurrency} parts at once, and compares it with the state; the synthetic bucket's
     * objects are older than the source's start, so none is emitted or read. Its peak RSS at two bucket sizes says
     * whether the source's memory grows with the bucket, which a snapshot (a read per object) could not show at a
     * million keys in reasonable time. GetBucketVersioning, which the synthetic server does not serve, is answered
     * as for an unversioned bucket.
     */
    private static Map<String, Object> source(S3ConnectionSettings settings, String bucket, String database,
                                              int concurrency) throws Exception {
        String jdbcUrl = "jdbc:sqlite:" + Path.of(database).toAbsolutePath();
        try (S3Client s3 = new UnversionedS3Client(S3Clients.create(settings))) {
            warmUp(s3, bucket);
            S3SourceConfiguration config = S3SourceConfiguration.of(bucket, "").withMode(SourceMode.CDC).withPollingPeriod(Duration.ZERO)
                    .withContent(ContentMode.NONE).withSavedPosition("bench")
                    .withListConcurrency(concurrency);
            Usage before = Usage.now();
            long start = System.nanoTime();
            SourceRun run;
            try (Database db = Database.open(jdbcUrl);
                 S3Source source = new S3Source(s3, db, config, Optional.empty(), Clock.systemUTC())) {
                run = new RecordPump(source).run(record -> { }, Long.MAX_VALUE, true);
            }
            long elapsed = System.nanoTime() - start;
            Usage used = Usage.now().minus(before);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("elapsed_ms", ms(elapsed));
            result.put("records", run.records());
            result.put("list_requests", run.listRequests());
            result.put("cpu_ms", used.cpuMs());
            result.put("gc_ms", used.gcMs());
            return result;
        }
    }

    /**
     * A sync with the product's defaults, listing {@code concurrency} key ranges at once, into a SQLite file or the
     * database of a JDBC URL (fresh or not, as the caller chose); with {@code versions} the version inventory's
     * sync (ListObjectVersions into {@code s3_object_versions}), which takes its database opened; the scope is the keys
     * under {@code prefix} ({@code ""}: the whole bucket).
     * Besides the totals it reports where the time went, from the page arrival times seen by
     * {@link TimedS3Client} and the commit times seen by the listener:
     * {@code work_ms} is main-thread time on pages (resolving restore statuses, comparing, writing,
     * committing), {@code wait_ms} main-thread time waiting for the listing, {@code list_ms} the time
     * the listing thread spent in ListObjectsV2 calls, {@code first_request_ms} the time from the start
     * until the first ListObjectsV2 request went out, {@code tail_ms} the time after the last commit.
     */
    private static Map<String, Object> sync(S3ConnectionSettings settings, String bucket, String database, int concurrency,
                                            boolean versions, String prefix) {
        String jdbcUrl = database.startsWith("jdbc:") ? database : "jdbc:sqlite:" + Path.of(database).toAbsolutePath();
        S3Client raw = S3Clients.create(settings);
        // Warmed up before it is wrapped, so the wrapper's page arrival times are the sync's own pages.
        warmUp(raw, bucket);
        try (TimedS3Client s3 = new TimedS3Client(raw)) {
            List<Long> commits = java.util.Collections.synchronizedList(new ArrayList<>());
            // Called on the sync's (main) thread right after each page's commit.
            SyncListener listener = (scope, counters) -> commits.add(System.nanoTime());
            Usage before = Usage.now();
            long start = System.nanoTime();
            SyncSummary summary;
            long[] openedAt = new long[2];
            Database[] opened = new Database[1];
            // As the CLI does: the sync opens the database once the first page is in, while later pages load.
            Supplier<Database> opener = () -> {
                openedAt[0] = System.nanoTime();
                opened[0] = Database.open(jdbcUrl);
                openedAt[1] = System.nanoTime();
                return opened[0];
            };
            try {
                InventorySyncOptions options = InventorySyncOptions.defaults().withListConcurrency(concurrency);
                ServerTraits server = ServerTraits.of(settings.isAmazonS3());
                summary = versions
                        ? new VersionInventorySync(s3, server, opener.get(), options).run(new InventoryScope(bucket, prefix), listener)
                        : new InventorySync(s3, server, opener, options).run(new InventoryScope(bucket, prefix), listener);
            } finally {
                if (opened[0] != null) {
                    opened[0].close();
                }
            }
            long runStart = openedAt[1];
            long end = System.nanoTime();
            Usage used = Usage.now().minus(before);

            Map<String, Object> result = new LinkedHashMap<>();
            result.put("elapsed_ms", ms(end - start));
            result.put("cpu_ms", used.cpuMs());
            result.put("gc_ms", used.gcMs());
            result.put("gcs", used.gcs());
            result.put("objects", summary.counters().listed());
            result.put("changed", summary.counters().changed());
            result.put("deleted", summary.counters().deleted());
            result.put("pages", summary.counters().pages());
            result.put("heads", summary.counters().headRequests());
            result.put("live_rows", summary.contents().objects());
            result.put("restore_source", summary.restoreStatusSource());
            result.put("open_ms", ms(openedAt[1] - openedAt[0]));
            // Set-up before the first request cannot overlap the listing; the DB open now does.
            result.put("first_request_ms", s3.firstListStart() == 0 ? -1 : ms(s3.firstListStart() - start));
            result.put("list_ms", ms(s3.listNanos()));
            List<Long> arrivals = s3.listArrivals();
            if (concurrency == 1 && arrivals.size() == commits.size()) {
                // Page i is worked on from when it is both here and the main thread is free, until its commit.
                long work = 0;
                long wait = 0;
                long free = runStart;
                for (int i = 0; i < arrivals.size(); i++) {
                    long begin = Math.max(arrivals.get(i), free);
                    wait += Math.max(0, arrivals.get(i) - free);
                    work += commits.get(i) - begin;
                    free = commits.get(i);
                }
                result.put("work_ms", ms(work));
                result.put("wait_ms", ms(wait));
                result.put("tail_ms", ms(end - free));
            }
            result.put("db_bytes", JdbcUrls.sqliteFile(jdbcUrl).map(file -> sizeOf(Path.of(file))).orElse(-1L));
            return result;
        }
    }

    /**
     * One unmeasured one-key listing, so that neither phase's clock includes the SDK's lazy set-up
     * (endpoint rules, signer, XML unmarshallers: a few hundred ms in a fresh JVM) or the first TCP
     * connection. Those are constant per run, and leaving them in would flatter every ratio.
     */
    private static void warmUp(S3Client s3, String bucket) {
        s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(1).encodingType(EncodingType.URL)
                .optionalObjectAttributes(OptionalObjectAttributes.RESTORE_STATUS));
    }

    /**
     * This process' CPU time (all threads, JIT and GC included) and its collectors' pause totals: on a
     * small machine shared with the test bed, CPU a phase burns is CPU the S3 server does not get.
     */
    private record Usage(long cpuMs, long gcMs, long gcs) {

        static Usage now() {
            long cpu = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
            long gcMs = 0;
            long gcs = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                gcMs += Math.max(0, gc.getCollectionTime());
                gcs += Math.max(0, gc.getCollectionCount());
            }
            return new Usage(cpu, gcMs, gcs);
        }

        Usage minus(Usage earlier) {
            return new Usage(cpuMs - earlier.cpuMs, gcMs - earlier.gcMs, gcs - earlier.gcs);
        }
    }

    private static long sizeOf(Path dbFile) {
        try {
            long size = Files.size(dbFile);
            Path wal = Path.of(dbFile + "-wal");
            return size + (Files.exists(wal) ? Files.size(wal) : 0);
        } catch (IOException e) {
            return -1;
        }
    }

    private static long ms(long nanos) {
        return Math.round(nanos / 1e6);
    }

    /** Peak resident set size of this process, from Linux' /proc/self/status; -1 where unavailable. */
    static long vmHwmKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring("VmHWM:".length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: the table shows n/a
        }
        return -1;
    }
}
