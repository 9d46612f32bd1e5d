package io.s3conn.kafka.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.s3conn.core.record.Record;
import io.s3conn.core.record.RecordJson;
import io.s3conn.kafka.connect.record.SinkRecords;
import io.s3conn.testbed.TestBed;
import io.s3conn.testbed.kafka.ConnectRest;
import io.s3conn.testbed.kafka.ConnectWorker;
import io.s3conn.testbed.kafka.KafkaCluster;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The sink connector on a real cluster. */
class SinkConnectorIT {

    private static final int RECORDS = 50_000;
    private static final int PARTITIONS = 4;

    private final TestBed bed = ConnectFixtures.testBed();
    private final KafkaCluster cluster = ConnectFixtures.cluster();
    @RegisterExtension
    final ConnectorTestCleanup connectors = new ConnectorTestCleanup(cluster);

    @Test
    void aWorkerKilledMidFlushLeavesEveryRecordStoredExactlyOnceAsParquet() throws Exception {
        String topic = ConnectFixtures.unique("sink-in");
        ConnectFixtures.createTopic(topic, PARTITIONS);
        produce(topic, RECORDS, PARTITIONS);
        String bucket = ConnectFixtures.newBucket("eos-sink");
        String name = ConnectFixtures.unique("sink");
        bed.emulator().setLatency(Duration.ofMillis(40)); // uploads of some seconds: long enough to kill a worker among them
        ConnectWorker keep = cluster.liveWorkers().getFirst();

        Map<String, String> config = ConnectFixtures.sinkConfig(bucket, "parquet");
        config.put("tasks.max", "4");
        config.put("topics", topic);
        config.put("buffer-size", "500");
        config.put("flush-interval", "1h");
        config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        connectors.create(keep.rest(), name, config);
        keep.rest().awaitRunning(name, Duration.ofSeconds(60));
        BucketFiles.awaitObjects(bed, bucket, 10);
        ConnectWorker victim = ConnectFixtures.workerRunningTasksOf(name, keep);
        victim.kill();
        int storedWhenKilled = BucketFiles.objects(bed, bucket).size();
        bed.emulator().setLatency(Duration.ZERO);
        awaitCommitted("connect-" + name, topic, RECORDS / PARTITIONS);

        Path files = BucketFiles.download(bed, bucket);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement query = duck.createStatement()) {
            String all = "read_parquet('" + files + "/*.parquet')";
            try (ResultSet rs = query.executeQuery("SELECT count(*), count(DISTINCT key), "
                    + "count(*) FILTER (WHERE payload_after = ('value-' || decode(key)[3:])::BLOB), "
                    + "count(DISTINCT metadata['kafka.partition'] || ':' || metadata['kafka.offset']) FROM " + all)) {
                rs.next();
                assertThat(storedWhenKilled).as("killed among the uploads").isBetween(10, RECORDS / 500 - 1);
                assertThat(rs.getLong(1)).as("records stored").isEqualTo(RECORDS);
                assertThat(rs.getLong(2)).as("distinct record keys").isEqualTo(RECORDS);
                assertThat(rs.getLong(3)).as("records whose payload is their value").isEqualTo(RECORDS);
                assertThat(rs.getLong(4)).as("distinct partition:offset").isEqualTo(RECORDS);
            }
        }
        assertThat(BucketFiles.objects(bed, bucket)).as("one object per 500 records").hasSize(RECORDS / 500);
    }

    /**
     * The sink keeps no offsets of its own, so a reset of its consumer group's offsets is all there is to it: Connect
     * says so without its warning about offsets kept elsewhere, and the sink stores the topic again, batch for batch
     * under the names it had.
     */
    @Test
    void offsetsResetThroughTheRestApiMakeTheSinkStoreTheTopicAgainUnderTheSameNames() throws Exception {
        String topic = ConnectFixtures.unique("reset-in");
        ConnectFixtures.createTopic(topic, 1);
        produce(topic, 300, 1);
        String bucket = ConnectFixtures.newBucket("reset-sink");
        String name = ConnectFixtures.unique("reset-sink");
        Map<String, String> config = ConnectFixtures.sinkConfig(bucket, "json");
        config.put("topics", topic);
        config.put("buffer-size", "100");
        config.put("flush-interval", "1h");
        config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0));
        ConnectRest rest = cluster.rest();
        connectors.create(rest, name, config);
        awaitCommitted("connect-" + name, partitions, 300);
        Map<String, Instant> firstStored = storedAt(bucket);
        assertThat(rest.stop(name).status()).isEqualTo(204);
        rest.awaitStopped(name, Duration.ofSeconds(60));

        ConnectRest.Response reset = rest.resetOffsets(name);
        Map<TopicPartition, OffsetAndMetadata> afterReset;
        try (Admin admin = ConnectFixtures.admin()) {
            afterReset = admin.listConsumerGroupOffsets("connect-" + name).partitionsToOffsetAndMetadata().get();
        }
        ConnectFixtures.sleep(Duration.ofMillis(1100)); // LastModified counts seconds: objects stored again show a later one
        assertThat(rest.resume(name).status()).isEqualTo(202);
        awaitCommitted("connect-" + name, partitions, 300);

        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        assertThat(reset.body()).as("no word of offsets kept elsewhere").doesNotContain("manually");
        assertThat(afterReset).as("the group's offsets after the reset").isEmpty();
        Map<String, Instant> storedAgain = storedAt(bucket);
        assertThat(storedAgain.keySet()).as("the objects' names").isEqualTo(firstStored.keySet()).hasSize(3);
        assertThat(storedAgain).allSatisfy((key, at) -> assertThat(at).as(key).isAfter(firstStored.get(key)));
    }

    /** When each object of {@code bucket} was last stored, by key. */
    private Map<String, Instant> storedAt(String bucket) {
        Map<String, Instant> at = new java.util.TreeMap<>();
        BucketFiles.objects(bed, bucket).forEach(object -> at.put(object.key(), object.lastModified()));
        return at;
    }

    /** RegexRouter gives both topics' records one name: their batches start at the same offsets. */
    @Test
    void recordsOfTopicsRoutedToOneNameAreAllStored() throws Exception {
        String base = ConnectFixtures.unique("routed");
        List<String> topics = List.of(base + "-eu", base + "-us");
        int perTopic = 300;
        for (String topic : topics) {
            ConnectFixtures.createTopic(topic, 1);
            produce(topic, perTopic, 1);
        }
        String bucket = ConnectFixtures.newBucket("routed-sink");
        String name = ConnectFixtures.unique("routed-sink");
        Map<String, String> config = ConnectFixtures.sinkConfig(bucket, "json");
        config.put("topics.regex", base + "-.*");
        config.put("buffer-size", "100");
        config.put("flush-interval", "1h");
        config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("transforms", "route");
        config.put("transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter");
        config.put("transforms.route.regex", "(.*)-(eu|us)");
        config.put("transforms.route.replacement", "$1");

        connectors.create(cluster.rest(), name, config);
        awaitCommitted("connect-" + name, topics.stream().map(t -> new TopicPartition(t, 0)).toList(), perTopic);

        List<Record> stored = storedRecords(bucket);
        assertThat(stored).as("records stored").hasSize(2 * perTopic);
        assertThat(stored.stream().map(r -> r.metadata().get(SinkRecords.KAFKA_TOPIC) + ":" + r.metadata().get(SinkRecords.KAFKA_OFFSET))
                .distinct()).as("distinct topic:offset").hasSize(2 * perTopic);
        assertThat(stored).allSatisfy(r -> assertThat(r.metadata()).containsEntry("opencdc.collection", base));
    }

    /** A value the converter cannot read never reaches the task: Connect hands it to the dead letter queue. */
    @Test
    void withErrorsToleratedAValueTheConverterCannotReadGoesToTheDeadLetterQueueAndTheOthersAreStored() throws Exception {
        String topic = ConnectFixtures.unique("tolerated");
        String deadLetters = ConnectFixtures.unique("dead-letters");
        ConnectFixtures.createTopic(topic, 1);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(new ProducerRecord<>(topic, 0, "k-" + i, i == 4 ? "not json {" : "{\"n\":" + i + "}"));
        }
        send(records);
        String bucket = ConnectFixtures.newBucket("tolerated-sink");
        String name = ConnectFixtures.unique("tolerated-sink");
        Map<String, String> config = ConnectFixtures.sinkConfig(bucket, "json");
        config.put("topics", topic);
        config.put("buffer-size", "3");
        config.put("flush-interval", "1h");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", deadLetters);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");

        connectors.create(cluster.rest(), name, config);
        awaitCommitted("connect-" + name, List.of(new TopicPartition(topic, 0)), 10);

        assertThat(storedRecords(bucket)).extracting(r -> new String(r.key(), java.nio.charset.StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder("k-0", "k-1", "k-2", "k-3", "k-5", "k-6", "k-7", "k-8", "k-9");
        try (KafkaConsumer<String, String> dlq = ConnectFixtures.readCommitted(deadLetters)) {
            List<String> dead = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (dead.isEmpty() && System.nanoTime() < deadline) {
                dlq.poll(Duration.ofMillis(500)).forEach(r -> dead.add(r.key() + "=" + r.value()));
            }
            assertThat(dead).containsExactly("k-4=not json {");
        }
    }

    /**
     * A topic of plain JSON read with the JSON converter without schemas: objects arrive as Maps, the other values as
     * Lists, numbers and strings, a tombstone as null. Each is stored, none fails the task.
     */
    @Test
    void schemalessJsonValuesOfEveryKindAreStoredAsCreatesAndATombstoneAsADelete() throws Exception {
        String topic = ConnectFixtures.unique("schemaless");
        ConnectFixtures.createTopic(topic, 1);
        List<String> values = java.util.Arrays.asList("{\"a\":1}", "[1,2]", "42", "\"text\"", null);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            records.add(new ProducerRecord<>(topic, 0, "k-" + i, values.get(i)));
        }
        send(records);
        String bucket = ConnectFixtures.newBucket("schemaless-sink");
        String name = ConnectFixtures.unique("schemaless-sink");
        Map<String, String> config = ConnectFixtures.sinkConfig(bucket, "json");
        config.put("topics", topic);
        config.put("buffer-size", Integer.toString(values.size()));
        config.put("flush-interval", "1h");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");

        connectors.create(cluster.rest(), name, config);
        awaitCommitted("connect-" + name, List.of(new TopicPartition(topic, 0)), values.size());

        assertThat(storedRecords(bucket)).extracting(r -> new String(r.key(), java.nio.charset.StandardCharsets.UTF_8)
                        + " " + r.operation().wireName() + " " + r.payload().after().map(String::new).orElse("-"))
                .containsExactlyInAnyOrder("k-0 create {\"a\":1}", "k-1 create [1,2]", "k-2 create 42", "k-3 create text",
                        "k-4 delete -");
        assertThat(cluster.rest().status(name)).hasValueSatisfying(status -> assertThat(status.running()).isTrue());
    }

    /**
     * An OpenCDC value without a time of its own (no {@code opencdc.createdAt} or {@code opencdc.readAt}) files its
     * batch under its Kafka record's timestamp: under the wall clock, a batch written again after a crash on another
     * day would get another name than its first copy, and both would be kept.
     */
    @Test
    void aBatchStartingWithAnOpenCdcValueWithoutTimesIsFiledUnderItsKafkaTimestamp() throws Exception {
        String topic = ConnectFixtures.unique("untimed");
        ConnectFixtures.createTopicKeepingOldRecords(topic);
        long recordTime = Instant.parse("2020-01-02T03:04:05Z").toEpochMilli();
        String envelope = "{\"position\":\"s3conn:v1:snapshot:1:YQ\",\"operation\":\"create\",\"metadata\":{\"m\":\"1\"},"
                + "\"key\":\"YQ==\",\"payload\":{\"before\":null,\"after\":{\"n\":1}}}";
        send(List.of(new ProducerRecord<>(topic, 0, recordTime, "k", envelope)));
        String bucket = ConnectFixtures.newBucket("untimed-sink");
        String name = ConnectFixtures.unique("untimed-sink");
        Map<String, String> config = ConnectFixtures.sinkConfig(bucket, "json");
        config.put("topics", topic);
        config.put("buffer-size", "1");
        config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");

        connectors.create(cluster.rest(), name, config);
        awaitCommitted("connect-" + name, List.of(new TopicPartition(topic, 0)), 1);

        assertThat(BucketFiles.objects(bed, bucket)).extracting(S3Object::key)
                .singleElement().asString().startsWith("2020/01/02/");
    }

    /** The records of the JSON lines objects in {@code bucket}. */
    static List<Record> storedRecords(String bucket) throws java.io.IOException {
        List<Record> stored = new ArrayList<>();
        try (Stream<Path> files = Files.list(BucketFiles.download(ConnectFixtures.testBed(), bucket))) {
            for (Path file : files.toList()) {
                Files.readAllLines(file).stream().filter(line -> !line.isBlank()).map(RecordJson::read).forEach(stored::add);
            }
        }
        return stored;
    }

    private static void awaitCommitted(String group, String topic, long offset) throws Exception {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        awaitCommitted(group, partitions, offset);
    }

    /** Waits until consumer group {@code group} committed {@code offset} or more for each of {@code partitions}. */
    static void awaitCommitted(String group, List<TopicPartition> partitions, long offset) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        try (Admin admin = ConnectFixtures.admin()) {
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                boolean done = true;
                for (TopicPartition partition : partitions) {
                    OffsetAndMetadata at = committed.get(partition);
                    done &= at != null && at.offset() >= offset;
                }
                if (done) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("offsets not committed up to " + offset + " within 120 s: " + committed
                            + "; the workers' threads then: " + ConnectFixtures.dumpWorkerThreads());
                }
                ConnectFixtures.sleep(Duration.ofMillis(250));
            }
        }
    }

    /** Records k-00000 ... with values value-00000 ..., round robin over {@code partitions} partitions, one millisecond apart. */
    static void produce(String topic, int count, int partitions) {
        long base = System.currentTimeMillis() - count;
        List<ProducerRecord<String, String>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String n = String.format("%05d", i);
            records.add(new ProducerRecord<>(topic, i % partitions, base + i, "k-" + n, "value-" + n));
        }
        send(records);
    }

    /**
     * Sends {@code records} and waits until the broker took each one. A send that failed stops the test here, naming
     * it: unchecked, a lost batch (a loaded machine timing out a produce request) left a partition short, and the test
     * waited for offsets that could never come. The delivery timeout outlasts such loads instead of failing on them.
     */
    static void send(List<ProducerRecord<String, String>> records) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ConnectFixtures.running().bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Duration.ofMinutes(10).toMillis()));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
            records.forEach(record -> sent.add(producer.send(record)));
            for (int i = 0; i < sent.size(); i++) {
                try {
                    sent.get(i).get();
                } catch (ExecutionException e) {
                    ProducerRecord<String, String> record = records.get(i);
                    throw new AssertionError("producing record " + record.key() + " to " + record.topic() + "-"
                            + record.partition() + " failed: " + e.getCause(), e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while producing", e);
        }
    }

}
