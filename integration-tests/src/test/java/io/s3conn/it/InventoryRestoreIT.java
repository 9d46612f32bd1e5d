package io.s3conn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.s3conn.core.model.ObjectSummary;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.glacier.RequestRate;
import io.s3conn.glacier.RestoreTier;
import io.s3conn.glacier.ServerTraits;
import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.InventorySyncOptions;
import io.s3conn.inventory.restore.InventoryRestore;
import io.s3conn.inventory.restore.RestorePlan;
import io.s3conn.inventory.restore.RestoreResult;
import io.s3conn.inventory.restore.RestoreSelection;
import io.s3conn.testbed.ArchiveEmulator;
import io.s3conn.testbed.TestBed;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * README's "Using the libraries": {@code InventoryRestore} plans, requests and awaits restores, through the library API
 * alone (no database), against the archive emulator.
 */
class InventoryRestoreIT {

    private final TestBed bed = Fixtures.testBed();
    private final ArchiveEmulator emulator = bed.emulator();

    @AfterEach
    void restoreEmulatorDefaults() {
        emulator.setRestoreDelay(Duration.ZERO);
    }

    @Test
    void thePlanHoldsTheArchivedObjectsOnly() {
        InventoryScope scope = bucketWithOneArchivedAndOneReadableObject("lib-restore-plan");
        try (S3Client s3 = S3Clients.create(Fixtures.connection())) {
            RestorePlan plan = restore(s3).plan(scope, RestoreSelection.all());

            assertThat(plan.objects()).extracting(ObjectSummary::key).containsExactly("archived");
        }
    }

    @Test
    void aRequestedRestoreIsAwaitedUntilTheObjectIsReadable() throws InterruptedException {
        InventoryScope scope = bucketWithOneArchivedAndOneReadableObject("lib-restore-wait");
        emulator.setRestoreDelay(Duration.ofMillis(500));
        try (S3Client s3 = S3Clients.create(Fixtures.connection())) {
            InventoryRestore restore = restore(s3);
            RestoreResult result = restore.request(scope, restore.plan(scope, RestoreSelection.all()), RestoreTier.STANDARD, 1,
                    Optional.empty(), new RequestRate(100), Optional.empty(), done -> { });

            List<String> notReadable = restore.waitUntilReadable(scope.bucket(), result.requested(), Duration.ofMillis(100),
                    Duration.ofSeconds(30), remaining -> { });

            assertThat(result.requested()).containsExactly("archived");
            assertThat(notReadable).isEmpty();
        }
    }

    private InventoryScope bucketWithOneArchivedAndOneReadableObject(String purpose) {
        String bucket = Fixtures.newBucket(purpose);
        bed.put(bucket, "archived", "a", "GLACIER");
        bed.put(bucket, "readable", "r", null);
        return new InventoryScope(bucket, "");
    }

    private static InventoryRestore restore(S3Client s3) {
        return new InventoryRestore(s3, ServerTraits.of(false), InventorySyncOptions.defaults(), Clock.systemUTC());
    }
}
