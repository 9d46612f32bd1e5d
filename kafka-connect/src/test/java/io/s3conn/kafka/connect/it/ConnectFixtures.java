package io.s3conn.kafka.connect.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.s3conn.kafka.connect.sink.S3SinkConnector;
import io.s3conn.testbed.TestBed;
import io.s3conn.testbed.kafka.ConnectWorker;
import io.s3conn.testbed.kafka.KafkaCluster;
import io.s3conn.testbed.postgres.PostgresServer;

/**
 * The shared fixtures of the connector tests: one S3 test bed, one Kafka cluster (a KRaft broker and two
 * Connect workers with the plugin this module built) and one PostgreSQL server per test JVM, started on first
 * use and stopped at exit.
 */
final class ConnectFixtures {

    static final int WORKERS = 2;

    /**
     * Keys that URL encoding, XML, line-based logs and Unicode normalization get wrong, up to the longest S3 stores
     * (1,024 bytes of UTF-8): the list of {@code integration-tests}' {@code Fixtures.AWKWARD_KEYS}, which this module
     * cannot see.
     */
    static final List<String> AWKWARD_KEYS = List.of("a b/c d.txt", "under_score_1", "under_score_s1",
            "plus+sign", "a+b", "%2B", "per%25cent%", "100%", "%41", "%%", "%zz", "new\nline", "cr\rkey", "crlf\r\nkey",
            "tab\tkey", "colon:key", " leading space", "trailing space ", "xml&<>\"'", "xml&amp;", "ünï/cødé/日本語.txt",
            "emoji-😀", "clef-\uD834\uDD1E", "\uFEFFbom", "caf\u00E9", "cafe\u0301", "long/" + "ü".repeat(509) + "x");
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static TestBed testBed;
    private static KafkaCluster cluster;
    private static PostgresServer postgres;

    private ConnectFixtures() {
    }

    static synchronized TestBed testBed() {
        if (testBed == null) {
            testBed = TestBed.start();
            Runtime.getRuntime().addShutdownHook(new Thread(testBed::close));
        }
        return testBed;
    }

