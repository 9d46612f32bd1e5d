package io.s3conn.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.record.Record;
import io.s3conn.core.record.RecordJson;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.s3.S3ConnectionSettings;
import io.s3conn.core.s3.StaticCredentials;
import io.s3conn.destination.s3.S3DestinationConfiguration;
import io.s3conn.destination.format.RecordFormats;
import io.s3conn.destination.s3.S3BatchWriter;
import io.s3conn.source.RecordHandler;
import io.s3conn.source.RecordPump;
import io.s3conn.source.S3Source;
import io.s3conn.source.S3SourceConfiguration;
import io.s3conn.source.SourceMode;
import io.s3conn.testbed.TestBed;
import io.s3conn.testbed.kafka.ConnectRest;
import io.s3conn.testbed.kafka.KafkaCluster;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Kafka Connect connectors against the CLI's code paths, in one run on the loopback test bed and a real
 * cluster (a KRaft broker and one distributed worker, child JVMs, exactly-once source delivery):
 *
 * <ol>
 *   <li>Snapshot records/s of {@code N} 1 KiB objects by {@code S3SourceConnector} with 1, 2 and 4 tasks (from
 *       creating the connector to the last record a {@code read_committed} consumer sees), each right after
 *       {@code source read}'s pump on the same bucket ({@link S3Source} through {@link RecordPump}, records written
 *       as JSON lines to a discarding stream, as the CLI writes them to stdout).</li>
 *   <li>Sink records/s of the snapshot's records from the topic into a bucket by {@code S3SinkConnector} as JSON
 *       lines (from creating the connector to the last object stored), against {@code destination write}'s writer
 *       ({@link S3BatchWriter}) storing the same records, read by the source, with the same batches.</li>
 * </ol>
 *
 * <p>Keys are numbered: {@code obj/000000} ... in one folder ({@code --keys folder}, the default), or
 * {@code obj-000000} ... with no folder at all ({@code --keys flat}); the connector plans its tasks' ranges by
 * each differently.
 *
 * <pre>KafkaConnectBenchmark --plugin-dir kafka-connect/target/plugin [--objects 10000] [--latency-ms 10] [--tasks 1,2,4] [--keys folder|flat]</pre>
 */
public final class KafkaConnectBenchmark {

    private static final int READ_AHEAD = 8;
    private static final int BATCH = 1000;
    private static final String SOURCE_BUCKET = "kc-source";

    private static final String USAGE = "KafkaConnectBenchmark --plugin-dir kafka-connect/target/plugin"
            + " [--objects 10000 (whole thousands)] [--latency-ms 10] [--tasks 1,2,4] [--keys folder|flat]";

