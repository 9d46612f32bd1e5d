package io.s3conn.kafka.connect.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * The plan a connector's tasks last committed offsets with, read from Connect's offset store. Offsets are kept
 * per task number ({@link TaskRange#partition}), each carrying its plan ({@link RangePlan}), so the connector
 * looks at the partitions of the task numbers it may use and takes the newest plan there. A plan with more ranges
 * than tasks allowed cannot be kept; a plan of which no task committed anything is not found, which loses nothing.
 */
final class StoredPlans {

    private StoredPlans() {
    }

    /** The newest plan stored for the scope, when it fits in {@code maxTasks} tasks. */
    static Optional<RangePlan> find(OffsetStorageReader reader, String bucket, String prefix, int maxTasks) {
        List<Map<String, String>> partitions = new ArrayList<>(maxTasks);
        for (int task = 0; task < maxTasks; task++) {
            partitions.add(TaskRange.partition(bucket, prefix, task));
        }
        Map<Map<String, String>, Map<String, Object>> offsets = reader.offsets(partitions);
        return offsets == null ? Optional.empty() : offsets.values().stream()
                .filter(Objects::nonNull)
                .map(RangePlan::from)
                .flatMap(Optional::stream)
                .max(Comparator.comparing(RangePlan::plannedAt))
                .filter(plan -> plan.ranges().size() <= maxTasks);
    }
}
