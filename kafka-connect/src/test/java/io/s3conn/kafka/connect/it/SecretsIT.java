package io.s3conn.kafka.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.s3conn.testbed.kafka.ConnectRest;
import io.s3conn.testbed.kafka.KafkaCluster;

/** What the workers write or answer about a connector holds none of its secrets. */
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

    /**
     * A validation answer echoes the values it was given, and Connect hides only the password-typed ones: the
     * endpoint's user info is left out too.
     */
    @Test
    void aValidationAnswerHoldsNeitherTheSecretKeyNorTheEndpointsPassword() {
        String secret = ConnectFixtures.unique("validated-password");
        String bucket = ConnectFixtures.newBucket("validated-user-info");
        Map<String, String> sink = ConnectFixtures.sinkConfig(bucket, "json");
        sink.put("endpoint-url", ConnectFixtures.testBed().endpoint().toString().replace("://", "://s3conn:" + secret + "@"));
        sink.put("topics", ConnectFixtures.unique("validated-in"));
        sink.put("name", ConnectFixtures.unique("validated-sink"));

        ConnectRest.Response response = cluster.rest().validate(sink.get("connector.class"), sink);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("\"error_count\":0").doesNotContain(secret)
                .doesNotContain(ConnectFixtures.testBed().secretAccessKey());
    }

    /** A key refused as a misspelling is shown in the answer with its value; Connect hides only password-typed ones. */
    @Test
    void aValidationAnswerHidesASecretKeyGivenUnderAnotherConnectorsName() {
        String secret = ConnectFixtures.unique("misspelt-secret");
        Map<String, String> sink = ConnectFixtures.sinkConfig(ConnectFixtures.newBucket("misspelt-secret"), "json");
        sink.put("topics", ConnectFixtures.unique("misspelt-secret-in"));
        sink.put("name", ConnectFixtures.unique("misspelt-secret-sink"));
        sink.put("aws.secret.access.key", secret);

        ConnectRest.Response response = cluster.rest().validate(sink.get("connector.class"), sink);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("did you mean secret-access-key?").doesNotContain(secret);
    }

    @Test
    void aValidationAnswerHidesTheSourcesDatabaseUrlGivenToTheSink() {
        String password = ConnectFixtures.unique("database-password");
        Map<String, String> sink = ConnectFixtures.sinkConfig(ConnectFixtures.newBucket("misplaced-database"), "json");
        sink.put("topics", ConnectFixtures.unique("misplaced-database-in"));
        sink.put("name", ConnectFixtures.unique("misplaced-database-sink"));
        sink.put("database", "jdbc:postgresql://127.0.0.1/s3conn?user=s3conn&password=" + password);

        ConnectRest.Response response = cluster.rest().validate(sink.get("connector.class"), sink);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("database is a setting of the source connector").doesNotContain(password);
    }
}
