package io.s3conn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.s3conn.inventory.objects.InventoryRow;
import io.s3conn.inventory.SyncSummary;
import io.s3conn.testbed.S3Server;

/**
 * The example of a suite that runs unchanged on every S3 server ({@link Fixtures#servers()}): what holds for
 * S3Proxy behind the emulator holds for Ceph RGW too. Differences are asked of the server
 * ({@link S3Server#restoresArchives()}), never of its name.
 */
class S3ServersIT {

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void anInventorySyncRecordsEveryObjectWithItsStorageClass(S3Server server) {
        String bucket = Fixtures.newBucket(server, "servers");
        List<String> keys = Fixtures.keys("obj/", 1200);
        server.putMany(bucket, keys, 8);
        server.put(bucket, "classes/standard-ia", "infrequent", "STANDARD_IA");
        server.put(bucket, "classes/glacier", "cold", "GLACIER");
        server.put(bucket, "classes/deep-archive", "colder", "DEEP_ARCHIVE");
        InventoryRun inventory = new InventoryRun(Fixtures.newSqliteUrl(), Fixtures.connection(server));

        SyncSummary summary = inventory.sync(bucket);

        assertThat(summary.counters().inserted()).isEqualTo(1203);
        Map<String, InventoryRow> rows = inventory.rows(bucket);
        assertThat(rows).containsKeys("obj/00000", "obj/01199");
        assertThat(rows.get("obj/00000").object().storageClass()).isEqualTo("STANDARD");
        assertThat(rows.get("classes/standard-ia").object().storageClass()).isEqualTo("STANDARD_IA");
        assertThat(rows.get("classes/glacier").object().storageClass()).isEqualTo("GLACIER");
        assertThat(rows.get("classes/deep-archive").object().storageClass()).isEqualTo("DEEP_ARCHIVE");
    }
}
