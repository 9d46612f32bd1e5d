package io.s3conn.kafka.connect.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;

class StoredPlansTest {

    private static final RangePlan OLD = new RangePlan(1, List.of("k"));
    private static final RangePlan NEW = new RangePlan(2, List.of("c", "h", "q"));

    private final Map<Map<String, String>, Map<String, Object>> store = new HashMap<>();
    private final OffsetStorageReader reader = new OffsetStorageReader() {
        @Override
        public <T> Map<String, Object> offset(Map<String, T> partition) {
            return store.get(partition);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
            Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
            partitions.forEach(p -> found.put(p, store.get((Map<String, String>) (Map<String, ?>) p)));
            return found;
        }
    };

    @Test
    void noOffsetsNoPlan() {
        assertThat(StoredPlans.read(reader, "b", "", 4).kept(4)).isEmpty();
    }

    @Test
    void thePlanOfAnyTaskThatCommittedIsFound() {
        commit(2, NEW);

        assertThat(StoredPlans.read(reader, "b", "", 4).kept(4)).contains(NEW);
    }

    @Test
    void theNewestPlanWinsOverOffsetsLeftByAnOlderOne() {
        commit(0, OLD);
        commit(1, OLD);
        commit(3, NEW);

        assertThat(StoredPlans.read(reader, "b", "", 4).kept(4)).contains(NEW);
    }

    @Test
    void aPlanOfMoreRangesThanTasksAllowedIsNotKept() {
        commit(0, NEW);

        assertThat(StoredPlans.read(reader, "b", "", 3).kept(3)).isEmpty();
    }

    @Test
    void offsetsOfAnotherPrefixAreNotLookedAt() {
        store.put(TaskRange.partition("b", "other/", 0), offset(NEW));

        assertThat(StoredPlans.read(reader, "b", "", 4).kept(4)).isEmpty();
    }

    /** So that a connector planning again before any task committed makes the same plan, numbered alike. */
    @Test
    void theFirstPlanOfAScopeWithoutOffsetsIsNumberedOne() {
        assertThat(StoredPlans.read(reader, "b", "", 4).nextNumber()).isEqualTo(1);
    }

    @Test
    void aNewPlanIsNumberedAfterTheHighestStoredPlanAlsoOneThatDoesNotFit() {
        commit(0, OLD);
        commit(1, NEW);

        assertThat(StoredPlans.read(reader, "b", "", 2).nextNumber()).isEqualTo(3);
    }

    private void commit(int task, RangePlan plan) {
        store.put(TaskRange.partition("b", "", task), offset(plan));
    }

    private static Map<String, Object> offset(RangePlan plan) {
        Map<String, Object> offset = new HashMap<>();
        offset.put(S3SourceTask.POSITION, "s3conn:v1:snapshot:1:a2V5");
        plan.addTo(offset);
        return offset;
    }
}
