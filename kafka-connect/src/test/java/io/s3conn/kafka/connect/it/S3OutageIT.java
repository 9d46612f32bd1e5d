package io.s3conn.kafka.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.s3conn.core.record.Record;
import io.s3conn.kafka.connect.record.SinkRecords;
import io.s3conn.testbed.FaultKind;
import io.s3conn.testbed.TestBed;
import io.s3conn.testbed.kafka.ConnectRest;
import io.s3conn.testbed.kafka.ConnectWorker;
import io.s3conn.testbed.kafka.KafkaCluster;

/**
 * S3 trouble that passes (throttling, server errors, connections dropped: the emulator answers every request with
 * one of them for some seconds) leaves the connectors RUNNING, and once S3 answers again they carry on where they
 * were: nothing lost, nothing twice. Trouble that does not pass (access refused) still fails them with their reason.
 * The connectors get {@code max-attempts=2}, so that the SDK's own retries give up within the outage.
 */
class S3OutageIT {

    private static final Set<FaultKind> PASSING = EnumSet.of(FaultKind.SLOW_DOWN, FaultKind.INTERNAL_ERROR, FaultKind.RESET);
    private static final Duration OUTAGE = Duration.ofSeconds(10);

    private final TestBed bed = ConnectFixtures.testBed();
    private final KafkaCluster cluster = ConnectFixtures.cluster();
    @RegisterExtension
    final ConnectorTestCleanup connectors = new ConnectorTestCleanup(cluster);

