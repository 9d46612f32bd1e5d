package io.s3conn.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import io.s3conn.source.content.ContentMode;
import io.s3conn.testbed.EmulatorStats;
import io.s3conn.testbed.S3Operation;
import io.s3conn.testbed.TestBed;
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
 * </ol>
 *
 * <pre>SourceBenchmark [--objects 5000] [--cdc-objects 20000] [--latency-ms 10]</pre>
 */
public final class SourceBenchmark {

    private static final int READ_AHEAD = 8;
    private static final int SEED_CONCURRENCY = 32;

    private SourceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int objects = intOption(args, "--objects", 5000);
        int cdcObjects = intOption(args, "--cdc-objects", 20000);
        int latencyMs = intOption(args, "--latency-ms", 10);
        PrintStream out = System.out;
        try (TestBed bed = TestBed.start()) {
            S3ConnectionSettings settings = S3ConnectionSettings.defaults().withEndpoint(bed.endpoint())
                    .withRegion(TestBed.REGION).withPathStyle(true)
                    .withCredentials(new StaticCredentials(TestBed.ACCESS_KEY_ID, TestBed.SECRET_ACCESS_KEY, Optional.empty()));
            byte[] kib = new byte[1024];
            Arrays.fill(kib, (byte) 'x');
            bed.createBucket("snapshot");
            seed(bed, "snapshot", keys("obj/", objects), kib);
            bed.emulator().setLatency(Duration.ofMillis(latencyMs));

            try (S3Client s3 = S3Clients.create(settings)) {
                List<String> rows = new ArrayList<>();
                for (ContentMode content : ContentMode.values()) {
                    rawLoop(s3, "snapshot", content);
                    long rawNanos = timed(() -> rawLoop(s3, "snapshot", content));
                    snapshot(s3, "snapshot", content);
                    long sourceNanos = timed(() -> snapshot(s3, "snapshot", content));
                    String label = content == ContentMode.NONE ? "--content none" : "inline, 1 KiB objects";
                    rows.add(String.format(Locale.ROOT, "| snapshot, %s | %,d | %,.0f | %,.0f | %.2f |", label, objects,
                            objects / (rawNanos / 1e9), objects / (sourceNanos / 1e9), (double) sourceNanos / rawNanos));
                }
                bed.emulator().setLatency(Duration.ZERO);
                List<String> cdcRows = new ArrayList<>();
                for (boolean versioned : new boolean[] {false, true}) {
                    cdcRows.add(cdcCost(bed, s3, versioned, cdcObjects));
                }
                out.printf(Locale.ROOT, "%n## Source benchmark%n%nJava %s, %d CPUs, simulated round trip %d ms per request, "
                                + "read-ahead %d, records written as JSON lines to a discarding stream.%n%n",
                        Runtime.version(), Runtime.getRuntime().availableProcessors(), latencyMs, READ_AHEAD);
                out.println("| phase | objects | raw SDK loop (objects/s) | s3conn source (records/s) | × raw time |");
                out.println("|---|--:|--:|--:|--:|");
                rows.forEach(out::println);
                out.printf(Locale.ROOT, "%n| bucket (%,d objects) | requests of a CDC poll with 10 changes | requests of an idle poll |%n",
                        cdcObjects);
                out.println("|---|---|---|");
                cdcRows.forEach(out::println);
            }
        }
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

    private static long snapshot(S3Client s3, String bucket, ContentMode content) throws Exception {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        try (Database database = Database.open("jdbc:sqlite:" + Files.createTempDirectory("s3conn-bench-").resolve("s.db"))) {
            S3SourceConfiguration config = new S3SourceConfiguration(bucket, "", SourceMode.SNAPSHOT, Duration.ZERO, content,
                    S3SourceConfiguration.DEFAULT_MAX_PAYLOAD_BYTES, READ_AHEAD, "bench", true);
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

    private static String cdcCost(TestBed bed, S3Client s3, boolean versioned, int count) throws Exception {
        String bucket = versioned ? "cdc-versioned" : "cdc-unversioned";
        bed.createBucket(bucket);
        if (versioned) {
            bed.client().putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
        }
        List<String> keys = keys("k/", count);
        seed(bed, bucket, keys, new byte[0]);
        String url = "jdbc:sqlite:" + Files.createTempDirectory("s3conn-bench-cdc-").resolve("cdc.db");
        S3SourceConfiguration config = new S3SourceConfiguration(bucket, "", SourceMode.ALL, Duration.ZERO, ContentMode.INLINE,
                S3SourceConfiguration.DEFAULT_MAX_PAYLOAD_BYTES, READ_AHEAD, "bench", true);
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

    private interface Work {
        void run() throws Exception;
    }

    private static long timed(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }

    private static int intOption(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

}