    static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = PostgresServer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close));
        }
        return postgres;
    }

    /**
     * The cluster, with {@link #WORKERS} live workers: a worker killed by an earlier test is replaced. For a test class's
     * fields, so that the replacement happens between tests: the helpers a test calls after it killed a worker use
     * {@link #running()}. Before, they called this too, and a worker started in the middle of a test that had just
     * killed one joined the group seconds later and took tasks over there: one more rebalance inside the test, on a JVM
     * that had not joined when it answered.
     */
    static synchronized KafkaCluster cluster() {
        KafkaCluster running = running();
        while (running.liveWorkers().size() < WORKERS) {
            running.addWorker();
        }
        return running;
    }

    /** The cluster as it is, started on first use; a worker a test killed is not replaced. */
    static synchronized KafkaCluster running() {
        if (cluster == null) {
            String pluginDir = System.getProperty("s3conn.kafka-connect.plugin-dir");
            if (pluginDir == null || !Files.isDirectory(Path.of(pluginDir, "s3conn"))) {
                throw new IllegalStateException("the plugin directory is missing: run the ITs with `verify` (package builds it)");
            }
            cluster = KafkaCluster.start(Path.of(pluginDir), WORKERS);
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
        }
        return cluster;
    }

    /** A name no other test uses, for buckets, topics and connectors. */
    static String unique(String purpose) {
        return purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-") + "-" + NAMES.incrementAndGet();
    }

    static String newBucket(String purpose) {
        String bucket = unique(purpose);
        testBed().createBucket(bucket);
        return bucket;
    }

    /** {@code count} keys {@code prefix00000}, {@code prefix00001}, ... in key order. */
    static List<String> numberedKeys(String prefix, int count) {
        List<String> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(String.format("%s%05d", prefix, i));
        }
        return keys;
    }

    /** The connection settings of the test bed, under the connectors' setting names. */
    static Map<String, String> s3Settings(String bucket) {
        TestBed bed = testBed();
        Map<String, String> settings = new HashMap<>();
        settings.put("bucket", bucket);
        settings.put("endpoint-url", bed.endpoint().toString());
        settings.put("region", bed.region());
        settings.put("path-style", "true");
        settings.put("access-key-id", bed.accessKeyId());
        settings.put("secret-access-key", bed.secretAccessKey());
        return settings;
    }

    /**
     * The configuration of a sink connector writing {@code format} to {@code bucket}, to complete with the topics it
     * reads ({@code topics} or {@code topics.regex}) and any other setting.
     */
    static Map<String, String> sinkConfig(String bucket, String format) {
        Map<String, String> config = new HashMap<>(s3Settings(bucket));
        config.put("connector.class", S3SinkConnector.class.getName());
        config.put("format", format);
        return config;
    }

    static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, running().bootstrapServers()));
    }

    static void createTopic(String topic, int partitions) throws Exception {
        createTopic(new NewTopic(topic, partitions, (short) 1));
    }

    /**
     * A topic of one partition that keeps its records whatever their timestamps: under the broker's default retention
     * of seven days, a record stamped years ago is deleted by the next retention check (every five minutes), which can
     * come before a connector read it.
     */
    static void createTopicKeepingOldRecords(String topic) throws Exception {
        createTopic(new NewTopic(topic, 1, (short) 1).configs(Map.of("retention.ms", "-1")));
    }

    private static void createTopic(NewTopic topic) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(topic)).all().get();
        }
    }

    /** A consumer of committed records only, from the beginning, keys and values as strings. */
    static KafkaConsumer<String, String> readCommitted(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, running().bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, unique("reader"));
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** The live worker that runs at least one task of {@code connector} and is not the one {@code keep} names. */
    static ConnectWorker workerRunningTasksOf(String connector, ConnectWorker keep) {
        KafkaCluster kafka = running();
        var status = kafka.rest().status(connector).orElseThrow();
        List<String> busy = new ArrayList<>();
        status.tasks().forEach(task -> busy.add(task.workerId()));
        return kafka.liveWorkers().stream()
                .filter(w -> w != keep && busy.contains(w.workerId()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no other worker runs a task of " + connector + ": " + status));
    }

    /** The lines of the workers' logs matching {@code wanted}, once there is one, or none after {@code timeout}. */
    static List<String> awaitWorkerLogLines(Predicate<String> wanted, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        List<String> found = List.of();
        while (found.isEmpty() && System.nanoTime() < end) {
            sleep(Duration.ofMillis(500));
            found = running().workerLogLines().stream().filter(wanted).toList();
        }
        return found;
    }

    /**
     * The threads of each live worker ({@code jcmd PID Thread.print}), each written to a file beside the worker's log;
     * the files, for a failure message: what a task was doing when a test gave up waiting for it.
     */
    static List<Path> dumpWorkerThreads() {
        List<Path> dumps = new ArrayList<>();
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        for (ConnectWorker worker : running().liveWorkers()) {
            Path dump = worker.logFile().resolveSibling(worker.logFile().getFileName() + ".threads-" + System.currentTimeMillis());
            try {
                Process process = new ProcessBuilder(jcmd.toString(), Long.toString(worker.pid()), "Thread.print")
                        .redirectErrorStream(true).redirectOutput(dump.toFile()).start();
                if (process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    dumps.add(dump);
                } else {
                    process.destroyForcibly();
                }
            } catch (java.io.IOException e) {
                // No dump of this worker: the failure is reported all the same.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return dumps;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The offsets {@code GET /connectors/NAME/offsets} answered, with the first task's position replaced: the body a
     * {@code PATCH} takes, as an operator edits it (the plan fields kept).
     */
    static String withFirstPosition(String offsets, String position) {
        if (!offsets.contains("\"position\":\"")) {
            throw new IllegalArgumentException("no position in the offsets: " + offsets);
        }
        return offsets.replaceFirst("\"position\":\"[^\"]*\"", Matcher.quoteReplacement("\"position\":\"" + position + "\""));
    }
}
