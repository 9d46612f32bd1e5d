package io.s3conn.bench;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.record.Metadata;
import io.s3conn.core.record.Record;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.s3.S3ConnectionSettings;
import io.s3conn.core.s3.StaticCredentials;
import io.s3conn.source.S3Source;
import io.s3conn.source.S3SourceConfiguration;
import io.s3conn.source.SourceMode;
import io.s3conn.source.change.ChangeFeed;
import io.s3conn.source.change.sqs.SqsNotifications;
import io.s3conn.source.change.sqs.SqsSettings;
import io.s3conn.testbed.S3Operation;
import io.s3conn.testbed.TestBed;
import io.s3conn.testbed.sqs.ElasticMqServer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;

/**
 * What S3 event notifications save, measured in one run on the loopback test bed with ElasticMQ: a CDC
 * source on a bucket of {@code --objects} objects, polling by listing (1 s period) versus
 * {@code --notifications} (20 s long polls, reconciling listing every hour):
 *
 * <ol>
 *   <li>requests (S3 + SQS) in an idle stretch of {@code --idle-seconds}, scaled to a minute;</li>
 *   <li>{@code --changes} objects created one after another at {@code --rate} a second while the source
 *       runs: requests per change (S3 requests but the benchmark's own PUTs, plus SQS), and the latency from
 *       each PUT's answer to its record being returned by {@code poll} (median, p99, max).</li>
 * </ol>
 *
 * <pre>EventsBenchmark [--objects 20000] [--changes 1000] [--rate 50] [--idle-seconds 60]</pre>
 */
public final class EventsBenchmark {

    private static final String USAGE = "EventsBenchmark [--objects 20000] [--changes 1000] [--rate 50] [--idle-seconds 60]";

