package io.s3conn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.s3conn.core.model.ObjectSummary;
import io.s3conn.glacier.RequestRate;
import io.s3conn.glacier.RestoreTier;
import io.s3conn.glacier.ServerTraits;
import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.InventorySyncOptions;
import io.s3conn.inventory.restore.InventoryRestore;
import io.s3conn.inventory.restore.RestorePlan;
import io.s3conn.glacier.RestoresNotImplementedException;
import io.s3conn.testbed.ceph.CephRgwServer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Restores on Ceph RGW, which has none: its archive classes are placement labels (objects readable at
 * once) and RestoreObject answers {@code 501 NotImplemented}. On S3Proxy behind the emulator restores
 * work as on Amazon S3 ({@link InventoryRestoreCliIT}).
 */
class RestoresOnRgwIT {

    private final CephRgwServer rgw = Fixtures.cephRgw();
    private final String database = Fixtures.newSqliteUrl();

    /**
     * The probe finds GLACIER and DEEP_ARCHIVE readable, so {@code inventory restore} selects nothing and
     * sends no RestoreObject: one summary line saying so and why (before, it said only "no archived objects to restore"
     * of a bucket listed with GLACIER objects), exit 0, nothing on stderr.
     */
    @Test
    void inventoryRestoreFindsNoArchivedObjectAndSaysSoInOneLine() {
        String bucket = Fixtures.newBucket(rgw, "rgw-restore-cli");
        rgw.put(bucket, "cold-1", "one", "GLACIER");
        rgw.put(bucket, "cold-2", "two", "DEEP_ARCHIVE");
        rgw.put(bucket, "warm", "three", null);

        Cli.Result result = Cli.withCredentials(rgw).run("inventory", "restore", "--bucket", bucket,
                "--endpoint-url", rgw.endpoint().toString(), "--database", database);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).as(result.toString()).isEqualTo("restore of s3://" + bucket + "/: 0 objects (0 bytes): "
                + "no archived objects to restore (this server serves its GLACIER and DEEP_ARCHIVE objects at once, 2 objects "
                + "here: it archives nothing and has no restores); skipped: 0 being restored, 0 restored, 0 over the limits\n");
        assertThat(result.stderr()).isEmpty();
    }

    @Test
    void inventoryRestoreDryRunSaysWhyItWouldRestoreNothing() {
        String bucket = Fixtures.newBucket(rgw, "rgw-restore-dry");
        rgw.put(bucket, "cold-1", "one", "GLACIER");

        Cli.Result result = Cli.withCredentials(rgw).run("inventory", "restore", "--bucket", bucket,
                "--endpoint-url", rgw.endpoint().toString(), "--database", database, "--dry-run");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).as(result.toString()).isEqualTo("would restore 0 objects (0 bytes) of s3://" + bucket
                + "/ with tier Standard (this server serves its GLACIER and DEEP_ARCHIVE objects at once, 1 object here: it "
                + "archives nothing and has no restores); skipped: 0 being restored, 0 restored, 0 over the limits\n");
    }

    /** Asked to restore anyway (a plan from elsewhere), the first 501 ends the run: one request, not one per object. */
    @Test
    void restoresStopAtTheFirstNotImplementedAnswer() {
        String bucket = Fixtures.newBucket(rgw, "rgw-restore-501");
        rgw.put(bucket, "cold-1", "one", "GLACIER");
        rgw.put(bucket, "cold-2", "two", "GLACIER");
        rgw.put(bucket, "cold-3", "three", "DEEP_ARCHIVE");
        CountedRequests counted = new CountedRequests();
        try (S3Client s3 = counted.client(rgw)) {
            InventoryRestore restore = new InventoryRestore(s3, ServerTraits.of(false), InventorySyncOptions.defaults(),
                    Clock.systemUTC());
            List<ObjectSummary> archived = s3.listObjectsV2(b -> b.bucket(bucket)).contents().stream()
                    .map(o -> new ObjectSummary(o.key(), o.size(), o.eTag(), o.storageClassAsString(), o.lastModified()))
                    .toList();
            RestorePlan plan = new RestorePlan(archived, 11, Map.of("GLACIER", 2L, "DEEP_ARCHIVE", 1L), List.of(), 0, 0, 0);

            assertThatThrownBy(() -> restore.request(new InventoryScope(bucket, ""), plan, RestoreTier.STANDARD, 1,
                    Optional.empty(), new RequestRate(0), Optional.empty(), done -> { }))
                    .isInstanceOf(RestoresNotImplementedException.class)
                    .hasMessage("the server of bucket " + bucket + " does not implement restores "
                            + "(RestoreObject answered 501 NotImplemented)");
        }
        assertThat(counted.of("RestoreObject")).isEqualTo(1);
    }
}
