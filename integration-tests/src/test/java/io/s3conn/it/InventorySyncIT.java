package io.s3conn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.s3conn.glacier.ArchiveEnforcement;
import io.s3conn.glacier.ServerTraits;
import io.s3conn.core.jdbc.Database;
import io.s3conn.core.jdbc.DatabaseException;
import io.s3conn.core.model.RestoreStatus;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.inventory.objects.InventoryRow;
import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.objects.InventorySync;
import io.s3conn.inventory.InventorySyncOptions;
import io.s3conn.inventory.SyncListener;
import io.s3conn.inventory.SyncSummary;
import io.s3conn.glacier.RestoreStatusSource;
import io.s3conn.testbed.ArchiveEmulator;
import io.s3conn.testbed.FaultKind;
import io.s3conn.testbed.OptionalAttributesMode;
import io.s3conn.testbed.S3Server;
import io.s3conn.testbed.S3Operation;
import io.s3conn.testbed.TestBed;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * The inventory sync through the library API into SQLite: the end-to-end cases on every S3 server
 * ({@link Fixtures#servers()}), the emulator's restore states and faults on S3Proxy behind it.
 */
class InventorySyncIT {

    private final TestBed bed = Fixtures.testBed();
    private final ArchiveEmulator emulator = bed.emulator();
    private final String databaseUrl = Fixtures.newSqliteUrl();
    private final InventoryRun inventory = new InventoryRun(databaseUrl);

    @AfterEach
    void restoreEmulatorDefaults() {
        emulator.clearFaults();
        emulator.setLatency(Duration.ZERO);
        emulator.setOptionalAttributesMode(OptionalAttributesMode.HONOR);
    }

    @Test
    void anEmptyBucketSyncsToAnEmptyTable() {
        String bucket = Fixtures.newBucket("empty");

        SyncSummary summary = inventory.sync(bucket);

        assertThat(summary.counters().listed()).isZero();
        assertThat(summary.contents().objects()).isZero();
        assertThat(inventory.rows(bucket)).isEmpty();
    }

    @Test
    void theElapsedTimeIncludesTheFirstListing() {
        String bucket = Fixtures.newBucket("elapsed");
        bed.put(bucket, "a", "1", null);
        emulator.setLatency(Duration.ofMillis(400));

        SyncSummary summary = inventory.sync(bucket);

        assertThat(summary.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void aBucketThatCannotBeListedNeverOpensTheDatabase() {
        AtomicBoolean opened = new AtomicBoolean();
        try (S3Client s3 = S3Clients.create(Fixtures.connection())) {
            InventorySync sync = new InventorySync(s3, ServerTraits.of(false), () -> {
                opened.set(true);
                throw new AssertionError("the database was opened");
            }, InventorySyncOptions.defaults());

            assertThatThrownBy(() -> sync.run(new InventoryScope("no-such-bucket-" + System.nanoTime(), ""), SyncListener.NONE))
                    .isInstanceOf(NoSuchBucketException.class);
        }
        assertThat(opened).isFalse();
    }

    @Test
    void aSyncIntoAClosedDatabaseFailsWithADatabaseExceptionNamingIt() {
        String bucket = Fixtures.newBucket("closed-database");
        bed.put(bucket, "a", "1", null);
        Database database = Database.open(databaseUrl);
        database.close();
        try (S3Client s3 = S3Clients.create(Fixtures.connection())) {
            InventorySync sync = new InventorySync(s3, ServerTraits.of(false), database, InventorySyncOptions.defaults());

            assertThatThrownBy(() -> sync.run(new InventoryScope(bucket, ""), SyncListener.NONE))
                    .isInstanceOf(DatabaseException.class).hasMessageContaining(databaseUrl);
        }
    }

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void twentyFiveHundredObjectsOverSeveralPagesAreAllRecorded(S3Server server) {
        String bucket = Fixtures.newBucket(server, "pages");
        List<String> keys = Fixtures.keys("obj/", 2500);
        server.putMany(bucket, keys, 16);

        // One sequential walk: 1000 keys a page (a parallel one cuts the scope into more, smaller pages).
        SyncSummary summary = on(server).options(InventorySyncOptions.defaults().withListConcurrency(1)).sync(bucket);

        assertThat(summary.counters().pages()).isEqualTo(3);
        assertThat(summary.counters().inserted()).isEqualTo(2500);
        assertThat(inventory.liveKeys(bucket)).containsExactlyElementsOf(keys);
        InventoryRow first = inventory.rows(bucket).get("obj/00000");
        assertThat(first.object().size()).isEqualTo("obj/00000".length());
        assertThat(first.object().eTag()).doesNotContain("\"").hasSize(32);
        assertThat(first.object().storageClass()).isEqualTo("STANDARD");
    }

    @Test
    void everyStorageClassAndRestoreStateIsClassified() {
        String bucket = Fixtures.newBucket("classes");
        seedEveryClassAndState(bucket);

        inventory.sync(bucket);

        Map<String, InventoryRow> rows = inventory.rows(bucket);
        assertThat(status(rows, "standard")).isEmpty();
        assertThat(status(rows, "standard-ia")).isEmpty();
        assertThat(status(rows, "onezone-ia")).isEmpty();
        assertThat(status(rows, "glacier-ir")).isEmpty();
        assertThat(status(rows, "glacier-archived")).isEqualTo("archived");
        assertThat(status(rows, "glacier-restoring")).isEqualTo("restoring");
        assertThat(status(rows, "glacier-restored")).isEqualTo("restored");
        assertThat(rows.get("glacier-restored").restore().expiry()).contains(EXPIRY);
        assertThat(status(rows, "deep-archived")).isEqualTo("archived");
        assertThat(status(rows, "deep-restoring")).isEqualTo("restoring");
        assertThat(status(rows, "it-frequent")).isEmpty();
        assertThat(status(rows, "it-archive-access")).isEqualTo("archived");
        assertThat(status(rows, "it-deep-archive-access")).isEqualTo("archived");
        assertThat(rows.get("deep-archived").object().storageClass()).isEqualTo("DEEP_ARCHIVE");
        assertThat(rows.get("glacier-ir").object().storageClass()).isEqualTo("GLACIER_IR");
        assertThat(rows.get("it-frequent").object().storageClass()).isEqualTo("INTELLIGENT_TIERING");
    }

    @Test
    void restoreStatusComesFromTheListingWithoutHeadingArchivedObjects() {
        String bucket = Fixtures.newBucket("listing-status");
        seedEveryClassAndState(bucket);
        emulator.resetStats();

        SyncSummary summary = inventory.sync(bucket);

        // Only the three Intelligent-Tiering objects need a HEAD: no listing shows their tier.
        assertThat(emulator.stats().requests(S3Operation.HEAD_OBJECT)).isEqualTo(3);
        assertThat(summary.restoreStatusSource()).isEqualTo("listing");
    }

    @Test
    void aServerThatIgnoresTheRestoreStatusAttributeStillGetsCorrectStatusesByHead() {
        String bucket = Fixtures.newBucket("ignoring");
        seedEveryClassAndState(bucket);
        emulator.setOptionalAttributesMode(OptionalAttributesMode.IGNORE);
        emulator.resetStats();

        SyncSummary summary = inventory.sync(bucket);

        Map<String, InventoryRow> rows = inventory.rows(bucket);
        assertThat(status(rows, "glacier-restoring")).isEqualTo("restoring");
        assertThat(status(rows, "glacier-restored")).isEqualTo("restored");
        assertThat(status(rows, "deep-archived")).isEqualTo("archived");
        assertThat(summary.restoreStatusSource()).isEqualTo("head");
        assertThat(emulator.stats().requests(S3Operation.HEAD_OBJECT)).isEqualTo(8);
    }

    @Test
    void aServerThatRejectsTheRestoreStatusAttributeIsListedWithoutItAndHeaded() {
        String bucket = Fixtures.newBucket("rejecting");
        seedEveryClassAndState(bucket);
        emulator.setOptionalAttributesMode(OptionalAttributesMode.REJECT);

        SyncSummary summary = inventory.sync(bucket);

        Map<String, InventoryRow> rows = inventory.rows(bucket);
        assertThat(rows).hasSize(13);
        assertThat(status(rows, "deep-restoring")).isEqualTo("restoring");
        assertThat(summary.restoreStatusSource()).isEqualTo("head");
    }

    @Test
    void aRestoreThatCompletesBetweenSyncsIsUpdatedWithItsExpiry() {
        String bucket = Fixtures.newBucket("restore-completes");
        bed.put(bucket, "cold", "x", "GLACIER");
        emulator.markRestoring(bucket, "cold");
        inventory.sync(bucket);
        emulator.markRestored(bucket, "cold", EXPIRY);

        SyncSummary second = inventory.sync(bucket);

        assertThat(second.counters().updated()).isEqualTo(1);
        assertThat(inventory.rows(bucket).get("cold").restore()).isEqualTo(new RestoreStatus.Restored(Optional.of(EXPIRY)));
    }

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void newChangedDeletedAndRecreatedKeysAreAllReflected(S3Server server) {
        InventoryRun inventory = on(server);
        String bucket = Fixtures.newBucket(server, "incremental");
        server.putMany(bucket, List.of("a", "b", "c", "d"), 4);
        inventory.sync(bucket);
        Instant firstSeenOfD = inventory.rows(bucket).get("d").firstSeenAt();

        server.put(bucket, "b", "changed content", null);
        server.client().deleteObject(r -> r.bucket(bucket).key("c"));
        server.client().deleteObject(r -> r.bucket(bucket).key("d"));
        server.put(bucket, "e", "new", null);
        SyncSummary second = inventory.sync(bucket);

        assertThat(second.counters().inserted()).isEqualTo(1);
        assertThat(second.counters().updated()).isEqualTo(1);
        assertThat(second.counters().deleted()).isEqualTo(2);
        assertThat(inventory.liveKeys(bucket)).containsExactly("a", "b", "e");
        assertThat(inventory.rows(bucket).get("c").deletedAt()).isPresent();
        assertThat(inventory.rows(bucket).get("b").object().size()).isEqualTo("changed content".length());

        server.put(bucket, "d", "back again", null);
        SyncSummary third = inventory.sync(bucket);

        assertThat(third.counters().updated()).isEqualTo(1);
        InventoryRow d = inventory.rows(bucket).get("d");
        assertThat(d.deletedAt()).isEmpty();
        assertThat(d.firstSeenAt()).isAfter(firstSeenOfD);
        assertThat(inventory.liveKeys(bucket)).containsExactly("a", "b", "d", "e");
    }

    @Test
    void aSyncWithoutChangesWritesNoRow() {
        String bucket = Fixtures.newBucket("no-change");
        bed.putMany(bucket, Fixtures.keys("k", 1200), 16);
        inventory.sync(bucket);
        Map<String, InventoryRow> before = inventory.rows(bucket);

        SyncSummary second = inventory.sync(bucket);

        assertThat(second.counters().changed()).isZero();
        assertThat(second.counters().deleted()).isZero();
        assertThat(second.counters().listed()).isEqualTo(1200);
        assertThat(inventory.rows(bucket)).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void awkwardKeysRoundTripUpToTheLongestKeyS3Stores(S3Server server) {
        InventoryRun inventory = on(server);
        String bucket = Fixtures.newBucket(server, "awkward");
        // Two keys a page: every key is the last of a page once, the marker of the next request.
        List<String> keys = Fixtures.AWKWARD_KEYS;
        keys.forEach(key -> server.put(bucket, key, key, null));

        inventory.options(InventorySyncOptions.defaults().withPageSize(2)).sync(bucket);

        assertThat(inventory.liveKeys(bucket)).containsExactlyInAnyOrderElementsOf(keys);
        SyncSummary second = inventory.sync(bucket);
        assertThat(second.counters().changed()).isZero();
        assertThat(second.counters().deleted()).isZero();
    }

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void aPrefixWithAPercentNotFollowedByHexDigitsListsEveryKeyUnderIt(S3Server server) {
        String bucket = Fixtures.newBucket(server, "percent-prefix");
        List<String> under = List.of("%zz/a+b", "%zz/%41", "%zz/%%", "%zz/a b", "%zz/line\nbreak");
        for (String key : under) {
            server.put(bucket, key, key, null);
        }
        server.put(bucket, "other", "other", null);
        InventoryScope scope = new InventoryScope(bucket, "%zz/");

        SyncSummary summary = on(server).options(InventorySyncOptions.defaults().withPageSize(2)).sync(scope);

        assertThat(summary.counters().listed()).isEqualTo(5);
        assertThat(inventory.rows(scope).keySet()).containsExactlyInAnyOrderElementsOf(under);
    }

    /**
     * GLACIER and DEEP_ARCHIVE are archived where the server enforces them (the emulator, as Amazon S3) and
     * readable where they are only placement labels (RGW serves them at once). Either way the server is
     * probed once and the answer kept in the checkpoint: a later sync does not probe again, and where the
     * classes are labels it does not HEAD them either (where they are enforced, restores may have started).
     */
    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void archiveClassesAreArchivedWhereTheServerEnforcesThemAndReadableWhereTheyAreLabels(S3Server server) {
        String bucket = Fixtures.newBucket(server, "archive-classes");
        server.put(bucket, "cold-1", "one", "GLACIER");
        server.put(bucket, "cold-2", "two", "DEEP_ARCHIVE");
        server.put(bucket, "warm", "three", "STANDARD");
        CountedRequests counted = new CountedRequests();
        InventoryRun inventory = on(server).countingIn(counted, server);

        SyncSummary first = inventory.sync(bucket);
        long probes = counted.of("GetObject");
        counted.reset();
        SyncSummary second = inventory.sync(bucket);

        Map<String, InventoryRow> rows = inventory.rows(bucket);
        assertThat(status(rows, "warm")).isEmpty();
        assertThat(probes).as("one probe GET, for the first archived-looking object").isEqualTo(1);
        // Where the classes are labels, the HEAD of the first archive-class object and the probe settle the rest: before,
        // RGW had every archive-class object of the first page HEADed (27 of 54 objects, 150 on 3,008 at concurrency 8).
        assertThat(first.counters().headRequests()).as("archive-class objects HEADed").isEqualTo(server.restoresArchives() ? 2 : 1);
        assertThat(second.counters().changed()).isZero();
        assertThat(counted.of("GetObject")).isZero();
        assertThat(counted.of("HeadObject")).isEqualTo(server.restoresArchives() ? 2 : 0);
        if (server.restoresArchives()) {
            assertThat(status(rows, "cold-1")).isEqualTo("archived");
            assertThat(status(rows, "cold-2")).isEqualTo("archived");
            assertThat(inventory.checkpoint(new InventoryScope(bucket, "")).archiveEnforcement()).isEqualTo(ArchiveEnforcement.ENFORCED);
        } else {
            assertThat(status(rows, "cold-1")).isEmpty();
            assertThat(status(rows, "cold-2")).isEmpty();
            assertThat(rows.values()).allSatisfy(row -> assertThat(row.restore().readable()).isTrue());
            assertThat(inventory.checkpoint(new InventoryScope(bucket, "")).archiveEnforcement()).isEqualTo(ArchiveEnforcement.NOT_ENFORCED);
        }
    }

    @Test
    void thirtyPercentInjectedFaultsAreRetriedToTheSameResult() {
        String bucket = Fixtures.newBucket("faults");
        bed.putMany(bucket, Fixtures.keys("f", 1500), 16);
        seedEveryClassAndState(bucket);
        emulator.resetStats();
        emulator.setFaults(0.3, Set.of(FaultKind.SLOW_DOWN, FaultKind.INTERNAL_ERROR, FaultKind.RESET), Duration.ZERO, 42L);

        SyncSummary summary = inventory.options(InventorySyncOptions.defaults().withPageSize(200)).sync(bucket);

        assertThat(emulator.stats().totalFaults()).isPositive();
        emulator.clearFaults();
        assertThat(summary.contents().objects()).isEqualTo(1513);
        Map<String, InventoryRow> rows = inventory.rows(bucket);
        assertThat(status(rows, "deep-restoring")).isEqualTo("restoring");
        assertThat(status(rows, "it-archive-access")).isEqualTo("archived");
        assertThat(inventory.sync(bucket).counters().changed()).isZero();
    }

    /** Before, one listing cut off half-way failed the sync: the SDK's parser made its IOException unretryable. */
    @Test
    void listingsCutOffHalfWayAreSentAgainToTheSameResult() {
        String bucket = Fixtures.newBucket("truncated");
        bed.putMany(bucket, Fixtures.keys("t", 1500), 16);
        emulator.resetStats();
        emulator.setFaults(0.3, Set.of(FaultKind.TRUNCATED), Duration.ZERO, 42L);

        SyncSummary summary = inventory.options(InventorySyncOptions.defaults().withPageSize(200)).sync(bucket);

        assertThat(emulator.stats().faults(FaultKind.TRUNCATED)).isPositive();
        emulator.clearFaults();
        assertThat(summary.contents().objects()).isEqualTo(1500);
        assertThat(inventory.rows(bucket)).hasSize(1500);
    }

    @Test
    void prefixesAndBucketsShareOneDatabaseWithoutTouchingEachOther() {
        String one = Fixtures.newBucket("share-one");
        String two = Fixtures.newBucket("share-two");
        bed.putMany(one, List.of("logs/1", "logs/2", "data/1"), 3);
        bed.putMany(two, List.of("logs/1"), 1);

        inventory.sync(new InventoryScope(one, "logs/"));
        inventory.sync(two);
        bed.client().deleteObject(r -> r.bucket(two).key("logs/1"));
        inventory.sync(two);

        assertThat(inventory.rows(new InventoryScope(one, "logs/")).keySet()).containsExactly("logs/1", "logs/2");
        assertThat(inventory.rows(new InventoryScope(one, "logs/")).values()).allMatch(r -> r.deletedAt().isEmpty());
        assertThat(inventory.rows(two).get("logs/1").deletedAt()).isPresent();
    }

    @Test
    void headIsForcedWhenAskedEvenOnAServerThatReportsRestoreStatus() {
        String bucket = Fixtures.newBucket("forced-head");
        seedEveryClassAndState(bucket);
        emulator.resetStats();

        SyncSummary summary = inventory.options(InventorySyncOptions.defaults()
                .withRestoreStatusSource(RestoreStatusSource.HEAD)).sync(bucket);

        assertThat(summary.restoreStatusSource()).isEqualTo("head");
        assertThat(emulator.stats().requests(S3Operation.HEAD_OBJECT)).isEqualTo(8);
        assertThat(status(inventory.rows(bucket), "glacier-restored")).isEqualTo("restored");
    }

    /** A run into this test's database, against {@code server}. */
    private InventoryRun on(S3Server server) {
        return new InventoryRun(databaseUrl, Fixtures.connection(server));
    }

    static final Instant EXPIRY = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    /** Thirteen objects: every storage class, every restore state. */
    static void seedEveryClassAndState(String bucket) {
        TestBed bed = Fixtures.testBed();
        bed.put(bucket, "standard", "s", null);
        bed.put(bucket, "standard-ia", "s", "STANDARD_IA");
        bed.put(bucket, "onezone-ia", "s", "ONEZONE_IA");
        bed.put(bucket, "glacier-ir", "s", "GLACIER_IR");
        bed.put(bucket, "glacier-archived", "s", "GLACIER");
        bed.put(bucket, "glacier-restoring", "s", "GLACIER");
        bed.put(bucket, "glacier-restored", "s", "GLACIER");
        bed.put(bucket, "deep-archived", "s", "DEEP_ARCHIVE");
        bed.put(bucket, "deep-restoring", "s", "DEEP_ARCHIVE");
        bed.put(bucket, "it-frequent", "s", "INTELLIGENT_TIERING");
        bed.put(bucket, "it-archive-access", "s", "INTELLIGENT_TIERING");
        bed.put(bucket, "it-deep-archive-access", "s", "INTELLIGENT_TIERING");
        bed.put(bucket, "reduced", "s", "REDUCED_REDUNDANCY");
        ArchiveEmulator emulator = bed.emulator();
        emulator.markRestoring(bucket, "glacier-restoring");
        emulator.markRestored(bucket, "glacier-restored", EXPIRY);
        emulator.markRestoring(bucket, "deep-restoring");
        emulator.setArchiveStatus(bucket, "it-archive-access", "ARCHIVE_ACCESS");
        emulator.setArchiveStatus(bucket, "it-deep-archive-access", "DEEP_ARCHIVE_ACCESS");
    }

    private static String status(Map<String, InventoryRow> rows, String key) {
        assertThat(rows).containsKey(key);
        return rows.get(key).restore().label();
    }
}
