package io.s3conn.kafka.connect.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

import io.s3conn.source.range.KeyRange;

class TaskRangeTest {

    private static final RangePlan PLAN = new RangePlan(3, List.of("a", "m"));

    /**
     * Connect looks a partition's offset up by its key's bytes, serialized as the worker's internal converter does.
     * With {@code Map.of} the field order (and so the bytes) depended on the JVM's hash salt: a task moved to
     * another worker found no offset and snapshotted its range again.
     */
    @Test
    void theSourcePartitionSerializesToTheSameBytesInEveryWorker() {
        TaskRange range = new TaskRange("bucket-1", "logs/", PLAN, 1);

        String key = offsetKey("source-1", range.partition());

        assertThat(key).isEqualTo("[\"source-1\",{\"bucket\":\"bucket-1\",\"task\":\"1\",\"prefix\":\"logs/\"}]");
    }

    /** Connect's offsets REST API reads a stored partition back into a HashMap and serializes that to look it up. */
    @Test
    void theSourcePartitionSerializesAsConnectsRestApiSerializesItAgain() {
        TaskRange range = new TaskRange("bucket-1", "logs/", PLAN, 1);

        String key = offsetKey("source-1", range.partition());

        assertThat(readBackAndSerializedAgain(key)).isEqualTo(key);
    }

    @Test
    void aTaskReadsTheRangeOfItsNumberInThePlan() {
        assertThat(new TaskRange("bucket-1", "", PLAN, 1).range()).isEqualTo(new KeyRange(Optional.of("a"), Optional.of("m")));
    }

    @Test
    void aTaskConfigurationCarriesThePlanAndTheTaskNumber() {
        TaskRange range = new TaskRange("bucket-1", "", PLAN, 2);

        TaskRange again = TaskRange.of("bucket-1", "", range.taskConfig(Map.of("name", "source-1")));

        assertThat(again).isEqualTo(range);
    }

    /** Connect starts the tasks of the configurations in its config topic, written by the version before. */
    @Test
    void aTaskConfigurationWrittenBeforePlansWereNumberedCarriesItsPlanNumberedByItsStamp() {
        Map<String, String> config = Map.of(TaskRange.PLAN, "{\"plannedAt\":1700000000000,\"cuts\":[\"a\",\"m\"]}",
                TaskRange.TASK, "1");

        assertThat(TaskRange.of("bucket-1", "", config).plan()).isEqualTo(new RangePlan(1_700_000_000_000L, List.of("a", "m")));
    }

    /** What Connect's offsets REST API does with a stored key: reads it with the converter, and writes it again. */
    private static String readBackAndSerializedAgain(String key) {
        try (JsonConverter converter = new JsonConverter()) {
            converter.configure(Map.of("schemas.enable", "false", "converter.type", "key"));
            Object value = converter.toConnectData("offsets", key.getBytes(StandardCharsets.UTF_8)).value();
            return new String(converter.fromConnectData("offsets", null, value), StandardCharsets.UTF_8);
        }
    }

    /** The key of an offset record as a worker writes and looks it up (OffsetStorageWriter/Reader). */
    private static String offsetKey(String connector, Map<String, String> partition) {
        try (JsonConverter converter = new JsonConverter()) {
            converter.configure(Map.of("schemas.enable", "false", "converter.type", "key"));
            return new String(converter.fromConnectData("offsets", null, List.of(connector, partition)),
                    StandardCharsets.UTF_8);
        }
    }
}
