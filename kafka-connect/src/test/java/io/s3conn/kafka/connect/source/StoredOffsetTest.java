package io.s3conn.kafka.connect.source;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;

/** What a task does with the offset Connect holds for its range, read as it starts (before any request to S3). */
class StoredOffsetTest {

    private static final RangePlan PLAN = new RangePlan(1, List.of());

    /** Such an offset got into the store by hand, or through a PATCH before the connector refused it. */
    @Test
    void anOffsetWithAMalformedPositionFailsTheTaskSayingWhereItIsAndHowToReadTheRangeAgain() {
        Map<String, Object> offset = new HashMap<>();
        PLAN.addTo(offset);
        offset.put(S3SourceTask.POSITION, "s3conn:v1:snapshot:yesterday:");
        S3SourceTask task = new S3SourceTask();
        task.initialize(context(offset));
        TaskRange range = new TaskRange("photos", "2026/", PLAN, 0);

        assertThatThrownBy(() -> task.start(range.taskConfig(Map.of("bucket", "photos", "prefix", "2026/", "topic", "photos"))))
                .isInstanceOf(ConnectException.class)
                .hasMessage("the offset of s3://photos/2026/ range " + range.range() + " in Connect's offset store has a "
                        + "position the source cannot resume from: malformed s3conn position: the watermark is not a number "
                        + "of milliseconds since 1970; to read the range again, reset the connector's offsets "
                        + "(PUT /connectors/NAME/stop, then DELETE /connectors/NAME/offsets)");
    }

    /** A context whose offset store holds {@code offset} under every partition. */
    private static SourceTaskContext context(Map<String, Object> offset) {
        OffsetStorageReader reader = new OffsetStorageReader() {
            @Override
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                return offset;
            }

            @Override
            public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
                partitions.forEach(partition -> found.put(partition, offset));
                return found;
            }
        };
        return new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return Map.of();
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return reader;
            }

            @Override
            public PluginMetrics pluginMetrics() {
                throw new UnsupportedOperationException("the task asks for no metrics");
            }
        };
    }
}
