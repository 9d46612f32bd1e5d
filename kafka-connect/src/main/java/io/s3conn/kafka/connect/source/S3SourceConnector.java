package io.s3conn.kafka.connect.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

import io.s3conn.core.s3.RequestFailure;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.text.TerminalText;
import io.s3conn.kafka.connect.Version;
import io.s3conn.kafka.connect.config.ConnectionConfig;
import io.s3conn.kafka.connect.config.MisspelledSettings;
import io.s3conn.kafka.connect.config.OtherConnectorsSettings;
import io.s3conn.kafka.connect.config.Reachability;
import io.s3conn.kafka.connect.config.SettingConflict;
import io.s3conn.kafka.connect.config.SinkConfig;
import io.s3conn.kafka.connect.config.SourceConfig;
import io.s3conn.source.range.RangePlanner;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A bucket (prefix) as a topic of OpenCDC records: a snapshot, then changes. The scope is split by the range planner
 * of the parallel listing ({@link RangePlanner}) into at most {@code tasks.max} key ranges, one per task; each range's position lives in Connect's offset store under the source
 * partition {@code {bucket, prefix, task}}, with the plan of the ranges, which a restarted connector reuses. Exactly-once delivery is supported (KIP-618), with transactions
 * per poll when the connector defines the boundaries.
 */
public final class S3SourceConnector extends SourceConnector {

    private Map<String, String> props;
    private SourceConfig config;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
        this.config = new SourceConfig(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return S3SourceTask.class;
    }

    /**
     * One task per range of the plan its tasks last committed offsets with, when it fits in {@code maxTasks}: a
     * restarted connector keeps its ranges however the bucket changed, so their offsets stay valid. Otherwise a
     * new plan, whose ranges start with a snapshot; made again before any task committed, of an unchanged bucket,
     * it is the same plan with the same task configurations, which Connect does not restart tasks for.
     */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        RangePlan plan;
        try {
            StoredPlans stored = StoredPlans.read(context().offsetStorageReader(), config.bucket(), config.prefix(), maxTasks);
            plan = stored.kept(maxTasks).orElseGet(() -> newPlan(maxTasks, stored.nextNumber()));
        } catch (PlanningFailed e) {
            if (RequestFailure.of(e).mayPass()) {
                throw e; // Connect asks again after a backoff, as S3 may answer then
            }
            // Connect asks again and again for the tasks of a connector whose taskConfigs throws, with the connector
            // RUNNING and no task, and the reason in the worker's log only: a failure that will not pass (access
            // refused, no such bucket) fails the connector instead, its reason in its status.
            context().raiseError(new ConnectException(e.getMessage(), e.getCause())); // its trace: Connect's own type
            return List.of();
        }
        List<Map<String, String>> tasks = new ArrayList<>();
        for (int task = 0; task < plan.ranges().size(); task++) {
            tasks.add(new TaskRange(config.bucket(), config.prefix(), plan, task).taskConfig(props));
        }
        return tasks;
    }

    private RangePlan newPlan(int maxTasks, long number) {
        try (S3Client s3 = S3Clients.create(config.connection())) {
            return RangePlan.of(RangePlanner.of(s3, config.bucket(), config.prefix()).plan(maxTasks), number);
        } catch (RuntimeException e) {
            // Escaped: Connect logs this line, and a prefix or a server's text may hold a newline.
            throw new PlanningFailed(TerminalText.escaped("cannot plan the key ranges of s3://" + config.bucket() + "/"
                    + config.prefix() + ": " + e.getMessage()), e);
        }
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return SourceConfig.DEFINITION;
    }

    /**
     * The definition's checks, settings that go together (credentials), then one listing request of the scope, as
     * {@code s3conn source read} probes it: an unreachable endpoint or bucket, or a directory bucket, is refused here.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config validated = OtherConnectorsSettings.refuse(super.validate(connectorConfigs), connectorConfigs,
                SourceConfig.DEFINITION, SinkConfig.DEFINITION, "the sink connector (S3SinkConnector)");
        validated = MisspelledSettings.refuse(validated, connectorConfigs, SourceConfig.DEFINITION, Set.of());
        SettingConflict.report(validated, () -> new SourceConfig(connectorConfigs).connection());
        return ConnectionConfig.withoutEndpointUserInfo(Reachability.checkReadable(validated,
                () -> new SourceConfig(connectorConfigs).connection(), () -> new SourceConfig(connectorConfigs).bucket(),
                () -> new SourceConfig(connectorConfigs).prefix()));
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
        return ConnectorTransactionBoundaries.SUPPORTED;
    }

    /** The key ranges could not be planned: the listing failed. */
    private static final class PlanningFailed extends ConnectException {

        private static final long serialVersionUID = 1L;

        PlanningFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
