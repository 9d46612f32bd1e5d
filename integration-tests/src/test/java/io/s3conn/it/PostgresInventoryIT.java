package io.s3conn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.s3conn.inventory.SyncSummary;
import io.s3conn.testbed.TestBed;

/** The same inventory on a real PostgreSQL server: key order, timestamps, upserts and tombstones. */
class PostgresInventoryIT {

    private final TestBed bed = Fixtures.testBed();
    private final InventoryRun inventory = new InventoryRun(Fixtures.postgres().freshDatabase());

    @Test
    void keysSortInS3OrderSoPagesMatchTheirRanges() {
        String bucket = Fixtures.newBucket("pg-order");
        // Upper and lower case, punctuation and non-ASCII: a locale collation orders these unlike S3.
        List<String> keys = List.of("B", "a", "_x", "Z", "é", "e", "-dash", "A b", "~", "日本", "😀", "a_b", "a-b");
        keys.forEach(k -> bed.put(bucket, k, k, null));

        inventory.options(io.s3conn.inventory.InventorySyncOptions.defaults().withPageSize(3)).sync(bucket);
        SyncSummary second = inventory.sync(bucket);

        assertThat(inventory.liveKeys(bucket)).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(second.counters().changed()).isZero();
        assertThat(second.counters().deleted()).isZero();
    }

    @Test
    void changesDeletesAndRecreationsAreReflected() {
        String bucket = Fixtures.newBucket("pg-incremental");
        bed.putMany(bucket, Fixtures.keys("p", 1100), 16);
        inventory.sync(bucket);

        bed.client().deleteObject(r -> r.bucket(bucket).key("p00005"));
        bed.put(bucket, "p00006", "different", null);
        bed.put(bucket, "q", "new", "GLACIER");
        SyncSummary second = inventory.sync(bucket);

        assertThat(second.counters().inserted()).isEqualTo(1);
        assertThat(second.counters().updated()).isEqualTo(1);
        assertThat(second.counters().deleted()).isEqualTo(1);
        assertThat(inventory.rows(bucket).get("q").restore().label()).isEqualTo("archived");
        assertThat(inventory.rows(bucket).get("p00005").deletedAt()).isPresent();

        bed.put(bucket, "p00005", "again", null);
        assertThat(inventory.sync(bucket).counters().updated()).isEqualTo(1);
        assertThat(inventory.rows(bucket).get("p00005").deletedAt()).isEmpty();
    }

    @Test
    void aSyncWithoutChangesWritesNothing() {
        String bucket = Fixtures.newBucket("pg-no-change");
        InventorySyncIT.seedEveryClassAndState(bucket);
        inventory.sync(bucket);

        SyncSummary second = inventory.sync(bucket);

        assertThat(second.counters().changed()).isZero();
        assertThat(second.contents().byRestoreStatus()).containsEntry("archived", 4L).containsEntry("restoring", 2L);
    }
}
