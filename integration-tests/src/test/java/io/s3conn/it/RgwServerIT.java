package io.s3conn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.glacier.RestoreTier;
import io.s3conn.glacier.ServerTraits;
import io.s3conn.inventory.InventoryCheckpoint;
import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.InventorySyncOptions;
import io.s3conn.inventory.SyncSummary;
import io.s3conn.inventory.objects.InventoryRow;
import io.s3conn.inventory.objects.InventorySync;
import io.s3conn.inventory.restore.InventoryRestore;
import io.s3conn.inventory.restore.RestorePlan;
import io.s3conn.inventory.restore.RestoresNotImplementedException;
import io.s3conn.testbed.ArchiveEmulator;
import io.s3conn.testbed.S3Operation;
import io.s3conn.testbed.TestBed;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The object inventory and restores against a server that behaves like Ceph RGW (issue 12): listing
 * markers echoed unencoded, archive classes that are only labels, RestoreObject not implemented.
 */
class RgwServerIT {

    private final TestBed bed = Fixtures.testBed();
    private final ArchiveEmulator emulator = bed.emulator();
    private final String databaseUrl = Fixtures.newSqliteUrl();
    private final InventoryRun run = new InventoryRun(databaseUrl);

    @AfterEach
    void backToAmazonBehaviour() {
        emulator.setListingMarkersLikeRgw(false);
        emulator.setArchiveClassesAsLabels(false);
    }

    @Test
    void aPrefixWithAPercentNotFollowedByHexDigitsListsEveryKeyUnderIt() {
        emulator.setListingMarkersLikeRgw(true);
        String bucket = Fixtures.newBucket("rgw-prefix");
        for (String key : List.of("%zz/a+b", "%zz/%41", "%zz/%%", "%zz/a b", "%zz/line\nbreak", "other")) {
            bed.put(bucket, key, key, "STANDARD");
        }

        SyncSummary summary = run.options(InventorySyncOptions.defaults().withPageSize(2))
                .sync(new InventoryScope(bucket, "%zz/"));

        assertThat(summary.counters().listed()).isEqualTo(5);
        assertThat(run.rows(new InventoryScope(bucket, "%zz/")).keySet())
                .containsExactlyInAnyOrder("%zz/a+b", "%zz/%41", "%zz/%%", "%zz/a b", "%zz/line\nbreak");
    }

    @Test
    void archivedObjectsThatTheServerServesAreReadableAndNotLookedUpAgain() {
        emulator.setArchiveClassesAsLabels(true);
        String bucket = Fixtures.newBucket("rgw-labels");
        bed.put(bucket, "cold-1", "one", "GLACIER");
        bed.put(bucket, "cold-2", "two", "DEEP_ARCHIVE");
        bed.put(bucket, "warm", "three", "STANDARD");

        run.sync(bucket);
        emulator.resetStats();
        SyncSummary second = run.sync(bucket);

        Map<String, InventoryRow> rows = run.rows(bucket);
        assertThat(rows.values()).allSatisfy(row -> assertThat(row.restore().readable()).isTrue());
        assertThat(checkpoint(bucket).archiveEnforcement()).isEqualTo("not-enforced");
        assertThat(second.counters().changed()).isZero();
        assertThat(emulator.stats().requests(S3Operation.HEAD_OBJECT)).isZero();
        assertThat(emulator.stats().requests(S3Operation.GET_OBJECT)).isZero();
    }

    @Test
    void aServerThatEnforcesArchiveClassesIsProbedOnceAndRemembered() {
        String bucket = Fixtures.newBucket("enforced");
        bed.put(bucket, "cold", "one", "GLACIER");

        run.sync(bucket);
        emulator.resetStats();
        run.sync(bucket);

        assertThat(run.rows(bucket).get("cold").restore().label()).isEqualTo("archived");
        assertThat(checkpoint(bucket).archiveEnforcement()).isEqualTo("enforced");
        assertThat(emulator.stats().requests(S3Operation.GET_OBJECT)).isZero();
    }

    @Test
    void restoresStopAtTheFirstNotImplementedAnswer() {
        emulator.setArchiveClassesAsLabels(true);
        String bucket = Fixtures.newBucket("rgw-restore");
        bed.put(bucket, "cold-1", "one", "GLACIER");
        bed.put(bucket, "cold-2", "two", "GLACIER");
        emulator.resetStats();
        try (S3Client s3 = S3Clients.create(Fixtures.connection())) {
            InventoryRestore restore = new InventoryRestore(s3, ServerTraits.of(false), InventorySyncOptions.defaults(),
                    Clock.systemUTC());
            RestorePlan plan = new RestorePlan(List.of(summary(bucket, "cold-1"), summary(bucket, "cold-2")), 6,
                    Map.of("GLACIER", 2L), 0, 0, 0);

            assertThatThrownBy(() -> restore.request(new InventoryScope(bucket, ""), plan, RestoreTier.STANDARD, 1,
                    Optional.empty(), 0, Optional.empty(), done -> { }))
                    .isInstanceOf(RestoresNotImplementedException.class)
                    .hasMessageContaining("does not implement restores");
        }
        assertThat(emulator.stats().requests(S3Operation.RESTORE_OBJECT)).isEqualTo(1);
    }

    private static io.s3conn.core.model.ObjectSummary summary(String bucket, String key) {
        return Fixtures.testBed().client().listObjectsV2(b -> b.bucket(bucket).prefix(key)).contents().stream()
                .map(o -> new io.s3conn.core.model.ObjectSummary(o.key(), o.size(), o.eTag(), "GLACIER", o.lastModified()))
                .findFirst().orElseThrow();
    }

    private InventoryCheckpoint checkpoint(String bucket) {
        try (Database database = Database.open(databaseUrl); S3Client s3 = S3Clients.create(Fixtures.connection())) {
            return new InventorySync(s3, ServerTraits.of(false), database, InventorySyncOptions.defaults())
                    .checkpoint(new InventoryScope(bucket, "")).orElseThrow();
        }
    }
}
