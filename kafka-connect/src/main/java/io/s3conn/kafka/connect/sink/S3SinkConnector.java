package io.s3conn.kafka.connect.sink;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

import io.s3conn.kafka.connect.Version;
import io.s3conn.kafka.connect.config.ConnectionConfig;
import io.s3conn.kafka.connect.config.Reachability;
import io.s3conn.kafka.connect.config.SettingChecks;
import io.s3conn.kafka.connect.config.SettingConflict;
import io.s3conn.kafka.connect.config.SinkConfig;
import io.s3conn.kafka.connect.config.SourceConfig;

/**
 * Records from any topic into a bucket as JSON lines or Parquet, with the settings of
 * {@code s3conn destination write}. Objects are named from topic, partition and first offset and cut by
 * count, bytes and record time, so a batch written again after a rebalance or a crash replaces itself:
 * each record is stored once.
 */
public final class S3SinkConnector extends SinkConnector {

    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        new SinkConfig(props).destination(); // a compression the format does not know fails the connector here
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return S3SinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return Collections.nCopies(maxTasks, props);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return SinkConfig.DEFINITION;
    }

    /**
     * The definition's checks, settings that go together (the format with its compression, credentials, encryption),
     * then one listing request of the bucket.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config validated = SettingChecks.refuse(super.validate(connectorConfigs), connectorConfigs, SinkConfig.DEFINITION,
                Set.of("topics"), SourceConfig.DEFINITION, "the source connector (S3SourceConnector)");
        SettingConflict.report(validated, () -> {
            SinkConfig config = new SinkConfig(connectorConfigs);
            config.destination();
            config.connection();
        });
        return ConnectionConfig.withoutEndpointUserInfo(Reachability.check(validated,
                () -> new SinkConfig(connectorConfigs).connection(), () -> new SinkConfig(connectorConfigs).bucket(),
                () -> new SinkConfig(connectorConfigs).destination().prefix()));
    }

    /**
     * The sink keeps no offsets of its own: the records it stored are those up to the offsets it handed Connect's
     * consumer group ({@code preCommit}), and a task reads on from them. So an alteration or reset of those offsets
     * ({@code PATCH} or {@code DELETE /connectors/NAME/offsets}) is all there is to it, and Connect's answer need not
     * warn that offsets kept elsewhere may want changing too.
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<TopicPartition, Long> offsets) {
        return true;
    }
}