    private EventsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkArgs.requireKnown(args, USAGE);
        int objects = BenchmarkArgs.intOption(args, "--objects", 20000);
        int changes = BenchmarkArgs.intOption(args, "--changes", 1000);
        int rate = BenchmarkArgs.intOption(args, "--rate", 50);
        int idleSeconds = BenchmarkArgs.intOption(args, "--idle-seconds", 60);
        if (changes < 1 || rate < 1 || idleSeconds < 1) {
            // Each divides: --rate 0 threw ArithmeticException after seeding, the others printed NaN or Infinity.
            BenchmarkArgs.refuse("--changes, --rate and --idle-seconds must be at least 1", USAGE);
        }
        PrintStream out = System.out;
        List<String> rows = new ArrayList<>();
        try (TestBed bed = TestBed.start(); ElasticMqServer sqs = ElasticMqServer.start()) {
            bed.emulator().notifications().connect(sqs.endpoint());
            S3ConnectionSettings settings = S3ConnectionSettings.defaults().withEndpoint(bed.endpoint())
                    .withRegion(TestBed.REGION).withPathStyle(true)
                    .withCredentials(new StaticCredentials(TestBed.ACCESS_KEY_ID, TestBed.SECRET_ACCESS_KEY, Optional.empty()));
            try (S3Client s3 = S3Clients.create(settings)) {
                for (boolean notifications : new boolean[] {false, true}) {
                    String bucket = notifications ? "events-notified" : "events-polled";
                    bed.createBucket(bucket);
                    seed(bed, bucket, objects);
                    String queueUrl = sqs.createQueue("q-" + bucket);
                    if (notifications) {
                        bed.client().putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(c -> c
                                .queueConfigurations(q -> q.queueArn(ElasticMqServer.queueArn("q-" + bucket))
                                        .events(Event.S3_OBJECT_CREATED, Event.S3_OBJECT_REMOVED))));
                    }
                    rows.add(measure(bed, s3, sqs, bucket, queueUrl, notifications, changes, rate, idleSeconds));
                    System.err.println(rows.getLast());
                }
            }
        }
        out.printf(Locale.ROOT, "%n## Events benchmark%n%nJava %s, %d CPUs, loopback test bed (S3Proxy + archive emulator) and "
                        + "ElasticMQ; a CDC source on a bucket of %,d objects; %,d objects created at %d/s while it runs.%n%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), objects, changes, rate);
        out.println("| change feed | requests per idle minute (S3 + SQS) | requests per change | PUT → record median | p99 | max |");
        out.println("|---|--:|--:|--:|--:|--:|");
        rows.forEach(out::println);
    }

    private static String measure(TestBed bed, S3Client s3, ElasticMqServer sqs, String bucket, String queueUrl,
                                  boolean notifications, int changes, int rate, int idleSeconds) throws Exception {
        SqsNotifications queue = new SqsNotifications(sqs.client(), queueUrl, SqsSettings.defaults());
        ChangeFeed feed = notifications ? new ChangeFeed.Notifications(queue, Duration.ofHours(1)) : ChangeFeed.listing();
        S3SourceConfiguration config = S3SourceConfiguration.of(bucket, "").withMode(SourceMode.CDC)
                .withSavedPosition("bench");
        try (Database database = Database.open("jdbc:sqlite:" + Scratch.directory("s3conn-bench-events-").resolve("s.db"));
             S3Source source = new S3Source(s3, database, config, Optional.empty(), Clock.systemUTC(), feed)) {
            // The first poll (the reconciling listing with notifications) records the bucket silently.
            while (source.progress().polls() == 0) {
                drain(source.poll(Duration.ofMillis(200)), source, null);
            }
            // Idle.
            bed.emulator().resetStats();
            long sqsBefore = queue.stats().requests();
            long idleEnd = System.nanoTime() + Duration.ofSeconds(idleSeconds).toNanos();
            while (System.nanoTime() < idleEnd) {
                drain(source.poll(Duration.ofMillis(200)), source, null);
            }
            double idlePerMinute = (bed.emulator().stats().totalRequests() + queue.stats().requests() - sqsBefore) * 60.0 / idleSeconds;

            // Changes, one after another at the given rate, while the source runs.
            bed.emulator().resetStats();
            sqsBefore = queue.stats().requests();
            Map<String, Long> putAt = new ConcurrentHashMap<>();
            Map<String, Long> emittedAt = new ConcurrentHashMap<>();
            ExecutorService writer = Executors.newSingleThreadExecutor();
            Future<?> writing = writer.submit(() -> {
                long interval = 1_000_000_000L / rate;
                long next = System.nanoTime();
                for (int i = 0; i < changes; i++) {
                    String key = String.format(Locale.ROOT, "chg/%05d", i);
                    bed.put(bucket, key, "change " + i, null);
                    putAt.put(key, System.nanoTime());
                    next += interval;
                    long sleep = next - System.nanoTime();
                    if (sleep > 0) {
                        Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                    }
                }
                return null;
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(changes / rate + 120).toNanos();
            while (emittedAt.size() < changes && System.nanoTime() < deadline) {
                drain(source.poll(Duration.ofMillis(100)), source, emittedAt);
            }
            writing.get();
            writer.shutdown();
            long s3Requests = bed.emulator().stats().totalRequests() - bed.emulator().stats().requests(S3Operation.PUT_OBJECT);
            long sqsRequests = queue.stats().requests() - sqsBefore;
            long[] latencies = emittedAt.entrySet().stream().filter(e -> putAt.containsKey(e.getKey()))
                    .mapToLong(e -> e.getValue() - putAt.get(e.getKey())).sorted().toArray();
            return String.format(Locale.ROOT, "| %s | %,.0f | %.2f (%d S3 + %d SQS for %d records) | %s | %s | %s |",
                    notifications ? "`--notifications` (SQS)" : "listing, 1 s period", idlePerMinute,
                    (double) (s3Requests + sqsRequests) / changes, s3Requests, sqsRequests, emittedAt.size(),
                    millis(percentile(latencies, 50)), millis(percentile(latencies, 99)), millis(percentile(latencies, 100)));
        }
    }

    /** Commits the records; notes when each change's record came. */
    private static void drain(List<Record> records, S3Source source, Map<String, Long> emittedAt) {
        long now = System.nanoTime();
        for (Record record : records) {
            if (emittedAt != null) {
                emittedAt.putIfAbsent(record.metadata().get(Metadata.S3_KEY), now);
            }
            source.commit(record.position());
        }
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String millis(long nanos) {
        return nanos < 0 ? "-" : String.format(Locale.ROOT, "%,d ms", nanos / 1_000_000);
    }

    private static void seed(TestBed bed, String bucket, int count) {
        List<String> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(String.format(Locale.ROOT, "k/%06d", i));
        }
        bed.putMany(bucket, keys, 32);
    }
}
