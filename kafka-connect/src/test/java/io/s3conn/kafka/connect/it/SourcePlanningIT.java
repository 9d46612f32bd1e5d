package io.s3conn.kafka.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceConnectorContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;

import io.s3conn.kafka.connect.source.S3SourceConnector;
import io.s3conn.testbed.ArchiveEmulator;
import io.s3conn.testbed.S3Operation;

/**
 * The source connector's plan of key ranges, asked of the connector as a worker asks it, against the test bed's S3:
 * what Connect decides about the running tasks depends on the task configurations the plan makes.
 */
class SourcePlanningIT {

    /**
     * Connect restarts every task whose configuration changed: with a plan stamped with the time it was made, a
     * connector started on another worker (its worker died, a worker joined) before its tasks committed an offset
     * restarted them all, and without exactly-once delivery each began its snapshot again.
     */
    @Test
    void aConnectorPlanningAgainBeforeItsTasksCommittedGivesThemTheSameConfigurations() throws Exception {
        String bucket = ConnectFixtures.newBucket("plan-again");
        ConnectFixtures.testBed().putMany(bucket, ConnectFixtures.numberedKeys("obj-", 3000), 16);
        Map<String, String> config = SourceConnectorIT.source(bucket, ConnectFixtures.unique("plan-again"));

        List<Map<String, String>> first = taskConfigsWithoutOffsets(config);
        List<Map<String, String>> again = taskConfigsWithoutOffsets(config);

        assertThat(first).as("tasks of the first plan").hasSizeGreaterThan(1);
        assertThat(again).isEqualTo(first);
    }

    /**
     * Before, the planner sent its delimiter listing beside the first page, which alone showed the scope empty: two
     * ListObjectsV2 where a sequential listing sends one.
     */
    @Test
    void aConnectorPlansAnEmptyScopeWithTheListingsOfASequentialListingOfIt() throws Exception {
        String bucket = ConnectFixtures.newBucket("plan-empty");
        Map<String, String> config = SourceConnectorIT.source(bucket, ConnectFixtures.unique("plan-empty"));
        long sequential = listingsSentBy(() -> ConnectFixtures.testBed().client()
                .listObjectsV2Paginator(b -> b.bucket(bucket)).stream().count());

        long planning = listingsSentBy(() -> taskConfigsWithoutOffsets(config));

        assertThat(planning).isEqualTo(sequential);
    }

    /** The ListObjectsV2 requests the test bed received while {@code action} ran. */
    private static long listingsSentBy(Runnable action) {
        ArchiveEmulator emulator = ConnectFixtures.testBed().emulator();
        long before = emulator.stats().requests(S3Operation.LIST_OBJECTS_V2);
        action.run();
        return emulator.stats().requests(S3Operation.LIST_OBJECTS_V2) - before;
    }

    /** The task configurations a connector started now makes, with nothing in the offset store. */
    private static List<Map<String, String>> taskConfigsWithoutOffsets(Map<String, String> config) {
        S3SourceConnector connector = new S3SourceConnector();
        connector.initialize(new NothingCommitted());
        connector.start(config);
        try {
            return connector.taskConfigs(Integer.parseInt(config.get("tasks.max")));
        } finally {
            connector.stop();
        }
    }

    /** A worker's context for a connector whose tasks have not committed any offset yet. */
    private static final class NothingCommitted implements SourceConnectorContext {

        @Override
        public OffsetStorageReader offsetStorageReader() {
            return new OffsetStorageReader() {
                @Override
                public <T> Map<String, Object> offset(Map<String, T> partition) {
                    return null;
                }

                @Override
                public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                    return Map.of();
                }
            };
        }

        @Override
        public void requestTaskReconfiguration() {
        }

        @Override
        public void raiseError(Exception e) {
            throw new AssertionError("the connector failed", e);
        }

        @Override
        public PluginMetrics pluginMetrics() {
            return null;
        }
    }
}
