package io.s3conn.kafka.connect.source;

import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.core.JsonProcessingException;

import io.s3conn.core.json.Json;
import io.s3conn.source.range.KeyRange;

/**
 * The key range a task reads: range {@code task} of the connector's {@link RangePlan}, carried in the task's
 * configuration. Its offsets live in Connect's offset store under the source partition
 * {@code {bucket, prefix, task}}, each offset carrying the plan, so a task moved to another worker, or given the
 * same range again after a restart, finds its offsets, and an offset of another plan is told apart.
 */
record TaskRange(String bucket, String prefix, RangePlan plan, int task) {

    static final String PLAN = "s3conn.task.plan";
    static final String TASK = "s3conn.task.number";

    TaskRange {
        if (task < 0 || task >= plan.ranges().size()) {
            throw new IllegalArgumentException("task " + task + " of a plan of " + plan.ranges().size() + " ranges");
        }
    }

    /** The keys this task reads. */
    KeyRange range() {
        return plan.ranges().get(task);
    }

    /** The connector's settings plus the plan and this task's number in it. */
    Map<String, String> taskConfig(Map<String, String> connectorConfig) {
        Map<String, String> config = new HashMap<>(connectorConfig);
        config.put(PLAN, Json.write(new PlanJson(plan.number(), plan.cuts())));
        config.put(TASK, Integer.toString(task));
        return config;
    }

    /** The range of a task configuration made by {@link #taskConfig}. */
    static TaskRange of(String bucket, String prefix, Map<String, String> taskConfig) {
        try {
            PlanJson plan = Json.read(taskConfig.get(PLAN), PlanJson.class);
            return new TaskRange(bucket, prefix, new RangePlan(plan.number(), plan.cuts()),
                    Integer.parseInt(taskConfig.get(TASK)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("the task configuration's plan is no plan: " + taskConfig.get(PLAN), e);
        }
    }

    /** The source partition of this task's offsets. */
    Map<String, String> partition() {
        return partition(bucket, prefix, task);
    }

    /**
     * The source partition of task {@code task}'s offsets, its fields in a {@link HashMap}'s order. Connect finds
     * a partition's offset by the partition's serialized bytes, and a map serializes in its iteration order:
     * {@code Map.of}'s changes from JVM to JVM (a task moved to another worker would miss the offsets its
     * predecessor committed), and Connect's own REST API ({@code GET}, {@code PATCH} and {@code DELETE
     * /connectors/NAME/offsets}) reads stored partitions back into HashMaps and serializes those: in any other
     * order it would find no offsets and reset none.
     */
    static Map<String, String> partition(String bucket, String prefix, int task) {
        Map<String, String> partition = new HashMap<>();
        partition.put("bucket", bucket);
        partition.put("prefix", prefix);
        partition.put("task", Integer.toString(task));
        return Collections.unmodifiableMap(partition);
    }

    /**
     * The plan as it travels in a task configuration; {@code plannedAt} is where versions before plans were
     * numbered put its stamp, which is its number now ({@link RangePlan#PLANNED_AT}).
     */
    record PlanJson(@JsonAlias("plannedAt") long number, List<String> cuts) {
    }
}
