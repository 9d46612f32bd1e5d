package io.s3conn.kafka.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.s3conn.testbed.TestBed;
import io.s3conn.testbed.kafka.ConnectRest;
import io.s3conn.testbed.kafka.ConnectWorker;
import io.s3conn.testbed.kafka.KafkaCluster;

/** What an operator does to a running source connector mid-snapshot: every object still arrives once. */
class LifecycleIT {

    private static final int OBJECTS = 3000;

    private final TestBed bed = ConnectFixtures.testBed();
    private final KafkaCluster cluster = ConnectFixtures.cluster();
    @RegisterExtension
    final ConnectorTestCleanup connectors = new ConnectorTestCleanup(cluster);

    @Test
    void aTaskRestartedMidSnapshotEmitsEveryObjectOnce() throws Exception {
        SourceUnderTest snapshot = slowSnapshot("restarted-task");
        ConnectRest rest = cluster.rest();

        try (TopicReader reader = snapshot.createAndAwait(connectors, rest, 300, "the first 300 records")) {
            assertThat(rest.restartTask(snapshot.name(), 0).status()).isEqualTo(204);
            int readWhenRestarted = reader.seen().size();
            bed.emulator().setLatency(Duration.ZERO);

            assertThat(readWhenRestarted).as("restarted mid-snapshot").isLessThan(OBJECTS);
            assertEveryObjectOnce(reader);
        }
    }

    @Test
    void aConnectorPausedMidSnapshotEmitsNothingUntilResumedThenEveryObjectOnce() throws Exception {
        SourceUnderTest snapshot = slowSnapshot("paused");
        ConnectRest rest = cluster.rest();

        try (TopicReader reader = snapshot.createAndAwait(connectors, rest, 300, "the first 300 records")) {
            assertThat(rest.pause(snapshot.name()).status()).isEqualTo(202);
            // Before, counted 3 s after the pause request: a pause that reached the task later let the poll in progress
            // commit after the count ("records while paused").
            rest.awaitPaused(snapshot.name(), Duration.ofSeconds(60));
            ConnectFixtures.sleep(Duration.ofSeconds(3)); // the transaction of the last poll commits, the reader fetches it
            int readWhenPaused = reader.seen().size();
            ConnectFixtures.sleep(Duration.ofSeconds(3));
            int readAfterPause = reader.seen().size();
            bed.emulator().setLatency(Duration.ZERO);
            assertThat(rest.resume(snapshot.name()).status()).isEqualTo(202);

            assertThat(readAfterPause).as("records while paused").isEqualTo(readWhenPaused).isLessThan(OBJECTS);
            assertEveryObjectOnce(reader);
        }
    }

    /** Tasks list and read with threads of their own: stopping a task ends them, also while S3 is slow. */
    @Test
    void aConnectorDeletedMidSnapshotLeavesNoThreadOfItsTasksInTheWorkers() throws Exception {
        SourceUnderTest snapshot = slowSnapshot("deleted");
        snapshot.config().put("tasks.max", "2");
        ConnectRest rest = cluster.rest();

        try (TopicReader reader = snapshot.createAndAwait(connectors, rest, 300, "the first 300 records")) {
            rest.awaitRunning(snapshot.name(), Duration.ofSeconds(60));
            assertThat(taskThreads()).as("threads of the running tasks").isNotEmpty();
            assertThat(rest.delete(snapshot.name()).status()).isEqualTo(204);
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<String> left = taskThreads();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            ConnectFixtures.sleep(Duration.ofMillis(500));
            left = taskThreads();
        }
        assertThat(left).as("threads of the deleted connector's tasks 20 s after its deletion").isEmpty();
    }

    /** A bucket of {@link #OBJECTS} keys behind a slow endpoint, and a one-task exactly-once source of it. */
    private SourceUnderTest slowSnapshot(String purpose) throws IOException {
        SourceUnderTest source = SourceUnderTest.of(purpose, OBJECTS, 1);
        bed.emulator().setLatency(Duration.ofMillis(15)); // a snapshot of some seconds
        return source;
    }

    private static void assertEveryObjectOnce(TopicReader reader) {
        assertThat(reader.awaitKeysThenCount(OBJECTS, Duration.ofSeconds(90)))
                .hasSize(OBJECTS).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1L));
    }

    /** The threads s3conn starts for a source task (listing, reading ahead), in every live worker. */
    private List<String> taskThreads() {
        return cluster.liveWorkers().stream().flatMap(worker -> threadNames(worker).stream())
                .filter(name -> name.startsWith("s3conn-walk") || name.startsWith("s3conn-source-read")
                        || name.startsWith("range-walker"))
                .toList();
    }

    private static List<String> threadNames(ConnectWorker worker) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(worker.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            String dump = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return dump.lines().filter(line -> line.startsWith("\""))
                    .map(line -> line.substring(1, line.indexOf('"', 1))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
