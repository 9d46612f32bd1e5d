package io.s3conn.kafka.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.s3conn.testbed.TestBed;
import io.s3conn.testbed.kafka.ConnectRest;
import io.s3conn.testbed.kafka.ConnectWorker;
import io.s3conn.testbed.kafka.KafkaCluster;
import io.s3conn.testbed.postgres.PostgresServer;

/**
 * The source connector keeping its tasks' state in PostgreSQL ({@code database}), exactly-once delivery enabled: a
 * task moved to another worker in CDC finds its state there, as it would on another machine.
 */
class SharedStateIT {

    private static final int OBJECTS = 1000;

    private final TestBed bed = ConnectFixtures.testBed();
    private final KafkaCluster cluster = ConnectFixtures.cluster();
    private final PostgresServer postgres = ConnectFixtures.postgres();
    private final List<String> connectors = new ArrayList<>();

    @AfterEach
    void deleteConnectors() {
        connectors.forEach(name -> cluster.rest().delete(name));
    }

    @Test
    void aTaskKilledInCdcResumesOnAnotherWorkerWithItsStateSoEachChangeArrivesOnceAndNoSnapshotObjectAgain() throws Exception {
        String bucket = ConnectFixtures.newBucket("shared-state");
        bed.putMany(bucket, ConnectFixtures.numberedKeys("obj-", OBJECTS), 16);
        String topic = ConnectFixtures.unique("shared-state");
        String name = ConnectFixtures.unique("shared-state-source");
        String url = postgres.freshDatabase();
        Map<String, String> config = SourceConnectorIT.source(bucket, topic);
        config.put("tasks.max", "1");
        config.put("database", url);
        Path stateDir = Path.of(config.get("state-dir"));
        ConnectRest rest = cluster.rest();

        try (TopicReader reader = new TopicReader(topic)) {
            assertThat(rest.putConnector(name, config).status()).isEqualTo(201);
            connectors.add(name);
            rest.awaitRunning(name, Duration.ofSeconds(60));
            reader.awaitUntil(seen -> seen.size() >= OBJECTS, Duration.ofSeconds(60), "the snapshot");
            ConnectFixtures.sleep(Duration.ofSeconds(3)); // a few CDC polls, their checkpoints persisted
            String database = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
            // As if each worker ran on a machine of its own: the dead task's lease is not of this host, so it
            // would block its range until it lapsed (5 minutes) unless the moved task takes it over.
            assertThat(postgres.psql(database, "UPDATE s3conn_leases SET host = 'worker-' || pid RETURNING name"))
                    .contains("kafka-connect:" + name + ":");
            ConnectWorker victim = workerRunningTheTask(name);
            ConnectWorker keep = cluster.liveWorkers().stream().filter(w -> w != victim).findFirst().orElseThrow();

            victim.kill();
            bed.put(bucket, "new-1", "created", null);
            bed.put(bucket, "obj-00500", "updated", null);
            bed.client().deleteObject(d -> d.bucket(bucket).key("obj-00999"));
            reader.awaitUntil(seen -> seen.size() >= OBJECTS + 3, Duration.ofSeconds(120), "a create, an update and a delete");
            ConnectFixtures.sleep(Duration.ofSeconds(3)); // a duplicate or a second snapshot would come within the next polls
            List<TopicReader.Seen> all = reader.seen();

            assertThat(keep.rest().status(name).orElseThrow().tasks()).singleElement().satisfies(task -> {
                assertThat(task.workerId()).isEqualTo(keep.workerId());
                assertThat(task.state()).isEqualTo("RUNNING");
            });
            List<TopicReader.Seen> snapshot = all.subList(0, OBJECTS);
            assertThat(snapshot.stream().map(TopicReader.Seen::key).collect(Collectors.toSet())).hasSize(OBJECTS);
            assertThat(snapshot).allSatisfy(seen -> assertThat(seen.operation()).isEqualTo("snapshot"));
            assertThat(all.subList(OBJECTS, all.size()).stream().map(seen -> seen.operation() + " " + seen.key()))
                    .containsExactlyInAnyOrder("create new-1", "update obj-00500", "delete obj-00999");
            try (Stream<Path> files = Files.list(stateDir)) {
                assertThat(files).as("state-dir is not used with a database").isEmpty();
            }
        }
    }

    /**
     * README: a state kept in the database that was saved reading another endpoint (here the same server as
     * {@code localhost} instead of {@code 127.0.0.1}) is named with both endpoints in one warning of the task's log,
     * and only what differs from what the state emitted is emitted: nothing of the snapshot again.
     */
    @Test
    void aStateSavedFromAnotherEndpointIsNamedInOneWarningAndOnlyWhatDiffersIsEmitted() throws Exception {
        String bucket = ConnectFixtures.newBucket("moved-endpoint");
        bed.putMany(bucket, ConnectFixtures.numberedKeys("obj-", 20), 8);
        String topic = ConnectFixtures.unique("moved-endpoint");
        String name = ConnectFixtures.unique("moved-endpoint-source");
        Map<String, String> config = SourceConnectorIT.source(bucket, topic);
        config.put("tasks.max", "1");
        config.put("database", postgres.freshDatabase());
        String before = config.get("endpoint-url");
        String after = before.replace("127.0.0.1", "localhost");
        ConnectRest rest = cluster.rest();

        try (TopicReader reader = new TopicReader(topic)) {
            assertThat(rest.putConnector(name, config).status()).isEqualTo(201);
            connectors.add(name);
            rest.awaitRunning(name, Duration.ofSeconds(60));
            reader.awaitUntil(seen -> seen.size() >= 20, Duration.ofSeconds(60), "the snapshot");
            ConnectFixtures.sleep(Duration.ofSeconds(3)); // a few CDC polls, their checkpoints persisted

            config.put("endpoint-url", after);
            assertThat(rest.putConnector(name, config).status()).isEqualTo(200);
            bed.put(bucket, "new-after-move", "created", null);
            reader.awaitUntil(seen -> seen.size() >= 21, Duration.ofSeconds(60), "the object created after the move");
            ConnectFixtures.sleep(Duration.ofSeconds(3)); // a second snapshot would come within the next polls

            assertThat(reader.seen().subList(20, reader.seen().size()))
                    .extracting(seen -> seen.operation() + " " + seen.key()).containsExactly("create new-after-move");
            assertThat(cluster.workerLogLines()).as("lines of the workers' logs")
                    .filteredOn(line -> line.contains("WARN") && line.contains("was recorded from endpoint " + before)
                            && line.contains(after))
                    .hasSize(1);
        }
    }

    /** The worker that runs the connector's only task. */
    private ConnectWorker workerRunningTheTask(String connector) {
        String workerId = cluster.rest().status(connector).orElseThrow().tasks().getFirst().workerId();
        return cluster.liveWorkers().stream().filter(w -> w.workerId().equals(workerId)).findFirst().orElseThrow();
    }
}
