package io.s3conn.kafka.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.s3conn.testbed.FaultKind;
import io.s3conn.testbed.TestBed;
import io.s3conn.testbed.kafka.ConnectRest;
import io.s3conn.testbed.kafka.KafkaCluster;

/**
 * What the tasks write in the workers' logs about a scope stays one line a record, however its prefix or keys are
 * written: a prefix holding a newline is shown escaped ({@code \x0a}), as everywhere in s3conn, so it cannot forge a
 * log line of its own. Each test's prefix carries a marker of its own after the newline: a line starting with it is a
 * forged line.
 */
class TaskLogLinesIT {

    private final TestBed bed = ConnectFixtures.testBed();
    private final KafkaCluster cluster = ConnectFixtures.cluster();
    @RegisterExtension
    final ConnectorTestCleanup connectors = new ConnectorTestCleanup(cluster);

    /** Each task parses its configuration and logs its values, as Kafka logs every configuration it parses. */
    @Test
    void aPrefixHoldingANewlineIsLoggedEscapedInTheConfigurationValues() throws Exception {
        String forged = ConnectFixtures.unique("forged-config");
        createRunningSource("logged-config", "logged\n" + forged + "/");

        assertThat(cluster.workerLogLines()).as("lines of the workers' logs")
                .contains("\tprefix = logged\\x0a" + forged + "/")
                .noneMatch(line -> line.startsWith(forged));
    }

    /** The WARN line of an S3 outage names the task's scope: bucket, prefix and key range. */
    @Test
    void aPrefixHoldingANewlineIsLoggedEscapedInTheWarningOfAnOutage() throws Exception {
        String forged = ConnectFixtures.unique("forged-outage");
        String bucket = createRunningSource("logged-outage", "logged\n" + forged + "/");

        String warned = "reading s3://" + bucket + "/logged\\x0a" + forged + "/ range ";
        List<String> warnings;
        bed.emulator().setFaults(1.0, EnumSet.of(FaultKind.SLOW_DOWN));
        try {
            warnings = ConnectFixtures.awaitWorkerLogLines(line -> line.contains("WARN") && line.contains(warned), Duration.ofSeconds(60));
        } finally {
            bed.emulator().clearFaults();
        }

        assertThat(warnings).as("the outage's WARN line, its prefix escaped").hasSize(1);
        assertThat(cluster.workerLogLines()).as("lines of the workers' logs").noneMatch(line -> line.startsWith(forged));
    }

    /**
     * A task that fails (access refused) says why in the first line of its trace, which Connect's status shows and its
     * log repeats: the prefix in that line is escaped, so the reason is whole there and forges no line of the log.
     */
    @Test
    void aPrefixHoldingANewlineIsEscapedInTheReasonOfAFailedTask() throws Exception {
        String forged = ConnectFixtures.unique("forged-failure");
        String name = ConnectFixtures.unique("failed-task");
        String bucket = createRunningSource(name, "failed-task", "failed\n" + forged + "/");

        ConnectRest.Status status;
        bed.emulator().setFaults(1.0, EnumSet.of(FaultKind.ACCESS_DENIED));
        try {
            status = cluster.rest().awaitFailed(name, Duration.ofSeconds(60));
        } finally {
            bed.emulator().clearFaults();
        }

        assertThat(status.failureReason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("reading s3://" + bucket + "/failed\\x0a" + forged + "/ range ")
                .endsWith(" failed: " + S3OutageIT.refusedLine(bucket)));
        assertThat(cluster.workerLogLines()).as("lines of the workers' logs").noneMatch(line -> line.startsWith(forged));
    }

    /**
     * A source of one task over {@code prefix} of a new, empty bucket, listing it every 500 ms once its snapshot is
     * done; one attempt per request, so that an outage reaches the task at once. Returns the bucket.
     */
    private String createRunningSource(String purpose, String prefix) throws IOException {
        return createRunningSource(ConnectFixtures.unique(purpose), purpose, prefix);
    }

    /** As {@link #createRunningSource(String, String)}, the connector named {@code name}. */
    private String createRunningSource(String name, String purpose, String prefix) throws IOException {
        String bucket = ConnectFixtures.newBucket(purpose);
        Map<String, String> config = SourceConnectorIT.source(bucket, name);
        config.put("prefix", prefix);
        config.put("tasks.max", "1");
        config.put("max-attempts", "1");
        ConnectRest rest = cluster.rest();
        connectors.create(rest, name, config);
        rest.awaitRunning(name, Duration.ofSeconds(60));
        return bucket;
    }
}
