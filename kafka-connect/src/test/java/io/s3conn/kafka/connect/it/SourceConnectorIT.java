package io.s3conn.kafka.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.s3conn.kafka.connect.source.S3SourceConnector;
import io.s3conn.testbed.TestBed;
import io.s3conn.testbed.kafka.ConnectRest;
import io.s3conn.testbed.kafka.ConnectWorker;
import io.s3conn.testbed.kafka.KafkaCluster;

/** The source connector on a real cluster, exactly-once delivery enabled. */
class SourceConnectorIT {

    private static final int OBJECTS = 10_000;

    private final TestBed bed = ConnectFixtures.testBed();
    private final KafkaCluster cluster = ConnectFixtures.cluster();
    @RegisterExtension
    final ConnectorTestCleanup connectors = new ConnectorTestCleanup(cluster);

    @Test
    void aWorkerKilledMidSnapshotLosesNothingAndDuplicatesNothingThenChangesArrive() throws Exception {
        String bucket = ConnectFixtures.newBucket("eos-source");
        List<String> keys = ConnectFixtures.numberedKeys("obj-", OBJECTS);
        bed.putMany(bucket, keys, 16);
        String topic = ConnectFixtures.unique("objects");
        String name = ConnectFixtures.unique("source");
        bed.emulator().setLatency(Duration.ofMillis(15)); // a snapshot of some seconds: long enough to kill a worker in it
        ConnectWorker keep = cluster.liveWorkers().getFirst();
        ConnectRest rest = keep.rest();

        try (TopicReader reader = new TopicReader(topic)) {
            connectors.create(rest, name, source(bucket, topic));
            rest.awaitRunning(name, Duration.ofSeconds(60));
            reader.awaitUntil(seen -> seen.size() >= 1500, Duration.ofSeconds(60), "the first 1,500 records");
            ConnectWorker victim = ConnectFixtures.workerRunningTasksOf(name, keep);
            victim.kill();
            int readWhenKilled = reader.seen().size();
            bed.emulator().setLatency(Duration.ZERO);

            List<TopicReader.Seen> snapshot = reader.awaitUntil(seen -> keysOf(seen).size() >= OBJECTS,
                    Duration.ofSeconds(120), "every object");
            ConnectFixtures.sleep(Duration.ofSeconds(2)); // a duplicate would come in the transactions after the last new key
            snapshot = reader.seen();

            assertThat(readWhenKilled).as("killed mid-snapshot").isLessThan(OBJECTS);
            assertThat(rest.status(name).orElseThrow().tasks()).hasSize(4)
                    .allSatisfy(task -> assertThat(task.workerId()).isEqualTo(keep.workerId()));
            assertThat(snapshot).allSatisfy(seen -> assertThat(seen.operation()).isEqualTo("snapshot"));
            assertThat(countsByKey(snapshot)).hasSize(OBJECTS).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1L));

            bed.put(bucket, "new-1", "created", null);
            bed.put(bucket, "obj-05000", "updated", null);
            bed.client().deleteObject(d -> d.bucket(bucket).key("obj-09999"));
            List<TopicReader.Seen> all = reader.awaitUntil(seen -> seen.size() >= OBJECTS + 3, Duration.ofSeconds(60),
                    "a create, an update and a delete");
            ConnectFixtures.sleep(Duration.ofSeconds(3));
            all = reader.seen();

