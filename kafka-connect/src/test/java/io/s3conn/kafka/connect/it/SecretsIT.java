package io.s3conn.kafka.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.s3conn.testbed.kafka.ConnectRest;
import io.s3conn.testbed.kafka.KafkaCluster;

/** What the workers write about a connector holds none of its secrets. */
class SecretsIT {

    private final KafkaCluster cluster = ConnectFixtures.cluster();
    @RegisterExtension
    final ConnectorTestCleanup connectors = new ConnectorTestCleanup(cluster);

    /** The workers log every configuration they parse: validated, started, and again in each task. */
    @Test
    void credentialsInTheEndpointUrlNeverReachAWorkersLog() throws Exception {
        String secret = ConnectFixtures.unique("endpoint-password");
        String bucket = ConnectFixtures.newBucket("endpoint-user-info");
        ConnectFixtures.testBed().put(bucket, "a.txt", "a", null);
        String endpoint = ConnectFixtures.testBed().endpoint().toString().replace("://", "://s3conn:" + secret + "@");
        Map<String, String> source = SourceConnectorIT.source(bucket, ConnectFixtures.unique("user-info"));
        source.put("endpoint-url", endpoint);
        source.put("tasks.max", "1");
        Map<String, String> sink = ConnectFixtures.sinkConfig(bucket, "json");
        sink.put("endpoint-url", endpoint);
        sink.put("topics", ConnectFixtures.unique("user-info-in"));
        ConnectRest rest = cluster.rest();
        String sourceName = ConnectFixtures.unique("user-info-source");
        String sinkName = ConnectFixtures.unique("user-info-sink");

        connectors.create(rest, sourceName, source);
        connectors.create(rest, sinkName, sink);
        rest.awaitRunning(sourceName, Duration.ofSeconds(60));
        rest.awaitRunning(sinkName, Duration.ofSeconds(60));

        List<String> lines = cluster.workerLogLines();
        assertThat(lines.stream().filter(line -> line.contains(secret))).as("lines of the workers' logs with the password")
                .isEmpty();
        assertThat(lines.stream().anyMatch(line -> line.equals("\tendpoint-url = " + ConnectFixtures.testBed().endpoint())))
                .as("the endpoint logged without its user info").isTrue();
    }
}
