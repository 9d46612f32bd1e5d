package io.s3conn.it.source;

import static io.s3conn.it.source.SourceFixtures.describeAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.s3conn.core.record.Record;
import io.s3conn.source.range.KeyRange;
import io.s3conn.testbed.TestBed;

/** A source scoped to one key range, as each task of the Kafka Connect source is. */
class SourceKeyRangeIT {

    private final TestBed bed = SourceFixtures.testBed();

    @Test
    void aSourceScopedToAKeyRangeSnapshotsOnlyTheKeysOfThatRange() throws Exception {
        String bucket = SourceFixtures.newBucket("range-snapshot");
        bed.putMany(bucket, List.of("a", "b", "c", "d", "e"), 5);
        KeyRange range = new KeyRange(Optional.of("a"), Optional.of("d"));

        try (SourceHarness source = SourceHarness.of(bucket)) {
            source.with(source.config().withRange(range));

            assertThat(describeAll(source.run())).containsExactly("snapshot b", "snapshot c", "snapshot d");
        }
    }

    @Test
    void changeDetectionOfAKeyRangeReportsOnlyChangesInsideIt() throws Exception {
        String bucket = SourceFixtures.newBucket("range-cdc");
        bed.putMany(bucket, List.of("a", "m", "z"), 3);
        KeyRange range = new KeyRange(Optional.of("f"), Optional.of("p"));

        try (SourceHarness source = SourceHarness.of(bucket)) {
            source.with(source.config().withRange(range));
            assertThat(describeAll(source.run())).containsExactly("snapshot m");
            bed.put(bucket, "b", "outside", null);
            bed.put(bucket, "g", "inside", null);
            bed.client().deleteObject(d -> d.bucket(bucket).key("z"));
            bed.client().deleteObject(d -> d.bucket(bucket).key("m"));

            List<Record> changes = source.run();

            assertThat(describeAll(changes)).containsExactlyInAnyOrder("create g", "delete m");
        }
    }
}