            List<String> changes = all.subList(snapshot.size(), all.size()).stream()
                    .map(seen -> seen.operation() + " " + seen.key()).toList();
            assertThat(changes).containsExactlyInAnyOrder("create new-1", "update obj-05000", "delete obj-09999");
        }
    }

    /**
     * Once its snapshot is read, a source of {@code mode=snapshot} has nothing more to return, ever: its task polled
     * again at once, and kept a core of its worker busy for as long as it ran (observed: 4.2 s of CPU in these 10 s on
     * a loaded 2-core machine, 0.24 s since).
     */
    @Test
    void aSnapshotOnlySourceLeavesItsWorkerIdleOnceItsSnapshotIsRead() throws Exception {
        SourceUnderTest source = SourceUnderTest.of("snapshot-only", 20, 1);
        source.config().put("mode", "snapshot");
        ConnectRest rest = cluster.rest();

        try (TopicReader reader = source.createAndAwait(connectors, rest, source.keys().size(), "the snapshot")) {
            String workerId = rest.awaitRunning(source.name(), Duration.ofSeconds(60)).tasks().getFirst().workerId();
            ConnectWorker worker = cluster.liveWorkers().stream().filter(w -> w.workerId().equals(workerId)).findFirst().orElseThrow();
            ConnectFixtures.sleep(Duration.ofSeconds(2)); // the last transaction and offset commit
            Duration before = cpuTime(worker);
            ConnectFixtures.sleep(Duration.ofSeconds(10));
            Duration used = cpuTime(worker).minus(before);

            assertThat(reader.seen()).hasSize(source.keys().size());
            assertThat(used).as("CPU time of the worker running the task, over 10 s").isLessThan(Duration.ofSeconds(2));
        }
    }

    private static Duration cpuTime(ConnectWorker worker) {
        return ProcessHandle.of(worker.pid()).flatMap(p -> p.info().totalCpuDuration())
                .orElseThrow(() -> new IllegalStateException("no CPU time of " + worker));
    }

    /**
     * Keys sorting before the others move every quantile of the bucket: a connector that planned again would give
     * its tasks other ranges, whose offsets are new, and snapshot the bucket a second time.
     */
    @Test
    void aConnectorRestartedAfterKeysWereAddedKeepsItsRangesAndReportsOnlyTheNewKeys() throws Exception {
        String bucket = ConnectFixtures.newBucket("restart-source");
        List<String> keys = ConnectFixtures.numberedKeys("obj-", 3000); // three pages: the planner cuts no range smaller than a page
        bed.putMany(bucket, keys, 16);
        String topic = ConnectFixtures.unique("restart");
        String name = ConnectFixtures.unique("restart-source");
        ConnectRest rest = cluster.rest();

        try (TopicReader reader = new TopicReader(topic)) {
            Map<String, String> config = source(bucket, topic);
            config.put("tasks.max", "3");
            connectors.create(rest, name, config);
            rest.awaitRunning(name, Duration.ofSeconds(60));
            reader.awaitUntil(seen -> seen.size() >= keys.size(), Duration.ofSeconds(60), "the snapshot");
            assertThat(rest.status(name).orElseThrow().tasks()).as("one task per planned range").hasSize(3);
            List<TopicReader.Seen> snapshot = List.copyOf(reader.seen());

            assertThat(rest.stop(name).status()).isEqualTo(204);
            rest.awaitStopped(name, Duration.ofSeconds(60));
            List<String> added = ConnectFixtures.numberedKeys("added-", 600);
            bed.putMany(bucket, added, 16);
            assertThat(rest.resume(name).status()).isEqualTo(202);
            rest.awaitRunning(name, Duration.ofSeconds(60));
            reader.awaitUntil(seen -> seen.size() >= keys.size() + added.size(), Duration.ofSeconds(60), "the added keys");
            ConnectFixtures.sleep(Duration.ofSeconds(3)); // a second snapshot would follow within the next polls
            List<TopicReader.Seen> all = reader.seen();

            assertThat(snapshot).hasSize(keys.size()).allSatisfy(seen -> assertThat(seen.operation()).isEqualTo("snapshot"));
            assertThat(countsByKey(all)).hasSize(keys.size() + added.size())
                    .allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1L));
            assertThat(all.subList(keys.size(), all.size())).allSatisfy(seen -> {
                assertThat(seen.key()).startsWith("added-");
                assertThat(seen.operation()).isEqualTo("create");
            });
        }
    }

    /** Connect's REST API finds a partition's offsets by serializing the partition as it reads it back. */
    @Test
    void offsetsResetThroughTheRestApiMakeTheConnectorReadTheBucketAgain() throws Exception {
        SourceUnderTest source = SourceUnderTest.of("reset", 20, 1);
        List<String> keys = source.keys();
        String name = source.name();
        ConnectRest rest = cluster.rest();

        try (TopicReader reader = source.createAndAwait(connectors, rest, keys.size(), "the snapshot")) {
            assertThat(rest.stop(name).status()).isEqualTo(204);
            rest.awaitStopped(name, Duration.ofSeconds(60));
            String offsets = rest.offsets(name).body();

            ConnectRest.Response reset = rest.resetOffsets(name);
            assertThat(rest.resume(name).status()).isEqualTo(202);
            reader.awaitUntil(seen -> seen.size() >= 2 * keys.size(), Duration.ofSeconds(60), "the second snapshot");

            assertThat(offsets).as("offsets of the task's partition").contains("\"task\":\"0\"").contains("s3conn:v1:");
            assertThat(reset.status()).as(reset.body()).isEqualTo(200);
            assertThat(countsByKey(reader.seen())).hasSize(keys.size()).allSatisfy((key, count) -> assertThat(count).isEqualTo(2L));
        }
    }

    /**
     * Connect stores whatever offsets a {@code PATCH} gives it unless the connector refuses them: a position the task
     * cannot parse failed it at every start, with no word of the offset.
     */
    @Test
    void anOffsetWithAMalformedPositionWrittenThroughTheRestApiIsRefusedWithTheReasonAndTheStoredOffsetsStay() throws Exception {
        assertPatchRefused("patch", offsets -> ConnectFixtures.withFirstPosition(offsets, "s3conn:v1:snapshot:yesterday:"),
                "the offset of task 0 has a position the source cannot resume from: "
                        + "malformed s3conn position: the watermark is not a number of milliseconds since 1970");
    }

    /** Before, the answer said the offset carried no plan, while its fields were there. */
    @Test
    void anOffsetWhosePlanWasEditedIntoNoJsonArrayIsRefusedSayingItsTaskCannotReadIt() throws Exception {
        assertPatchRefused("patch-plan", offsets -> offsets.replace("\"plan\":\"[]\"", "\"plan\":\"[\""),
                "the offset of task 0 carries a plan of the key ranges its task cannot read (the fields plan and plan-number, "
                        + "as GET /connectors/NAME/offsets shows them): its task would ignore it");
    }

    /**
     * A one-task source of 5 objects, stopped once they arrived, whose offsets {@code edit} makes {@code PATCH} refuse
     * with {@code reason}: the stored offsets stay.
     */
    private void assertPatchRefused(String label, UnaryOperator<String> edit, String reason) throws Exception {
        SourceUnderTest source = SourceUnderTest.of(label, 5, 1);
        String name = source.name();
        ConnectRest rest = cluster.rest();

        try (TopicReader reader = source.createAndAwait(connectors, rest, source.keys().size(), "the snapshot")) {
            assertThat(rest.stop(name).status()).isEqualTo(204);
            rest.awaitStopped(name, Duration.ofSeconds(60));
            String offsets = rest.offsets(name).body();
            String edited = edit.apply(offsets);

            ConnectRest.Response altered = rest.alterOffsets(name, edited);

            assertThat(edited).as("the offsets edited").isNotEqualTo(offsets);
            assertThat(altered.status()).as(altered.body()).isGreaterThanOrEqualTo(400);
            assertThat(altered.message()).hasValue(reason);
            assertThat(rest.offsets(name).body()).isEqualTo(offsets);
        }
    }

    /**
     * The task's state says what it emitted up to where it stands: an offset moved back within that (here from CDC into
     * the snapshot) is not followed. Before, the task started its snapshot again after the patched key, emitting the
     * keys after it once more under the positions they had. Resetting the offsets (DELETE) reads the bucket again.
     */
    @Test
    void anOffsetPatchedBackFromCdcIntoTheSnapshotIsIgnoredAndOnlyLaterChangesArrive() throws Exception {
        SourceUnderTest source = SourceUnderTest.of("patch-back", 5, 1);
        String name = source.name();
        ConnectRest rest = cluster.rest();

        try (TopicReader reader = source.createAndAwait(connectors, rest, source.keys().size(), "the snapshot")) {
            bed.put(source.bucket(), "added-1", "in CDC", null);
            reader.awaitUntil(seen -> seen.size() > source.keys().size(), Duration.ofSeconds(60), "the first change");
            assertThat(rest.stop(name).status()).isEqualTo(204);
            rest.awaitStopped(name, Duration.ofSeconds(60));
            String firstSnapshotRecord = reader.seen().getFirst().position();
            String offsets = rest.offsets(name).body();
            String back = ConnectFixtures.withFirstPosition(offsets, firstSnapshotRecord);

            ConnectRest.Response patched = rest.alterOffsets(name, back);
            bed.put(source.bucket(), "added-2", "while stopped", null);
            assertThat(rest.resume(name).status()).isEqualTo(202);
            reader.awaitUntil(seen -> keysOf(seen).contains("added-2"), Duration.ofSeconds(60), "the second change");
            ConnectFixtures.sleep(Duration.ofSeconds(3)); // the snapshot again would come within the next polls

            assertThat(patched.status()).as(patched.body()).isEqualTo(200);
            assertThat(firstSnapshotRecord).startsWith("s3conn:v1:snapshot:");
            List<TopicReader.Seen> all = reader.seen();
            assertThat(all.subList(source.keys().size(), all.size())).extracting(seen -> seen.operation() + " " + seen.key())
                    .containsExactly("create added-1", "create added-2");
        }
    }

    /**
     * Fewer tasks than the plan's ranges cannot keep it: the connector plans again and the new ranges start with a
     * snapshot; more tasks keep the plan, so raising tasks.max again changes nothing.
     */
    @Test
    void loweringTasksMaxOfARunningSourcePlansAgainWithASnapshotAndRaisingItKeepsThatPlan() throws Exception {
        SourceUnderTest source = SourceUnderTest.of("tasks-max", 3000, 3); // three pages: three ranges
        List<String> keys = source.keys();
        String name = source.name();
        Map<String, String> config = source.config();
        ConnectRest rest = cluster.rest();

        try (TopicReader reader = source.createAndAwait(connectors, rest, keys.size(), "the snapshot")) {
            assertThat(rest.status(name).orElseThrow().tasks()).hasSize(3);

            config.put("tasks.max", "2");
            assertThat(rest.putConnector(name, config).status()).isEqualTo(200);
            reader.awaitUntil(seen -> seen.size() >= 2 * keys.size(), Duration.ofSeconds(60), "the second snapshot");
            awaitTasks(rest, name, 2);
            config.put("tasks.max", "3");
            assertThat(rest.putConnector(name, config).status()).isEqualTo(200);
            ConnectFixtures.sleep(Duration.ofSeconds(5)); // a third snapshot would start within the next polls
            List<TopicReader.Seen> all = reader.seen();

            assertThat(all).allSatisfy(seen -> assertThat(seen.operation()).isEqualTo("snapshot"));
            assertThat(countsByKey(all)).hasSize(keys.size()).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(2L));
            assertThat(rest.awaitRunning(name, Duration.ofSeconds(60)).tasks()).as("the plan of two ranges kept").hasSize(2);
        }
    }

    private static void awaitTasks(ConnectRest rest, String name, int tasks) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (rest.status(name).map(s -> !s.running() || s.tasks().size() != tasks).orElse(true)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("connector " + name + " does not run " + tasks + " tasks: " + rest.status(name));
            }
            ConnectFixtures.sleep(Duration.ofMillis(200));
        }
    }

    /** Deleting a connector leaves its offsets in Connect's offset store, where one of the same name finds them. */
    @Test
    void aConnectorDeletedAndCreatedAgainUnderItsNameResumesWithoutASecondSnapshot() throws Exception {
        SourceUnderTest source = SourceUnderTest.of("recreated", 20, 1);
        List<String> keys = source.keys();
        String name = source.name();
        ConnectRest rest = cluster.rest();

        try (TopicReader reader = source.createAndAwait(connectors, rest, keys.size(), "the snapshot")) {
            assertThat(rest.delete(name).status()).isEqualTo(204);
            awaitGone(rest, name);
            bed.put(source.bucket(), "added", "after the deletion", null);
            connectors.create(rest, name, source.config());
            reader.awaitUntil(seen -> seen.size() > keys.size(), Duration.ofSeconds(60), "the added key");
            ConnectFixtures.sleep(Duration.ofSeconds(3)); // a second snapshot would follow within the next polls

            List<TopicReader.Seen> all = reader.seen();
            List<String> afterSnapshot = all.subList(keys.size(), all.size()).stream()
                    .map(seen -> seen.operation() + " " + seen.key()).toList();
            assertThat(afterSnapshot).containsExactly("create added");
        }
    }

    /** Each task keeps its state under state-dir in a directory named after its connector. */
    @Test
    void twoSourcesSharingAStateDirWhoseNamesDifferInOneCharacterBothKeepRunning() throws Exception {
        SourceUnderTest plus = SourceUnderTest.of("names-apart", 5, 1);
        String name = ConnectFixtures.unique("names-apart");
        String otherTopic = ConnectFixtures.unique("names-apart");
        Map<String, String> underscore = new HashMap<>(plus.config());
        underscore.put("topic", otherTopic);
        ConnectRest rest = cluster.rest();

        try (TopicReader first = new TopicReader(plus.topic()); TopicReader second = new TopicReader(otherTopic)) {
            connectors.create(rest, name + "+a", plus.config());
            first.awaitUntil(seen -> seen.size() >= plus.keys().size(), Duration.ofSeconds(60), "the first snapshot");
            connectors.create(rest, name + "_a", underscore);
            second.awaitUntil(seen -> seen.size() >= plus.keys().size(), Duration.ofSeconds(60), "the second snapshot");
            bed.put(plus.bucket(), "added", "after both snapshots", null);

            first.awaitUntil(seen -> keysOf(seen).contains("added"), Duration.ofSeconds(60), "the added key in the first topic");
            second.awaitUntil(seen -> keysOf(seen).contains("added"), Duration.ofSeconds(60), "the added key in the second topic");
        }
        assertThat(rest.status(name + "+a")).hasValueSatisfying(status -> assertThat(status.running()).isTrue());
        assertThat(rest.status(name + "_a")).hasValueSatisfying(status -> assertThat(status.running()).isTrue());
    }

    private static void awaitGone(ConnectRest rest, String name) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (rest.status(name).isPresent()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("connector " + name + " still there 60 s after its deletion");
            }
            ConnectFixtures.sleep(Duration.ofMillis(200));
        }
    }

    @Test
    void recordsCarryTheObjectAsAnOpenCdcStructWithTheObjectKeyAsRecordKey() throws Exception {
        String bucket = ConnectFixtures.newBucket("struct-source");
        bed.put(bucket, "docs/a.txt", "hello", null);
        String topic = ConnectFixtures.unique("struct");
        String name = ConnectFixtures.unique("struct-source");

        try (TopicReader reader = new TopicReader(topic)) {
            Map<String, String> config = source(bucket, topic);
            config.put("tasks.max", "1");
            config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
            config.put("value.converter.schemas.enable", "false");
            connectors.create(cluster.rest(), name, config);

            TopicReader.Seen seen = reader.awaitUntil(s -> !s.isEmpty(), Duration.ofSeconds(60), "the object").getFirst();

            assertThat(seen.key()).isEqualTo("docs/a.txt");
            assertThat(seen.operation()).isEqualTo("snapshot");
            assertThat(seen.position()).startsWith("s3conn:v1:snapshot:");
            assertThat(seen.value().path("metadata").path("s3.key").asText()).isEqualTo("docs/a.txt");
            assertThat(seen.value().path("payload").path("after").asText()).isEqualTo("aGVsbG8="); // base64 of hello
            assertThat(seen.value().path("payload").path("before").isNull()).isTrue();
        }
    }

    /**
     * Kafka's producers refuse a record over {@code max.request.size} (1 MiB unless set): an object of 2 MiB with its
     * bytes inline would fail its task at every restart, and no object after it in the range would be emitted.
     */
    @Test
    void anObjectTooLargeForAKafkaRecordArrivesWithoutItsBytesAndTheTaskKeepsRunning() throws Exception {
        String bucket = ConnectFixtures.newBucket("large-object");
        bed.put(bucket, "a-large", new byte[2 * 1024 * 1024], null);
        bed.put(bucket, "b-small", "hello", null);
        String topic = ConnectFixtures.unique("large-object");
        String name = ConnectFixtures.unique("large-object-source");
        Map<String, String> config = source(bucket, topic);
        config.put("tasks.max", "1");
        ConnectRest rest = cluster.rest();

        try (TopicReader reader = new TopicReader(topic)) {
            connectors.create(rest, name, config);
            Map<String, TopicReader.Seen> byKey = reader.awaitUntil(seen -> seen.size() >= 2, Duration.ofSeconds(60),
                    "both objects").stream().collect(Collectors.toMap(TopicReader.Seen::key, seen -> seen));

            assertThat(byKey.get("a-large").value().path("payload").path("after").isNull()).isTrue();
            assertThat(byKey.get("a-large").value().path("metadata").path("s3.payload.omitted").asText()).isNotEmpty();
            assertThat(byKey.get("b-small").value().path("payload").path("after").asText()).isEqualTo("aGVsbG8=");
        }
        assertThat(rest.status(name)).hasValueSatisfying(status -> assertThat(status.running()).isTrue());
    }

    static Map<String, String> source(String bucket, String topic) throws java.io.IOException {
        Map<String, String> config = new HashMap<>(ConnectFixtures.s3Settings(bucket));
        config.put("connector.class", S3SourceConnector.class.getName());
        config.put("tasks.max", "4");
        config.put("topic", topic);
        config.put("polling-period", "500ms");
        config.put("state-dir", Files.createTempDirectory("s3conn-connect-state-").toString());
        config.put("exactly.once.support", "required");
        config.put("transaction.boundary", "connector");
        return config;
    }

    private static java.util.Set<String> keysOf(List<TopicReader.Seen> seen) {
        return seen.stream().map(TopicReader.Seen::key).collect(Collectors.toSet());
    }

    private static Map<String, Long> countsByKey(List<TopicReader.Seen> seen) {
        return seen.stream().collect(Collectors.groupingBy(TopicReader.Seen::key, Collectors.counting()));
    }

}
