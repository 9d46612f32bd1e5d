package io.s3conn.kafka.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.s3conn.testbed.kafka.ConnectRest;
import io.s3conn.testbed.kafka.KafkaCluster;

/**
 * Undoes what a connector test leaves behind, so that the next test starts from a quiet cluster and test bed: the
 * connectors it created are deleted and the emulator answers without latency or faults again. A test class registers one
 * with {@code @RegisterExtension final ConnectorTestCleanup connectors = new ConnectorTestCleanup(cluster);} and
 * creates its connectors through it.
 */
final class ConnectorTestCleanup implements AfterEachCallback {

    private final KafkaCluster cluster;
    private final List<String> created = new ArrayList<>();

    ConnectorTestCleanup(KafkaCluster cluster) {
        this.cluster = cluster;
    }

    /** Creates connector {@code name} through the worker behind {@code rest}, which must accept it (201). */
    void create(ConnectRest rest, String name, Map<String, String> config) {
        assertThat(rest.putConnector(name, config).status()).isEqualTo(201);
        created.add(name);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        created.forEach(name -> cluster.rest().delete(name));
        created.clear();
        ConnectFixtures.testBed().emulator().setLatency(Duration.ZERO);
        ConnectFixtures.testBed().emulator().clearFaults();
    }
}
