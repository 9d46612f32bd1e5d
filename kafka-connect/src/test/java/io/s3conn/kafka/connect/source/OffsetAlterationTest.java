package io.s3conn.kafka.connect.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

import io.s3conn.source.position.SnapshotPosition;

/**
 * Offsets written through {@code PATCH /connectors/NAME/offsets}, as Connect hands them to the connector: partitions
 * and offsets read back from their JSON (HashMaps, whole numbers as longs).
 */
class OffsetAlterationTest {

    private static final Map<String, String> CONFIG = Map.of("bucket", "photos", "prefix", "2026/", "topic", "photos");
    private static final RangePlan PLAN = new RangePlan(1, List.of("2026/m"));
    private static final String POSITION = "s3conn:v1:snapshot:1767225600000:MjAyNi9hLmpwZw";

    private final S3SourceConnector connector = new S3SourceConnector();

    @Test
    void anOffsetAsTheTasksWriteItIsAccepted() {
        assertThat(connector.alterOffsets(CONFIG, Map.of(partition("photos", "2026/", "1"), offset(POSITION, PLAN)))).isTrue();
    }

    @Test
    void aResetOfOnePartitionIsAccepted() {
        Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
        offsets.put(partition("photos", "2026/", "0"), null);

        assertThat(connector.alterOffsets(CONFIG, offsets)).isTrue();
    }

    /** DELETE /connectors/NAME/offsets resets every partition stored: also those of a prefix given up since. */
    @Test
    void aResetOfAPartitionOfAnotherPrefixIsAccepted() {
        Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
        offsets.put(partition("photos", "2025/", "0"), null);

        assertThat(connector.alterOffsets(CONFIG, offsets)).isTrue();
    }

    @Test
    void anOffsetUnderThePartitionOfAnotherPrefixIsRefusedNamingThePartitionsTheTasksRead() {
        assertThatThrownBy(() -> connector.alterOffsets(CONFIG, Map.of(partition("photos", "2025/", "0"), offset(POSITION, PLAN))))
                .isInstanceOf(ConnectException.class)
                .hasMessage("the partition {\"bucket\":\"photos\",\"task\":\"0\",\"prefix\":\"2025/\"} is none of this "
                        + "connector's, whose tasks read their offsets under {\"bucket\":\"photos\",\"task\":\"N\",\"prefix\":\"2026/\"} "
                        + "(N the task's number, as text)");
    }

    @Test
    void anOffsetWhoseTaskNumberIsANumberRatherThanTextIsRefused() {
        Map<String, Object> partition = new HashMap<>(partition("photos", "2026/", "0"));
        partition.put("task", 0L);

        assertThatThrownBy(() -> connector.alterOffsets(CONFIG, Map.of(partition, offset(POSITION, PLAN))))
                .isInstanceOf(ConnectException.class).hasMessageContaining("is none of this connector's");
    }

    @Test
    void anOffsetWithAMalformedPositionIsRefusedSayingWhatIsWrong() {
        assertThatThrownBy(() -> connector.alterOffsets(CONFIG, Map.of(partition("photos", "2026/", "0"),
                offset("s3conn:v1:snapshot:yesterday:", PLAN))))
                .isInstanceOf(ConnectException.class)
                .hasMessage("the offset of task 0 has a position the source cannot resume from: malformed s3conn position: "
                        + "the watermark is not a number of milliseconds since 1970");
    }

    @Test
    void anOffsetWithoutAPositionIsRefused() {
        Map<String, Object> offset = new HashMap<>(offset(POSITION, PLAN));
        offset.remove(S3SourceTask.POSITION);

        assertThatThrownBy(() -> connector.alterOffsets(CONFIG, Map.of(partition("photos", "2026/", "0"), offset)))
                .isInstanceOf(ConnectException.class).hasMessageStartingWith("the offset of task 0 has no position");
    }

    @Test
    void anOffsetWithoutThePlanOfTheKeyRangesIsRefusedNamingItsFields() {
        assertThatThrownBy(() -> connector.alterOffsets(CONFIG, Map.of(partition("photos", "2026/", "0"),
                Map.of(S3SourceTask.POSITION, POSITION))))
                .isInstanceOf(ConnectException.class)
                .hasMessage("the offset of task 0 carries no plan of the key ranges (the fields plan and plan-number, as "
                        + "GET /connectors/NAME/offsets shows them): its task would ignore it");
    }

    /** Before, it was refused as carrying no plan, while its fields were there. */
    @Test
    void anOffsetWhosePlanIsNoJsonArrayIsRefusedSayingItsTaskCannotReadIt() {
        Map<String, Object> offset = new HashMap<>(offset(POSITION, PLAN));
        offset.put(RangePlan.CUTS, "2026/m");

        assertThatThrownBy(() -> connector.alterOffsets(CONFIG, Map.of(partition("photos", "2026/", "0"), offset)))
                .isInstanceOf(ConnectException.class)
                .hasMessage("the offset of task 0 carries a plan of the key ranges its task cannot read (the fields plan and "
                        + "plan-number, as GET /connectors/NAME/offsets shows them): its task would ignore it");
    }

    @Test
    void anOffsetOfATaskItsPlanHasNoRangeForIsRefused() {
        assertThatThrownBy(() -> connector.alterOffsets(CONFIG, Map.of(partition("photos", "2026/", "2"), offset(POSITION, PLAN))))
                .isInstanceOf(ConnectException.class)
                .hasMessage("the offset of task 2 carries a plan of 2 key ranges, which has no task 2");
    }

    @Test
    void aSnapshotPositionPastTheEndOfItsTasksRangeIsRefused() {
        String afterTheCut = new SnapshotPosition(Instant.ofEpochMilli(1767225600000L), Optional.of("2026/z.jpg")).printable();

        assertThatThrownBy(() -> connector.alterOffsets(CONFIG, Map.of(partition("photos", "2026/", "0"), offset(afterTheCut, PLAN))))
                .isInstanceOf(ConnectException.class)
                .hasMessage("the offset of task 0 has a snapshot position after \"2026/z.jpg\", past the end of the task's "
                        + "key range (up to \"2026/m\")");
    }

    private static Map<String, ?> partition(String bucket, String prefix, String task) {
        return TaskRange.partition(bucket, prefix, Integer.parseInt(task));
    }

    private static Map<String, ?> offset(String position, RangePlan plan) {
        Map<String, Object> offset = new HashMap<>();
        plan.addTo(offset);
        offset.put(S3SourceTask.POSITION, position);
        return offset;
    }
}
