package io.s3conn.kafka.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.s3conn.testbed.TestBed;
import io.s3conn.testbed.kafka.ConnectRest;
import io.s3conn.testbed.kafka.KafkaCluster;

/**
 * A source task whose records Connect committed (their transaction, with their offsets) while the task could not
 * persist its state: a trigger of the test refuses new rows in the task's state file, so the task's commit fails after
 * the transaction and the task fails at its next poll, leaving what a worker that died between the two leaves: the
 * offset ahead of the state.
 */
class StateWrittenAheadIT {

    private static final int OBJECTS = 300;

    private final TestBed bed = ConnectFixtures.testBed();
    private final KafkaCluster cluster = ConnectFixtures.cluster();
    @RegisterExtension
    final ConnectorTestCleanup connectors = new ConnectorTestCleanup(cluster);

    /**
     * Before, the state was left behind the offset, and the keys between the two were in Kafka but not in the state:
     * the delete of the offset's key, made while the task was down, was never emitted.
     */
    @Test
    void aKeyCommittedToKafkaBeforeTheTaskPersistedItsStateComesAsADeleteWhenDeletedWhileTheTaskWasDown() throws Exception {
        SourceUnderTest source = source("written-ahead");
        ConnectRest rest = cluster.rest();
        try (TopicReader reader = source.createAndAwait(connectors, rest, 20, "the first records")) {
            String last = failedAfterConnectCommitted(source, rest, reader);
            bed.client().deleteObject(r -> r.bucket(source.bucket()).key(last));

            assertThat(rest.restartTask(source.name(), 0).status()).isEqualTo(204);
            reader.awaitUntil(seen -> operations(seen).contains("delete " + last), Duration.ofSeconds(60), "the delete");
            ConnectFixtures.sleep(Duration.ofSeconds(3)); // a create or a record again would come within the next polls
            List<TopicReader.Seen> all = reader.seen();

            assertThat(all.subList(0, OBJECTS)).as("the snapshot, each object once")
                    .allSatisfy(seen -> assertThat(seen.operation()).isEqualTo("snapshot"))
                    .extracting(TopicReader.Seen::key).containsExactlyElementsOf(source.keys());
            assertThat(operations(all.subList(OBJECTS, all.size()))).containsExactly("delete " + last);
        }
    }

    @Test
    void theRestartedTaskSaysInOneInfoLineThatItsStateTookTheRecordsUpToTheOffset() throws Exception {
        SourceUnderTest source = source("written-ahead-line");
        ConnectRest rest = cluster.rest();
        try (TopicReader reader = source.createAndAwait(connectors, rest, 20, "the first records")) {
            failedAfterConnectCommitted(source, rest, reader);

            assertThat(rest.restartTask(source.name(), 0).status()).isEqualTo(204);

            assertThat(ConnectFixtures.awaitWorkerLogLines(line -> line.contains("s3://" + source.bucket() + "/")
                    && line.contains(" up to the offset s3conn:"), Duration.ofSeconds(60)))
                    .singleElement().satisfies(line -> assertThat(line).contains("INFO", "its state takes the ", "that Connect committed before the task persisted"));
        }
    }

    /** A snapshot read one object at a time over a slow S3: it lasts a few seconds. */
    private SourceUnderTest source(String purpose) throws Exception {
        SourceUnderTest source = SourceUnderTest.of(purpose, OBJECTS, 1);
        source.config().put("read-ahead", "1");
        bed.emulator().setLatency(Duration.ofMillis(20));
        return source;
    }

    /**
     * Refuses new rows in the task's state until the task failed (its commit failed after Connect committed the
     * transaction of its records), then lets them in again: the key of the last record Connect committed.
     */
    private String failedAfterConnectCommitted(SourceUnderTest source, ConnectRest rest, TopicReader reader) throws Exception {
        try (Connection state = DriverManager.getConnection("jdbc:sqlite:" + stateFile(source));
             Statement sql = state.createStatement()) {
            sql.execute("PRAGMA busy_timeout = 30000");
            sql.execute("CREATE TRIGGER refused BEFORE INSERT ON s3conn_source_objects "
                    + "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
            rest.awaitFailed(source.name(), Duration.ofSeconds(60));
            bed.emulator().setLatency(Duration.ZERO);
            sql.execute("DROP TRIGGER refused");
        }
        ConnectFixtures.sleep(Duration.ofSeconds(2)); // the reader fetches the last transaction committed
        List<TopicReader.Seen> committed = reader.seen();
        assertThat(committed).as("failed mid-snapshot").hasSizeLessThan(OBJECTS);
        return committed.getLast().key();
    }

    /** The task's SQLite file under the connector's state-dir. */
    private static Path stateFile(SourceUnderTest source) throws Exception {
        try (Stream<Path> files = Files.walk(Path.of(source.config().get("state-dir")))) {
            return files.filter(path -> path.getFileName().toString().endsWith(".db")).findFirst().orElseThrow();
        }
    }

    private static List<String> operations(List<TopicReader.Seen> seen) {
        return seen.stream().map(s -> s.operation() + " " + s.key()).toList();
    }
}
