package io.s3conn.kafka.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.s3conn.core.record.Record;
import io.s3conn.core.record.RecordJson;
import io.s3conn.testbed.TestBed;
import io.s3conn.testbed.kafka.ConnectRest;
import io.s3conn.testbed.kafka.ConnectWorker;
import io.s3conn.testbed.kafka.KafkaCluster;

/** A bucket replicated into another through Kafka: the source connector into a topic, the sink connector out of it. */
class ReplicationIT {

    private static final int OBJECTS = 300;
    private static final int KILLED_OBJECTS = 5_000;

    private final TestBed bed = ConnectFixtures.testBed();
    private final KafkaCluster cluster = ConnectFixtures.cluster();
    @RegisterExtension
    final ConnectorTestCleanup connectors = new ConnectorTestCleanup(cluster);

    @Test
    void everyObjectOfTheSourceBucketArrivesInTheDestinationWithItsBytes() throws Exception {
        String source = ConnectFixtures.newBucket("replica-from");
        String destination = ConnectFixtures.newBucket("replica-to");
        Map<String, byte[]> objects = new HashMap<>();
        for (int i = 0; i < OBJECTS; i++) {
            byte[] content = i % 3 == 0 ? new byte[] {(byte) i, 0, (byte) 0xff} : ("object " + i + " ünï").getBytes(StandardCharsets.UTF_8);
            String key = (i % 2 == 0 ? "logs/" : "data/") + String.format("%04d", i) + (i % 5 == 0 ? " with space+plus" : ".txt");
            objects.put(key, content);
            bed.put(source, key, content, null);
        }
        String topic = ConnectFixtures.unique("replica");
        String sourceName = ConnectFixtures.unique("replica-source");
        String sinkName = ConnectFixtures.unique("replica-sink");

        Map<String, String> sourceConfig = SourceConnectorIT.source(source, topic);
        sourceConfig.put("tasks.max", "2");
        connectors.create(cluster.rest(), sourceName, sourceConfig);
        Map<String, String> sinkConfig = ConnectFixtures.sinkConfig(destination, "json");
        sinkConfig.put("topics", topic);
        sinkConfig.put("prefix", "replica");
        sinkConfig.put("buffer-size", "100"); // the topic has one partition: 300 records are three whole objects
        sinkConfig.put("flush-interval", "1h");
        connectors.create(cluster.rest(), sinkName, sinkConfig);

        Map<String, byte[]> replicated = awaitRecords(destination, OBJECTS);

        assertThat(replicated.keySet()).containsExactlyInAnyOrderElementsOf(objects.keySet());
        objects.forEach((key, content) -> assertThat(replicated.get(key)).as(key).isEqualTo(content));
        assertThat(BucketFiles.objects(bed, destination)).allSatisfy(o -> assertThat(o.key()).startsWith("replica/"));
    }

