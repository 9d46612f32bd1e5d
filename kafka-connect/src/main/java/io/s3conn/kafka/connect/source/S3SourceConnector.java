package io.s3conn.kafka.connect.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

import io.s3conn.core.s3.RequestFailure;
import io.s3conn.core.json.Json;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.text.TerminalText;
import io.s3conn.kafka.connect.Outage;
import io.s3conn.kafka.connect.Version;
import io.s3conn.kafka.connect.config.ConnectionConfig;
import io.s3conn.kafka.connect.config.Reachability;
import io.s3conn.kafka.connect.config.SettingChecks;
import io.s3conn.kafka.connect.config.SettingConflict;
import io.s3conn.kafka.connect.config.SinkConfig;
import io.s3conn.kafka.connect.config.SourceConfig;
import io.s3conn.source.position.MalformedPositionException;
import io.s3conn.source.position.SnapshotPosition;
import io.s3conn.source.position.SourcePosition;
import io.s3conn.source.position.SourcePositions;
import io.s3conn.source.range.KeyRange;
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

    /**
     * A plan of the scope as it is now. Its first request is the scope's first page, which the task of the first range
     * lists again: that task runs later, on any worker, and a page carried in its configuration would be stale and up to
     * 1,000 keys in Connect's config topic, for one request a plan saved.
     */
    private RangePlan newPlan(int maxTasks, long number) {
        try (S3Client s3 = S3Clients.create(config.connection())) {
            return RangePlan.of(RangePlanner.of(s3, config.bucket(), config.prefix()).plan(maxTasks), number);
        } catch (RuntimeException e) {
            // Escaped: Connect logs this line, and a prefix or a server's text may hold a newline.
            throw new PlanningFailed(TerminalText.escaped("cannot plan the key ranges of s3://" + config.bucket() + "/"
                    + config.prefix() + ": " + Outage.oneLine(e, config.bucket())), e);
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
        Config validated = SettingChecks.refuse(super.validate(connectorConfigs), connectorConfigs,
                SourceConfig.DEFINITION, Set.of(), SinkConfig.DEFINITION, "the sink connector (S3SinkConnector)");
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

    /**
     * Accepts offsets written through Connect's REST API ({@code PATCH /connectors/NAME/offsets}) only as a task
     * reads them: under a partition of this connector's scope ({@code bucket}, {@code prefix}, {@code task} as text),
     * with a position the source parses and the plan of the key ranges it belongs to. Connect stores any other
     * offset, and the tasks ignore it without a word (no plan, another partition: they snapshot their ranges again
     * from the start) or fail at every start (a malformed position); refused here, the answer says what is wrong and
     * nothing is written. A null offset (a partition reset) is accepted under any partition.
     *
     * @return true: the offsets are all there is to alter, as a task's state that does not match them is dropped
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        String bucket = connectorConfig.getOrDefault(ConnectionConfig.BUCKET, "");
        String prefix = connectorConfig.getOrDefault(ConnectionConfig.PREFIX, "");
        offsets.forEach((partition, offset) -> {
            // A reset is taken for any partition: DELETE /connectors/NAME/offsets resets every partition stored, also
            // those of a prefix the connector no longer reads, or of an earlier version's partitions.
            if (offset != null) {
                checkOffset(taskOf(partition, bucket, prefix), offset);
            }
        });
        return true;
    }

    /** The task number of a partition of the scope's offsets; refuses any other partition. */
    private static int taskOf(Map<String, ?> partition, String bucket, String prefix) {
        Object task = partition.get("task");
        boolean ours = partition.size() == 3 && bucket.equals(partition.get("bucket")) && prefix.equals(partition.get("prefix"))
                && task instanceof String number && number.matches("0|[1-9][0-9]{0,8}");
        if (!ours) {
            throw offsetRefused("the partition " + Json.write(partition) + " is none of this connector's, whose tasks "
                    + "read their offsets under {\"bucket\":" + Json.write(bucket) + ",\"task\":\"N\",\"prefix\":"
                    + Json.write(prefix) + "} (N the task's number, as text)");
        }
        return Integer.parseInt((String) task);
    }

    /** Refuses an offset task {@code task} would ignore or fail on. */
    private static void checkOffset(int task, Map<String, ?> offset) {
        String of = "the offset of task " + task + " ";
        if (!(offset.get(S3SourceTask.POSITION) instanceof String position)) {
            throw offsetRefused(of + "has no " + S3SourceTask.POSITION + " (an s3conn position as text, such as "
                    + "GET /connectors/NAME/offsets shows)");
        }
        SourcePosition parsed;
        try {
            parsed = SourcePositions.parse(position);
        } catch (MalformedPositionException e) {
            throw offsetRefused(of + "has a position the source cannot resume from: " + e.getMessage());
        }
        Optional<RangePlan> plan = RangePlan.from(offset);
        if (plan.isEmpty()) {
            // An edited plan the task cannot read is ignored as a missing one is, but "no plan" would send the operator
            // looking for fields that are there.
            boolean given = offset.containsKey(RangePlan.CUTS) || offset.containsKey(RangePlan.NUMBER);
            throw offsetRefused(of + (given ? "carries a plan of the key ranges its task cannot read" : "carries no plan of the key ranges")
                    + " (the fields " + RangePlan.CUTS + " and " + RangePlan.NUMBER + ", as GET /connectors/NAME/offsets shows "
                    + "them): its task would ignore it");
        }
        if (task >= plan.get().ranges().size()) {
            throw offsetRefused(of + "carries a plan of " + plan.get().ranges().size() + " key ranges, which has no task " + task);
        }
        // A snapshot resumes after its last key, inside the task's range: one past the range's end would fail the task.
        KeyRange range = plan.get().ranges().get(task);
        if (parsed instanceof SnapshotPosition snapshot && snapshot.lastKey().filter(range::beyond).isPresent()) {
            throw offsetRefused(of + "has a snapshot position after " + Json.write(snapshot.lastKey().get())
                    + ", past the end of the task's key range (up to " + Json.write(range.upTo().orElseThrow()) + ")");
        }
    }

    /** The refusal of an alteration of the offsets, escaped: Connect logs it, and a key or a prefix may hold a newline. */
    private static ConnectException offsetRefused(String reason) {
        return new ConnectException(TerminalText.escaped(reason));
    }

    /** The key ranges could not be planned: the listing failed. */
    private static final class PlanningFailed extends ConnectException {

        private static final long serialVersionUID = 1L;

        PlanningFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
