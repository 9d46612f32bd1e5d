package io.s3conn.kafka.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.s3conn.testbed.kafka.ConnectRest;
import io.s3conn.testbed.kafka.KafkaCluster;

/**
 * The connectors a test creates, deleted once it is over so that none keeps running into the next test. A test
 * class registers one with {@code @RegisterExtension final CreatedConnectors connectors = new CreatedConnectors(cluster);}
 * and creates its connectors through it.
 */
final class CreatedConnectors implements AfterEachCallback {

    private final KafkaCluster cluster;
    private final List<String> names = new ArrayList<>();

    CreatedConnectors(KafkaCluster cluster) {
        this.cluster = cluster;
    }

    /** Creates connector {@code name} through the worker behind {@code rest}, which must accept it (201). */
    void create(ConnectRest rest, String name, Map<String, String> config) {
        assertThat(rest.putConnector(name, config).status()).isEqualTo(201);
        names.add(name);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        names.forEach(name -> cluster.rest().delete(name));
        names.clear();
    }
}
