package io.s3conn.kafka.connect.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * The plans a connector's tasks committed offsets with, read from Connect's offset store. Offsets are kept per task
 * number ({@link TaskRange#partition}), each carrying its plan ({@link RangePlan}), so the connector looks at the
 * partitions of the task numbers it may use. The highest-numbered plan there is the one to keep, when it fits; a
 * plan of which no task committed anything is not found, which loses nothing.
 *
 * @param plans the plans found, one per offset that carries one
 */
record StoredPlans(List<RangePlan> plans) {

    StoredPlans {
        plans = List.copyOf(plans);
    }

    /** The plans stored for the scope under the task numbers below {@code maxTasks}. */
    static StoredPlans read(OffsetStorageReader reader, String bucket, String prefix, int maxTasks) {
        List<Map<String, String>> partitions = new ArrayList<>(maxTasks);
        for (int task = 0; task < maxTasks; task++) {
            partitions.add(TaskRange.partition(bucket, prefix, task));
        }
        Map<Map<String, String>, Map<String, Object>> offsets = reader.offsets(partitions);
        return new StoredPlans(offsets == null ? List.of() : offsets.values().stream()
                .filter(Objects::nonNull)
                .map(RangePlan::from)
                .flatMap(Optional::stream)
                .toList());
    }

    /** The highest-numbered plan stored, when it fits in {@code maxTasks} tasks. */
    Optional<RangePlan> kept(int maxTasks) {
        return newest().filter(plan -> plan.ranges().size() <= maxTasks);
    }

    /**
     * The number of a plan made now: after every stored one, so that it wins over their offsets left under task
     * numbers it does not use; the first number when none is stored, so that planning again before any task
     * committed numbers the plan as before.
     */
    long nextNumber() {
        return newest().map(plan -> plan.number() + 1).orElse(RangePlan.FIRST);
    }

    private Optional<RangePlan> newest() {
        return plans.stream().max(Comparator.comparingLong(RangePlan::number));
    }
}