    private KafkaConnectBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkArgs.requireKnown(args, USAGE);
        Path pluginDir = Path.of(BenchmarkArgs.option(args, "--plugin-dir", "kafka-connect/target/plugin")).toAbsolutePath();
        int objects = BenchmarkArgs.intOption(args, "--objects", 10_000) / BATCH * BATCH; // whole batches for the sink
        if (objects == 0) {
            BenchmarkArgs.refuse("--objects must be at least " + BATCH + " (the sink's batch): it is rounded down to whole batches",
                    USAGE);
        }
        int latencyMs = BenchmarkArgs.intOption(args, "--latency-ms", 10);
        List<Integer> taskCounts = BenchmarkArgs.intListOption(args, "--tasks", "1,2,4");
        if (taskCounts.contains(0)) {
            BenchmarkArgs.refuse("--tasks takes task counts of at least 1", USAGE);
        }
        String keyFormat = switch (BenchmarkArgs.option(args, "--keys", "folder")) {
            case "folder" -> "obj/%06d";
            case "flat" -> "obj-%06d";
            default -> {
                BenchmarkArgs.refuse("--keys is folder or flat", USAGE);
                throw new AssertionError("unreachable: refuse exits");
            }
        };
        PrintStream out = System.out;
        try (TestBed bed = TestBed.start(); KafkaCluster cluster = KafkaCluster.start(pluginDir, 1)) {
            // The cluster keeps its logs and data for the tests to read; a benchmark run left them behind (6 MB).
            Scratch.deleteAtExit(cluster.workDir());
            S3ConnectionSettings settings = S3ConnectionSettings.defaults().withEndpoint(bed.endpoint())
                    .withRegion(TestBed.REGION).withPathStyle(true)
                    .withCredentials(new StaticCredentials(TestBed.ACCESS_KEY_ID, TestBed.SECRET_ACCESS_KEY, Optional.empty()));
            bed.createBucket(SOURCE_BUCKET);
            seed(bed, objects, keyFormat);
            bed.emulator().setLatency(Duration.ofMillis(latencyMs));
            ConnectRest rest = cluster.rest();
            try (S3Client s3 = S3Clients.create(settings)) {
                sourceRead(s3, record -> { }); // warm-up of this JVM's code paths
                List<String> sourceRows = new ArrayList<>();
                String lastTopic = null;
                for (int tasks : taskCounts) {
                    long readNanos = sourceRead(s3, discardingJsonLines());
                    lastTopic = "snapshot-" + tasks;
                    long[] connect = connectorSnapshot(cluster, bed, lastTopic, tasks, objects);
                    long connectNanos = connect[0];
                    long steadyNanos = connect[0] - connect[1];
                    sourceRows.add(String.format(Locale.ROOT, "| %d | %,d | %,.0f | %,.0f | %.2f | %,.0f | %.2f |", tasks, objects,
                            objects / (readNanos / 1e9), objects / (connectNanos / 1e9), (double) readNanos / connectNanos,
                            objects / (steadyNanos / 1e9), (double) readNanos / steadyNanos));
                    System.err.printf("[bench] %d task(s): source read %.1f s, connector %.1f s (first record after %.1f s)%n",
                            tasks, readNanos / 1e9, connectNanos / 1e9, connect[1] / 1e9);
                }

                List<Record> records = new ArrayList<>(objects);
                sourceRead(s3, records::add);
                bed.createBucket("kc-write");
                long writeNanos = BenchmarkArgs.timed(() -> {
                    try (S3BatchWriter writer = new S3BatchWriter(s3, destination("kc-write"), batch -> { }, Clock.systemUTC())) {
                        records.forEach(writer::write);
                    }
                });
                bed.createBucket("kc-sink");
                long sinkNanos = BenchmarkArgs.timed(() -> {
                    Map<String, String> config = connection(bed, "kc-sink");
                    config.put("connector.class", "io.s3conn.kafka.connect.sink.S3SinkConnector");
                    config.put("tasks.max", "1");
                    config.put("topics", "snapshot-" + taskCounts.getLast());
                    config.put("format", "json");
                    config.put("buffer-size", Integer.toString(BATCH));
                    config.put("flush-interval", "24h");
                    require(rest.putConnector("sink", config));
                    awaitObjects(s3, "kc-sink", objects / BATCH);
                });
                rest.delete("sink");
                System.err.printf("[bench] sink: destination write %.1f s, connector %.1f s%n", writeNanos / 1e9, sinkNanos / 1e9);

                out.printf(Locale.ROOT, "%n## Kafka Connect benchmark%n%nJava %s, %d CPUs, simulated S3 round trip %d ms per request, "
                                + "%,d objects of 1 KiB (keys %s), one KRaft broker and one Connect worker on the same host, "
                                + "exactly-once source delivery, read-ahead %d per source.%n%n",
                        Runtime.version(), Runtime.getRuntime().availableProcessors(), latencyMs, objects,
                        String.format(keyFormat, 0) + " …", READ_AHEAD);
                out.println("| source tasks | objects | `source read` (records/s) | S3SourceConnector (records/s) | connector ÷ source read "
                        + "| S3SourceConnector from its first record (records/s) | that ÷ source read |");
                out.println("|--:|--:|--:|--:|--:|--:|--:|");
                sourceRows.forEach(out::println);
                out.println();
                out.println("| sink | records | `destination write` (records/s) | S3SinkConnector, 1 task (records/s) | connector ÷ destination write |");
                out.println("|---|--:|--:|--:|--:|");
                out.printf(Locale.ROOT, "| JSON lines, %d per object | %,d | %,.0f | %,.0f | %.2f |%n", BATCH, objects,
                        objects / (writeNanos / 1e9), objects / (sinkNanos / 1e9), (double) writeNanos / sinkNanos);
            }
        }
    }

    /** `source read`'s loop: a fresh source (and state) over the whole bucket, records handed over as read. */
    private static long sourceRead(S3Client s3, RecordHandler handler) throws Exception {
        Path dir = Scratch.directory("s3conn-kc-bench-");
        long start = System.nanoTime();
        try (Database database = Database.open("jdbc:sqlite:" + dir.resolve("state.db"))) {
            S3SourceConfiguration config = S3SourceConfiguration.of(SOURCE_BUCKET, "").withMode(SourceMode.SNAPSHOT)
                    .withPollingPeriod(Duration.ZERO).withReadAhead(READ_AHEAD).withSavedPosition("bench");
            try (S3Source source = new S3Source(s3, database, config, Optional.empty(), Clock.systemUTC())) {
                new RecordPump(source).run(handler, Long.MAX_VALUE, true);
            }
        }
        return System.nanoTime() - start;
    }

    private static RecordHandler discardingJsonLines() {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        return record -> {
            discard.println(RecordJson.write(record));
            discard.flush();
        };
    }

    /**
     * From creating the connector to the last of {@code objects} records a read_committed consumer sees, and to
     * the first: {elapsed, until the first record} in nanoseconds.
     */
    private static long[] connectorSnapshot(KafkaCluster cluster, TestBed bed, String topic, int tasks, int objects) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            consumer.position(partition);
            Map<String, String> config = connection(bed, SOURCE_BUCKET);
            config.put("connector.class", "io.s3conn.kafka.connect.source.S3SourceConnector");
            config.put("tasks.max", Integer.toString(tasks));
            config.put("topic", topic);
            config.put("read-ahead", Integer.toString(READ_AHEAD));
            config.put("state-dir", Scratch.directory("s3conn-kc-bench-state-").toString());
            config.put("exactly.once.support", "required");
            String name = "source-" + tasks;
            long start = System.nanoTime();
            require(cluster.rest().putConnector(name, config));
            long seen = 0;
            long first = 0;
            long deadline = start + Duration.ofMinutes(20).toNanos();
            while (seen < objects) {
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(100));
                if (seen == 0 && polled.count() > 0) {
                    first = System.nanoTime() - start;
                }
                seen += polled.count();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + ": " + seen + " of " + objects + " records in 20 minutes");
                }
            }
            long elapsed = System.nanoTime() - start;
            cluster.rest().delete(name);
            return new long[] {elapsed, first};
        }
    }

    private static void awaitObjects(S3Client s3, String bucket, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().count() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("fewer than " + count + " objects in " + bucket + " in 20 minutes");
            }
            Thread.sleep(50);
        }
    }

    private static S3DestinationConfiguration destination(String bucket) {
        return new S3DestinationConfiguration(bucket, "", "{id}.{ext}", RecordFormats.of("json", Optional.empty()),
                BATCH, 256L * 1024 * 1024, Duration.ofHours(24), S3DestinationConfiguration.DEFAULT_PART_SIZE,
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static Map<String, String> connection(TestBed bed, String bucket) {
        Map<String, String> settings = new HashMap<>();
        settings.put("bucket", bucket);
        settings.put("endpoint-url", bed.endpoint().toString());
        settings.put("region", TestBed.REGION);
        settings.put("path-style", "true");
        settings.put("access-key-id", TestBed.ACCESS_KEY_ID);
        settings.put("secret-access-key", TestBed.SECRET_ACCESS_KEY);
        return settings;
    }

    private static void require(ConnectRest.Response response) {
        if (response.status() != 201 && response.status() != 200) {
            throw new IllegalStateException("the worker refused the connector: " + response.status() + " " + response.body());
        }
    }

    private static void seed(TestBed bed, int objects, String keyFormat) throws Exception {
        byte[] kib = new byte[1024];
        Arrays.fill(kib, (byte) 'x');
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            List<Future<?>> puts = new ArrayList<>();
            for (int i = 0; i < objects; i++) {
                String key = String.format(keyFormat, i);
                puts.add(pool.submit(() -> bed.put(SOURCE_BUCKET, key, kib, null)));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        }
    }
}