    /**
     * Keys with {@code +}, {@code %}, {@code %41}, spaces, control characters, XML's characters, Unicode above U+FFFF
     * and in two normal forms, and one of 1,024 bytes: each arrives in the topic as the record's key, then in the
     * destination with its bytes, and its changes arrive under the same key.
     */
    @Test
    void awkwardKeysArriveInTheTopicAndTheDestinationAsTheyWereAndSoDoTheirChanges() throws Exception {
        String source = ConnectFixtures.newBucket("awkward-from");
        String destination = ConnectFixtures.newBucket("awkward-to");
        List<String> keys = ConnectFixtures.AWKWARD_KEYS;
        Map<String, byte[]> objects = new HashMap<>();
        for (String key : keys) {
            objects.put(key, ("body of " + key).getBytes(StandardCharsets.UTF_8));
            bed.put(source, key, objects.get(key), null);
        }
        String topic = ConnectFixtures.unique("awkward");
        Map<String, String> sinkConfig = ConnectFixtures.sinkConfig(destination, "json");
        sinkConfig.put("topics", topic);
        sinkConfig.put("buffer-size", Integer.toString(keys.size())); // the snapshot is one whole object
        sinkConfig.put("flush-interval", "1h");
        sinkConfig.put("consumer.override.isolation.level", "read_committed");
        connectors.create(cluster.rest(), ConnectFixtures.unique("awkward-sink"), sinkConfig);

        try (TopicReader reader = new TopicReader(topic)) {
            connectors.create(cluster.rest(), ConnectFixtures.unique("awkward-source"), SourceConnectorIT.source(source, topic));
            Map<String, Long> counts = reader.awaitKeysThenCount(keys.size(), Duration.ofSeconds(60));
            Map<String, byte[]> replicated = awaitRecords(destination, keys.size());
            List<String> updated = keys.subList(0, keys.size() / 2);
            List<String> deleted = keys.subList(keys.size() / 2, keys.size());
            updated.forEach(key -> bed.put(source, key, "updated", null));
            deleted.forEach(key -> bed.client().deleteObject(d -> d.bucket(source).key(key)));
            List<TopicReader.Seen> all = reader.awaitUntil(seen -> seen.size() >= 2 * keys.size(), Duration.ofSeconds(60),
                    "an update or a delete of each key");
            ConnectFixtures.sleep(Duration.ofSeconds(2)); // a change emitted twice would come in the next polls
            all = reader.seen();

            assertThat(counts).containsOnlyKeys(keys).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1L));
            assertThat(all.subList(0, keys.size())).allSatisfy(seen ->
                    assertThat(seen.value().path("metadata").path("s3.key").asText()).isEqualTo(seen.key()));
            assertThat(replicated.keySet()).containsExactlyInAnyOrderElementsOf(keys);
            objects.forEach((key, content) -> assertThat(replicated.get(key)).as(key).isEqualTo(content));
            List<String> changes = all.subList(keys.size(), all.size()).stream().map(seen -> seen.operation() + " " + seen.key()).toList();
            List<String> expected = new ArrayList<>();
            updated.forEach(key -> expected.add("update " + key));
            deleted.forEach(key -> expected.add("delete " + key));
            assertThat(changes).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /**
     * The source's transaction that was open when its worker died is aborted, but its records are in the topic: Connect's
     * sink consumers read uncommitted records unless told otherwise, and would store them too. With
     * {@code consumer.override.isolation.level=read_committed} (README) the sink stores each object once.
     */
    @Test
    void aWorkerKilledMidSnapshotLeavesEveryObjectOnceInTheDestinationOfASinkReadingCommittedRecords() throws Exception {
        String source = ConnectFixtures.newBucket("replica-killed-from");
        String destination = ConnectFixtures.newBucket("replica-killed-to");
        List<String> keys = ConnectFixtures.numberedKeys("obj-", KILLED_OBJECTS);
        bed.putMany(source, keys, 16);
        String topic = ConnectFixtures.unique("replica-killed");
        String sourceName = ConnectFixtures.unique("replica-killed-source");
        bed.emulator().setLatency(Duration.ofMillis(15)); // a snapshot of some seconds: long enough to kill a worker in it
        ConnectWorker keep = cluster.liveWorkers().getFirst();
        ConnectRest rest = keep.rest();
        Map<String, String> sinkConfig = ConnectFixtures.sinkConfig(destination, "json");
        sinkConfig.put("topics", topic);
        sinkConfig.put("buffer-size", "100");
        sinkConfig.put("flush-interval", "1h");
        sinkConfig.put("consumer.override.isolation.level", "read_committed");
        connectors.create(rest, ConnectFixtures.unique("replica-killed-sink"), sinkConfig);

        try (TopicReader reader = new TopicReader(topic)) {
            connectors.create(rest, sourceName, SourceConnectorIT.source(source, topic));
            rest.awaitRunning(sourceName, Duration.ofSeconds(60));
            reader.awaitUntil(seen -> seen.size() >= 1000, Duration.ofSeconds(60), "the first 1,000 records");
            ConnectFixtures.workerRunningTasksOf(sourceName, keep).kill();
            int readWhenKilled = reader.seen().size();
            bed.emulator().setLatency(Duration.ZERO);

            Map<String, byte[]> replicated = awaitRecords(destination, KILLED_OBJECTS);
            ConnectFixtures.sleep(Duration.ofSeconds(3)); // a duplicate would come in the objects after the last new key

            assertThat(readWhenKilled).as("killed mid-snapshot").isLessThan(KILLED_OBJECTS);
            assertThat(replicated.keySet()).containsExactlyInAnyOrderElementsOf(keys);
            assertThat(awaitRecords(destination, KILLED_OBJECTS)).as("records stored").hasSize(KILLED_OBJECTS);
        }
    }