    @Test
    void aSourceStaysRunningThroughAnOutageMidSnapshotThenEmitsEveryObjectOnce() throws Exception {
        int objects = 2000;
        SourceUnderTest snapshot = SourceUnderTest.of("outage-source", objects, 2);
        snapshot.config().put("max-attempts", "2");
        bed.emulator().setLatency(Duration.ofMillis(15)); // a snapshot of some seconds: long enough to cut S3 off in it
        ConnectRest rest = cluster.rest();

        try (TopicReader reader = snapshot.createAndAwait(connectors, rest, 200, "the first 200 records")) {
            rest.awaitRunning(snapshot.name(), Duration.ofSeconds(60));
            bed.emulator().setFaults(1.0, PASSING);
            int readWhenCutOff = reader.seen().size();
            List<String> statesDuringOutage = statesFor(rest, snapshot.name(), OUTAGE);
            bed.emulator().clearFaults();
            bed.emulator().setLatency(Duration.ZERO);

            assertThat(readWhenCutOff).as("cut off mid-snapshot").isLessThan(objects);
            assertThat(statesDuringOutage).as("the connector's state every second of the outage").containsOnly("RUNNING");
            assertThat(reader.awaitKeysThenCount(objects, Duration.ofSeconds(120)))
                    .hasSize(objects).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1L));
            assertThat(rest.status(snapshot.name()).orElseThrow().running()).as("running after the outage").isTrue();
            assertThat(warningsNaming("reading s3://" + snapshot.bucket() + "/"))
                    .as("WARN lines of the outage: one per task").hasSizeBetween(1, 2);
        }
    }

    @Test
    void aSinkStaysRunningThroughAnOutageThenStoresEveryRecordOnceUnderTheSameObjectNames() throws Exception {
        String topic = ConnectFixtures.unique("outage-sink-in");
        ConnectFixtures.createTopic(topic, 2);
        SinkConnectorIT.produce(topic, 2000, 2);
        String bucket = ConnectFixtures.newBucket("outage-sink");
        String name = ConnectFixtures.unique("outage-sink");
        Map<String, String> config = sinkOfStrings(bucket, topic, 100);
        config.put("tasks.max", "2");
        config.put("flush-interval", "1h");
        config.put("max-attempts", "2");
        bed.emulator().setLatency(Duration.ofMillis(200)); // uploads of some seconds: long enough to cut S3 off among them
        ConnectRest rest = cluster.rest();

        connectors.create(rest, name, config);
        BucketFiles.awaitObjects(bed, bucket, 2);
        int storedWhenCutOff = BucketFiles.objects(bed, bucket).size(); // the test's own requests see the faults too
        bed.emulator().setFaults(1.0, PASSING);
        List<String> statesDuringOutage = statesFor(rest, name, OUTAGE);
        bed.emulator().clearFaults();
        bed.emulator().setLatency(Duration.ZERO);
        SinkConnectorIT.awaitCommitted("connect-" + name, List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1)), 1000);

        assertThat(storedWhenCutOff).as("cut off among the uploads").isLessThan(20);
        assertThat(statesDuringOutage).as("the connector's state every second of the outage").containsOnly("RUNNING");
        List<Record> stored = SinkConnectorIT.storedRecords(bucket);
        assertThat(stored).as("records stored").hasSize(2000);
        assertThat(stored.stream().map(r -> r.metadata().get(SinkRecords.KAFKA_PARTITION) + ":" + r.metadata().get(SinkRecords.KAFKA_OFFSET))
                .distinct()).as("distinct partition:offset").hasSize(2000);
        assertThat(BucketFiles.objects(bed, bucket)).as("one object per 100 records").hasSize(20);
        assertThat(rest.status(name).orElseThrow().running()).as("running after the outage").isTrue();
    }

    @Test
    void aSourceWhoseOutageTurnsIntoAccessRefusedFailsWithThatReason() throws Exception {
        SourceUnderTest cdc = SourceUnderTest.of("refused-source", 50, 1);
        cdc.config().put("max-attempts", "2");
        ConnectRest rest = cluster.rest();

        try (TopicReader ignored = cdc.createAndAwait(connectors, rest, 50, "the snapshot")) {
            bed.emulator().setFaults(1.0, EnumSet.of(FaultKind.SLOW_DOWN));
            List<String> statesWhileThrottled = statesFor(rest, cdc.name(), Duration.ofSeconds(5));
            bed.emulator().setFaults(1.0, EnumSet.of(FaultKind.ACCESS_DENIED));
            ConnectRest.Status status = rest.awaitFailed(cdc.name(), Duration.ofSeconds(60));

            assertThat(statesWhileThrottled).as("the connector's state while throttled").containsOnly("RUNNING");
            assertThat(status.failureReason()).hasValueSatisfying(reason -> assertThat(reason)
                    .startsWith("org.apache.kafka.connect.errors.ConnectException: reading s3://" + cdc.bucket() + "/ range")
                    .contains(" failed: " + refusedLine(cdc.bucket())));
        }
    }

    /**
     * In CDC a task's state runs ahead of its offset: Connect commits offsets with records, and a poll that found nothing
     * has none. Before, the task made its source anew at every attempt of an outage and logged each time that it resumed
     * from its state, ahead of the offset: one INFO line an attempt besides the outage's WARN and INFO lines.
     */
    @Test
    void aSourceThrottledInCdcLogsNoResumptionAtEachAttempt() throws Exception {
        SourceUnderTest cdc = SourceUnderTest.of("cdc-outage", 50, 1);
        cdc.config().put("max-attempts", "2");
        String range = "s3://" + cdc.bucket() + "/ range";
        ConnectRest rest = cluster.rest();

        try (TopicReader ignored = cdc.createAndAwait(connectors, rest, 50, "the snapshot")) {
            ConnectFixtures.sleep(Duration.ofSeconds(3)); // CDC polls that find nothing: the state ahead of the offset
            bed.emulator().setFaults(1.0, EnumSet.of(FaultKind.SLOW_DOWN));
            ConnectFixtures.sleep(OUTAGE); // attempts after 1, 2 and 4 s
            bed.emulator().clearFaults();

            assertThat(ConnectFixtures.awaitWorkerLogLines(line -> line.contains(range) && line.contains("works again"),
                    Duration.ofSeconds(60))).as("the outage's end").hasSize(1);
            assertThat(warningsNaming(range)).as("the outage's WARN line, in the CLI's words").singleElement().asString()
                    .contains("failed (THROTTLED): S3 request to bucket " + cdc.bucket() + " failed: SlowDown (HTTP 503); retrying");
            assertThat(cluster.workerLogLines()).filteredOn(line -> line.contains(range) && line.contains("resuming from"))
                    .isEmpty();
        }
    }

    /**
     * A connector without a stored plan (created, or its offsets reset) lists its scope to plan its key ranges. Connect
     * asks a connector whose planning throws for its tasks again and again, the connector RUNNING without a task and the
     * reason in the worker's log only: refused access, which will not pass, fails the connector with its reason instead.
     */
    @Test
    void aSourceWhosePlanningIsRefusedFailsWithThatReasonInItsStatus() throws Exception {
        SourceUnderTest source = SourceUnderTest.of("refused-plan", 20, 2); // one task plans without a request
        ConnectRest rest = cluster.rest();

        try (TopicReader ignored = source.createAndAwait(connectors, rest, 20, "the snapshot")) {
            assertThat(rest.stop(source.name()).status()).isEqualTo(204);
            rest.awaitStopped(source.name(), Duration.ofSeconds(60));
            assertThat(rest.resetOffsets(source.name()).status()).isEqualTo(200);
            bed.emulator().setFaults(1.0, EnumSet.of(FaultKind.ACCESS_DENIED));
            rest.resume(source.name());
            ConnectRest.Status status = rest.awaitFailed(source.name(), Duration.ofSeconds(60));

            assertThat(status.connectorState()).isEqualTo("FAILED");
            assertThat(status.failureReason()).hasValueSatisfying(reason -> assertThat(reason)
                    .startsWith("org.apache.kafka.connect.errors.ConnectException: cannot plan the key ranges of s3://"
                            + source.bucket() + "/: " + refusedLine(source.bucket())));
        }
    }

    /** Connect wraps what {@code put} throws: the reason is the line of the sink's own exception, a "Caused by". */
    @Test
    void aSinkWhoseAccessIsRefusedFailsWithALineNamingThePartitionAndTheReason() throws Exception {
        String topic = ConnectFixtures.unique("refused-sink-in");
        ConnectFixtures.createTopic(topic, 1);
        String bucket = ConnectFixtures.newBucket("refused-sink");
        String name = ConnectFixtures.unique("refused-sink");
        Map<String, String> config = sinkOfStrings(bucket, topic, 10);
        ConnectRest rest = cluster.rest();
        connectors.create(rest, name, config);
        rest.awaitRunning(name, Duration.ofSeconds(60));

        bed.emulator().setFaults(1.0, EnumSet.of(FaultKind.ACCESS_DENIED));
        SinkConnectorIT.produce(topic, 10, 1);
        ConnectRest.Status status = rest.awaitFailed(name, Duration.ofSeconds(60));

        String trace = status.tasks().getFirst().trace().orElseThrow();
        assertThat(trace.lines().filter(line -> line.startsWith("Caused by: org.apache.kafka.connect.errors.ConnectException: "
                + "storing records of " + topic + "-0 in s3://" + bucket + " failed: ")))
                .as("the reason in " + trace).singleElement().asString().endsWith(": " + refusedLine(bucket));
    }

    /**
     * A batch that failed in an outage is read again from its first record; when retention removed that record
     * meanwhile, the consumer starts at the partition's earliest record instead. Before, the sink waited for the
     * removed record for good, and stored nothing of the partition again. Polls of 5 records and batches of 10: the
     * failed batch (offsets 0 to 9) began in an earlier put than the one it failed in, so its redelivered put lacks it.
     */
    @Test
    void aSinkWhoseFailedBatchWasRemovedByRetentionStoresOnFromTheEarliestRecordAndNamesWhatWasGone() throws Exception {
        String topic = ConnectFixtures.unique("retention-sink-in");
        ConnectFixtures.createTopic(topic, 1);
        String bucket = ConnectFixtures.newBucket("retention-sink");
        String name = ConnectFixtures.unique("retention-sink");
        Map<String, String> config = sinkOfStrings(bucket, topic, 10);
        config.put("tasks.max", "1");
        config.put("flush-interval", "1h");
        config.put("max-attempts", "1");
        config.put("consumer.override.max.poll.records", "5");
        ConnectRest rest = cluster.rest();
        connectors.create(rest, name, config);
        rest.awaitRunning(name, Duration.ofSeconds(60));
        TopicPartition partition = new TopicPartition(topic, 0);

        bed.emulator().setFaults(1.0, EnumSet.of(FaultKind.SLOW_DOWN));
        try {
            SinkConnectorIT.produce(topic, 20, 1);
            assertThat(ConnectFixtures.awaitWorkerLogLines(line -> line.contains("WARN")
                    && line.contains("storing records in s3://" + bucket + "/"), Duration.ofSeconds(60)))
                    .as("the outage's WARN line").isNotEmpty();
            try (Admin admin = ConnectFixtures.admin()) {
                admin.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(15))).all().get();
            }
        } finally {
            bed.emulator().clearFaults();
        }
        SinkConnectorIT.produce(topic, 5, 1);
        SinkConnectorIT.awaitCommitted("connect-" + name, List.of(partition), 25);

        assertThat(SinkConnectorIT.storedRecords(bucket)).extracting(r -> r.metadata().get(SinkRecords.KAFKA_OFFSET))
                .containsExactly("15", "16", "17", "18", "19", "20", "21", "22", "23", "24");
        assertThat(warningsNaming(topic + "-0: offsets 0 to 14 are no longer in the topic")).hasSize(1);
        assertThat(rest.status(name).orElseThrow().running()).as("running after the outage").isTrue();
    }


    /** A JSON-lines sink of {@code topic}'s string values into {@code bucket}, {@code bufferSize} records an object. */
    private static Map<String, String> sinkOfStrings(String bucket, String topic, int bufferSize) {
        Map<String, String> config = ConnectFixtures.sinkConfig(bucket, "json");
        config.put("topics", topic);
        config.put("buffer-size", String.valueOf(bufferSize));
        config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        return config;
    }

    /** The state of the connector and of each of its tasks, every second for {@code duration}. */
    private static List<String> statesFor(ConnectRest rest, String name, Duration duration) {
        List<String> states = new ArrayList<>();
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            ConnectFixtures.sleep(Duration.ofSeconds(1));
            ConnectRest.Status status = rest.status(name).orElseThrow();
            states.add(status.connectorState());
            status.tasks().forEach(task -> states.add(task.state() + task.trace().map(t -> ": " + t.lines().findFirst().orElse("")).orElse("")));
        }
        return states;
    }

    /**
     * The CLI's words for the test bed's refusal of {@code bucket}: before, the tasks said the SDK's sentence, "Access
     * Denied (Service: S3, Status Code: 403, Request ID: ...)".
     */
    static String refusedLine(String bucket) {
        return "access refused to bucket " + bucket + " (AccessDenied): check the credentials and their permissions";
    }

    /** The WARN lines of the live workers' logs that hold {@code text}. */
    private List<String> warningsNaming(String text) {
        List<String> lines = new ArrayList<>();
        for (ConnectWorker worker : cluster.liveWorkers()) {
            try {
                Files.readAllLines(worker.logFile()).stream()
                        .filter(line -> line.contains("WARN") && line.contains(text)).forEach(lines::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }
}