    /**
     * A sink storing into the bucket the source of its topic reads: each object it stores would come back as a record and
     * be stored again, without end (some 500 objects in 20 s before). The first object read back fails the sink's task
     * with one line, and no object of the sink is stored but those of the source's own objects.
     */
    @Test
    void aSinkStoringWhereTheSourceOfItsTopicReadsFailsAtItsFirstObjectReadBackAndStoresNoMore() throws Exception {
        String bucket = ConnectFixtures.newBucket("loop");
        List<String> keys = ConnectFixtures.numberedKeys("obj-", 3);
        bed.putMany(bucket, keys, 16);
        String topic = ConnectFixtures.unique("loop");
        String sinkName = ConnectFixtures.unique("loop-sink");
        Map<String, String> sinkConfig = ConnectFixtures.sinkConfig(bucket, "json");
        sinkConfig.putAll(Map.of("topics", topic, "prefix", "loop", "buffer-size", "1",
                "consumer.override.isolation.level", "read_committed"));
        Map<String, String> sourceConfig = SourceConnectorIT.source(bucket, topic);
        sourceConfig.put("tasks.max", "1"); // the snapshot's three records come before any object read back
        ConnectRest rest = cluster.rest();
        connectors.create(rest, ConnectFixtures.unique("loop-source"), sourceConfig);
        connectors.create(rest, sinkName, sinkConfig);

        ConnectRest.Status status = rest.awaitFailed(sinkName, Duration.ofSeconds(90));
        ConnectFixtures.sleep(Duration.ofSeconds(5)); // ten polls of the source: a loop going on would store more

        String trace = status.tasks().getFirst().trace().orElseThrow();
        assertThat(trace.lines().filter(line -> line.startsWith("Caused by: org.apache.kafka.connect.errors.ConnectException: record ")))
                .as("the reason in " + trace).singleElement().asString()
                .contains(" of " + topic + "-0 is the object s3://" + bucket + "/loop/")
                .endsWith("give the sink another bucket or prefix, or the source a prefix that leaves s3://" + bucket
                        + "/loop/ out (nothing of this record's batch was stored)");
        assertThat(BucketFiles.objects(bed, bucket)).filteredOn(o -> o.key().startsWith("loop/")).hasSize(keys.size());
    }

    /** Key to payload of the records stored in {@code bucket}, once there are {@code count}; a key twice fails. */
    private Map<String, byte[]> awaitRecords(String bucket, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            List<Record> records = new ArrayList<>();
            Path dir = BucketFiles.download(bed, bucket);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.readAllLines(file).stream().filter(line -> !line.isBlank()).map(RecordJson::read).forEach(records::add);
                }
            }
            if (records.size() >= count || System.nanoTime() > deadline) {
                Map<String, byte[]> byKey = new HashMap<>();
                for (Record record : records) {
                    String key = new String(record.key(), StandardCharsets.UTF_8);
                    assertThat(byKey.put(key, record.payload().after().orElseThrow())).as("stored twice: " + key).isNull();
                }
                return byKey;
            }
            ConnectFixtures.sleep(Duration.ofMillis(500));
        }
    }
}
