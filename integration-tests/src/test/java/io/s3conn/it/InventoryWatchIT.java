package io.s3conn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.model.RestoreStatus;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.glacier.ObjectHead;
import io.s3conn.glacier.ServerTraits;
import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.InventorySyncOptions;
import io.s3conn.inventory.SyncListener;
import io.s3conn.inventory.events.InventoryEventApplier;
import io.s3conn.inventory.events.InventoryWatch;
import io.s3conn.inventory.objects.InventoryRow;
import io.s3conn.inventory.objects.InventorySync;
import io.s3conn.source.change.sqs.SqsNotifications;
import io.s3conn.source.change.sqs.SqsSettings;
import io.s3conn.testbed.ObjectSeal;
import io.s3conn.testbed.S3Operation;
import io.s3conn.testbed.TestBed;
import io.s3conn.testbed.events.DeliverySwitches;
import io.s3conn.testbed.sqs.CredentialRefusingSqs;
import io.s3conn.testbed.sqs.ElasticMqServer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.Tier;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code inventory watch} through the library API: {@code s3_objects} kept live from the events the test
 * bed's emulator sends to ElasticMQ, with the reconciling sync behind them.
 */
@Timeout(120)
class InventoryWatchIT {

    private static final Duration HOUR = Duration.ofHours(1);
    /** One-second long polls, so that a drained queue is seen quickly; 4 s visibility. */
    private static final SqsSettings SETTINGS = new SqsSettings(Duration.ofSeconds(1), Duration.ofSeconds(4), 1000);

    private final TestBed bed = Fixtures.testBed();
    private final InventoryRun inventory = new InventoryRun(Fixtures.newSqliteUrl());
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        bed.emulator().notifications().switches(DeliverySwitches.none());
        bed.emulator().setRestoreDelay(Duration.ZERO);
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    /** A new bucket whose object, restore, transition and Intelligent-Tiering events go to a new queue; the queue's URL. */
    private String bucketWithQueue(String bucket) {
        return Fixtures.queueFor(bucket, Event.S3_OBJECT_CREATED, Event.S3_OBJECT_REMOVED, Event.S3_OBJECT_RESTORE,
                Event.S3_LIFECYCLE_TRANSITION, Event.S3_INTELLIGENT_TIERING);
    }

    /** A watch of the whole bucket on a thread of its own, stopped after the test; returns once its first sync is done. */
    private Watching watch(String bucket, String queueUrl, Duration reconcileEvery) throws InterruptedException {
        return watch(bucket, queueUrl, reconcileEvery, SETTINGS);
    }

    /** The same, reading the queue with {@code settings}. */
    private Watching watch(String bucket, String queueUrl, Duration reconcileEvery, SqsSettings settings) throws InterruptedException {
        return watch(bucket, queueUrl, reconcileEvery, settings, Fixtures.sqs().client());
    }

    /** The same, reading the queue through {@code sqs}. */
    private Watching watch(String bucket, String queueUrl, Duration reconcileEvery, SqsSettings settings, SqsClient sqs)
            throws InterruptedException {
        S3Client s3 = S3Clients.create(Fixtures.connection());
        Database database = Database.open(inventory.databaseUrl());
        SqsNotifications queue = new SqsNotifications(sqs, queueUrl, settings);
        InventoryScope scope = new InventoryScope(bucket, "");
        InventorySync sync = new InventorySync(s3, ServerTraits.of(false), database, InventorySyncOptions.defaults());
        InventoryWatch watch = new InventoryWatch(queue, new InventoryEventApplier(s3, database, scope, Clock.systemUTC()), scope,
                () -> sync.run(scope, SyncListener.NONE), reconcileEvery, Clock.systemUTC());
        Thread thread = Thread.ofPlatform().name("watch-" + bucket).start(() -> watch.run(false));
        Watching watching = new Watching(watch, queue, thread, s3, database);
        open.add(watching);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (watch.stats().reconciles() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return watching;
    }

    private record Watching(InventoryWatch watch, SqsNotifications queue, Thread thread, S3Client s3, Database database)
            implements AutoCloseable {
        @Override
        public void close() throws Exception {
            watch.stop();
            thread.join(5000);
            queue.close();
            database.close();
            s3.close();
        }
    }

    /** Waits up to 10 s for the key's row to satisfy {@code condition}; the row as it is then. */
    private Optional<InventoryRow> awaitRow(String bucket, String key, Predicate<Optional<InventoryRow>> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Optional<InventoryRow> row = Optional.ofNullable(inventory.rows(bucket).get(key));
        while (!condition.test(row) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            row = Optional.ofNullable(inventory.rows(bucket).get(key));
        }
        return row;
    }

    private static boolean live(Optional<InventoryRow> row) {
        return row.isPresent() && row.get().deletedAt().isEmpty();
    }

    private static boolean deleted(Optional<InventoryRow> row) {
        return row.isPresent() && row.get().deletedAt().isPresent();
    }

    /**
     * {@link #messagesLeft} once it is {@code expected}, or after 10 s. A message is deleted after its events are
     * committed, in the next batch of deletes (every 100 ms): a row can be read before its message is deleted.
     */
    private long awaitMessagesLeft(String queueUrl, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long left = messagesLeft(queueUrl);
        while (left != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            left = messagesLeft(queueUrl);
        }
        return left;
    }

    private static long messagesLeft(String queueUrl) {
        return Fixtures.sqs().messagesLeft(queueUrl);
    }

    private long listings() {
        return bed.emulator().stats().requests().get(S3Operation.LIST_OBJECTS_V2);
    }

    /** Event keys are URL-encoded with spaces as {@code +}: each must reach its own row, and no other key's. */
    @Test
    void everyAwkwardKeyIsCreatedAndDeletedInItsOwnRowFromItsEventsWithoutAListing() throws Exception {
        String bucket = Fixtures.newBucket("watch-awkward");
        String queueUrl = bucketWithQueue(bucket);
        watch(bucket, queueUrl, HOUR);
        long listingsBefore = listings();

        Fixtures.AWKWARD_KEYS.forEach(key -> bed.put(bucket, key, key, null));
        for (String key : Fixtures.AWKWARD_KEYS) {
            assertThat(awaitRow(bucket, key, InventoryWatchIT::live)).as("row of %s", key)
                    .hasValueSatisfying(row -> assertThat(row.object().size()).isEqualTo(key.getBytes(StandardCharsets.UTF_8).length));
        }
        Fixtures.AWKWARD_KEYS.forEach(key -> bed.client().deleteObject(d -> d.bucket(bucket).key(key)));
        for (String key : Fixtures.AWKWARD_KEYS) {
            assertThat(awaitRow(bucket, key, InventoryWatchIT::deleted))
                    .as("row of %s", key).hasValueSatisfying(row -> assertThat(row.deletedAt()).isPresent());
        }

        assertThat(inventory.rows(bucket).keySet()).containsExactlyInAnyOrderElementsOf(Fixtures.AWKWARD_KEYS);
        assertThat(listings()).isEqualTo(listingsBefore);
    }

    /**
     * Before, the lag was zero only once a receive came back empty after the last event: with the 20-second long
     * polls serve uses, a watch that had applied every event reported a lag growing to about 20 s after each one.
     */
    @Test
    void aWatchThatAppliedEveryEventHasNoLagWhileItsLongPollWaits() throws Exception {
        String bucket = Fixtures.newBucket("watch-idle-lag");
        String queueUrl = bucketWithQueue(bucket);
        Watching watching = watch(bucket, queueUrl, HOUR, SqsSettings.defaults());
        bed.put(bucket, "a.txt", "12345", null);
        awaitApplied(watching, 0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (watching.queue().holdsMessages() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        Thread.sleep(3000); // idle, well within the 20-second long poll sent after the event's message

        assertThat(watching.watch().lag()).hasValueSatisfying(lag -> assertThat(lag).isLessThan(Duration.ofSeconds(1)));
    }

    @Test
    void aWatchWhoseQueueGoesSilentShowsItsLagWithinSecondsNotAfterTheClientsMinutesOfRetries() throws Exception {
        String bucket = Fixtures.newBucket("watch-silent-queue");
        String queueUrl = bucketWithQueue(bucket);
        LatencyProxy silent = LatencyProxy.start(Fixtures.sqs().endpoint(), Duration.ZERO);
        open.add(silent::close);
        SqsClient sqs = ElasticMqServer.newClient(silent.endpoint());
        open.add(sqs);
        Watching watching = watch(bucket, queueUrl, HOUR, SETTINGS, sqs);
        bed.put(bucket, "a.txt", "12345", null);
        awaitApplied(watching, 0);
        assertThat(awaitMessagesLeft(queueUrl, 0)).isZero();

        // Longer than the test looks: the receive sent now is answered only after it, as by a hung server.
        silent.setLatency(Duration.ofSeconds(40));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
        while (watching.watch().lag().orElseThrow().isZero() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }

        assertThat(watching.watch().lag()).hasValueSatisfying(lag -> assertThat(lag).isPositive());
    }

    @Test
    void createsAndDeletesAreAppliedAsTheyArriveWithoutAListing() throws Exception {
        String bucket = Fixtures.newBucket("watch-crud");
        String queueUrl = bucketWithQueue(bucket);
        watch(bucket, queueUrl, HOUR);
        long listingsBefore = listings();

        bed.put(bucket, "a.txt", "12345", null);
        Optional<InventoryRow> created = awaitRow(bucket, "a.txt", InventoryWatchIT::live);
        bed.client().deleteObject(d -> d.bucket(bucket).key("a.txt"));
        Optional<InventoryRow> deleted = awaitRow(bucket, "a.txt", InventoryWatchIT::deleted);

        assertThat(created).hasValueSatisfying(row -> assertThat(row.object().size()).isEqualTo(5));
        assertThat(deleted).hasValueSatisfying(row -> assertThat(row.deletedAt()).isPresent());
        assertThat(listings() - listingsBefore).isZero();
    }

    @Test
    void aRestoreCompletedEventFlipsTheRowToRestoredWithItsExpiry() throws Exception {
        String bucket = Fixtures.newBucket("watch-restore");
        String queueUrl = bucketWithQueue(bucket);
        bed.put(bucket, "cold.bin", "frozen", "GLACIER");
        watch(bucket, queueUrl, HOUR);
        assertThat(inventory.rows(bucket).get("cold.bin").restore()).isInstanceOf(RestoreStatus.Archived.class);
        bed.emulator().setRestoreDelay(HOUR); // completes only when told

        bed.client().restoreObject(r -> r.bucket(bucket).key("cold.bin")
                .restoreRequest(q -> q.days(2).glacierJobParameters(g -> g.tier(Tier.STANDARD))));
        Optional<InventoryRow> restoring = awaitRow(bucket, "cold.bin",
                row -> row.isPresent() && row.get().restore() instanceof RestoreStatus.Restoring);
        bed.emulator().completeRestores();
        Optional<InventoryRow> restored = awaitRow(bucket, "cold.bin",
                row -> row.isPresent() && row.get().restore() instanceof RestoreStatus.Restored);

        assertThat(restoring.orElseThrow().restore()).isInstanceOf(RestoreStatus.Restoring.class);
        assertThat(restored.orElseThrow().restore()).isInstanceOf(RestoreStatus.Restored.class);
        Instant expiry = ObjectHead.find(bed.client(), bucket, "cold.bin", Optional.empty()).orElseThrow().restore().expiry().orElseThrow();
        assertThat(restored.get().restore().expiry()).contains(expiry);
        assertThat(expiry).isCloseTo(Instant.now().plus(Duration.ofDays(2)), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
    }

    /**
     * The same through an EventBridge rule: its "Object Restore Completed" names the key as it is (here one that reads
     * like a URL-encoded one) and the copy's expiry in {@code detail.restore-expiry-time}.
     */
    @Test
    void anEventBridgeRestoreCompletedFlipsTheRowOfItsKeyAsItIsToRestoredWithItsExpiry() throws Exception {
        String bucket = Fixtures.newBucket("watch-eb-restore");
        String queueUrl = Fixtures.sqs().createQueue("q-" + bucket); // no notification configuration: EventBridge's only
        String key = "cold a+b %41.bin";
        bed.put(bucket, key, "frozen", "GLACIER");
        watch(bucket, queueUrl, HOUR);
        bed.emulator().setRestoreDelay(HOUR);
        bed.client().restoreObject(r -> r.bucket(bucket).key(key)
                .restoreRequest(q -> q.days(2).glacierJobParameters(g -> g.tier(Tier.STANDARD))));
        bed.emulator().completeRestores();
        Instant expiry = ObjectHead.find(bed.client(), bucket, key, Optional.empty()).orElseThrow().restore().expiry().orElseThrow();

        Fixtures.sqs().client().sendMessage(m -> m.queueUrl(queueUrl).messageBody("""
                {"version":"0","detail-type":"Object Restore Completed","source":"aws.s3","time":"%s",
                "detail":{"version":"0","bucket":{"name":"%s"},"object":{"key":"%s","size":6},
                "source-storage-class":"GLACIER","restore-expiry-time":"%s"}}""".formatted(Instant.now(), bucket, key, expiry)));
        Optional<InventoryRow> restored = awaitRow(bucket, key,
                row -> row.isPresent() && row.get().restore() instanceof RestoreStatus.Restored);

        assertThat(restored.orElseThrow().restore().expiry()).contains(expiry);
    }

    @Test
    void aCompletedIntelligentTieringRestoreLeavesTheRowAsTheNextSyncWritesIt() throws Exception {
        String bucket = Fixtures.newBucket("watch-tiering");
        String queueUrl = bucketWithQueue(bucket);
        bed.put(bucket, "tiered.bin", "deep down", "INTELLIGENT_TIERING");
        bed.emulator().setArchiveStatus(bucket, "tiered.bin", "DEEP_ARCHIVE_ACCESS");
        Watching watching = watch(bucket, queueUrl, HOUR);
        assertThat(inventory.rows(bucket).get("tiered.bin").restore()).isInstanceOf(RestoreStatus.Archived.class);
        bed.emulator().setRestoreDelay(HOUR); // completes only when told

        bed.client().restoreObject(r -> r.bucket(bucket).key("tiered.bin")
                .restoreRequest(q -> q.glacierJobParameters(g -> g.tier(Tier.BULK))));
        awaitRow(bucket, "tiered.bin", row -> row.isPresent() && row.get().restore() instanceof RestoreStatus.Restoring);
        bed.emulator().completeRestores();
        RestoreStatus watched = awaitRow(bucket, "tiered.bin",
                row -> row.isPresent() && !(row.get().restore() instanceof RestoreStatus.Restoring)).orElseThrow().restore();
        long updated = new InventorySync(watching.s3(), ServerTraits.of(false), watching.database(), InventorySyncOptions.defaults())
                .run(new InventoryScope(bucket, ""), SyncListener.NONE).counters().updated();

        assertThat(watched).isEqualTo(new RestoreStatus.Restored(Optional.empty()));
        assertThat(updated).isZero();
        assertThat(inventory.rows(bucket).get("tiered.bin").restore()).isEqualTo(watched);
    }

    @Test
    void anExpiredRestoreMakesTheRowArchivedAgain() throws Exception {
        String bucket = Fixtures.newBucket("watch-expired");
        String queueUrl = bucketWithQueue(bucket);
        bed.put(bucket, "thawed.bin", "warm for now", "GLACIER");
        bed.emulator().markRestored(bucket, "thawed.bin", Instant.now().plus(Duration.ofDays(1)));
        watch(bucket, queueUrl, HOUR);
        assertThat(inventory.rows(bucket).get("thawed.bin").restore()).isInstanceOf(RestoreStatus.Restored.class);

        // The emulator has no restore expiry of its own: the message S3 sends then.
        Fixtures.sqs().client().sendMessage(m -> m.queueUrl(queueUrl).messageBody("""
                {"Records":[{"eventVersion":"2.3","eventSource":"aws:s3","awsRegion":"us-east-1",
                "eventTime":"%s","eventName":"ObjectRestore:Delete",
                "s3":{"s3SchemaVersion":"1.0","bucket":{"name":"%s"},"object":{"key":"thawed.bin","size":12}}}]}"""
                .formatted(Instant.now(), bucket)));
        Optional<InventoryRow> row = awaitRow(bucket, "thawed.bin",
                r -> r.isPresent() && r.get().restore() instanceof RestoreStatus.Archived);

        assertThat(row.orElseThrow().restore()).isInstanceOf(RestoreStatus.Archived.class);
        assertThat(row.get().restore().expiry()).isEmpty();
    }

    /** Before, the late event was applied without a request: the STANDARD object's row said {@code archived}. */
    @Test
    void aLateRestoreExpiredEventOfAnObjectSinceOverwrittenInStandardLeavesTheNewObjectsRowReadable() throws Exception {
        String bucket = Fixtures.newBucket("watch-late-expiry");
        String queueUrl = bucketWithQueue(bucket);
        bed.put(bucket, "report.csv", "same bytes", "GLACIER");
        bed.emulator().markRestored(bucket, "report.csv", Instant.now().plus(Duration.ofDays(1)));
        Watching watching = watch(bucket, queueUrl, HOUR);
        bed.put(bucket, "report.csv", "same bytes", null); // the same ETag, now in STANDARD
        awaitRow(bucket, "report.csv", r -> r.isPresent() && r.get().object().storageClass().equals("STANDARD"));
        long appliedBefore = watching.watch().stats().applied();

        sendRestoreEvent(queueUrl, bucket, "report.csv", "ObjectRestore:Delete", Optional.empty());
        awaitApplied(watching, appliedBefore);

        InventoryRow row = inventory.rows(bucket).get("report.csv");
        assertThat(row.object().storageClass()).isEqualTo("STANDARD");
        assertThat(row.restore()).isInstanceOf(RestoreStatus.Readable.class);
    }

    /** Before, the completion of the overwritten object's restore marked the new, still archived object restored. */
    @Test
    void aLateRestoreCompletedEventOfAnOverwrittenArchivedObjectLeavesTheNewObjectsRowArchived() throws Exception {
        String bucket = Fixtures.newBucket("watch-late-completion");
        String queueUrl = bucketWithQueue(bucket);
        bed.put(bucket, "cold.bin", "first", "GLACIER");
        String firstETag = ObjectHead.find(bed.client(), bucket, "cold.bin", Optional.empty()).orElseThrow().summary().eTag();
        Watching watching = watch(bucket, queueUrl, HOUR);
        bed.put(bucket, "cold.bin", "second", "GLACIER");
        awaitRow(bucket, "cold.bin", r -> r.isPresent() && !r.get().object().eTag().equals(firstETag));
        long appliedBefore = watching.watch().stats().applied();

        sendRestoreEvent(queueUrl, bucket, "cold.bin", "ObjectRestore:Completed", Optional.of(firstETag));
        awaitApplied(watching, appliedBefore);

        InventoryRow row = inventory.rows(bucket).get("cold.bin");
        assertThat(row.object().eTag()).isNotEqualTo(firstETag);
        assertThat(row.restore()).isInstanceOf(RestoreStatus.Archived.class);
    }

    /** Sends the restore event S3 would send for the key, with the object's ETag when given and a copy kept two days. */
    private static void sendRestoreEvent(String queueUrl, String bucket, String key, String eventName, Optional<String> eTag) {
        Fixtures.sqs().client().sendMessage(m -> m.queueUrl(queueUrl).messageBody("""
                {"Records":[{"eventVersion":"2.3","eventSource":"aws:s3","awsRegion":"us-east-1",
                "eventTime":"%s","eventName":"%s",
                "s3":{"s3SchemaVersion":"1.0","bucket":{"name":"%s"},"object":{"key":"%s","size":5%s}},
                "glacierEventData":{"restoreEventData":{"lifecycleRestorationExpiryTime":"%s","lifecycleRestoreStorageClass":"GLACIER"}}}]}"""
                .formatted(Instant.now(), eventName, bucket, key, eTag.map(e -> ",\"eTag\":\"" + e + "\"").orElse(""),
                        Instant.now().plus(Duration.ofDays(2)))));
    }

    /** Waits up to 10 s for the watch to apply an event after the {@code before} it had applied. */
    private static void awaitApplied(Watching watching, long before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (watching.watch().stats().applied() == before && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(watching.watch().stats().applied()).as("events applied").isGreaterThan(before);
    }

    @Test
    void onAVersionedBucketARestoreOfANoncurrentVersionLeavesTheCurrentVersionsRowArchived() throws Exception {
        String bucket = Fixtures.newVersionedBucket(bed, "watch-restore-version");
        String queueUrl = bucketWithQueue(bucket);
        String older = bed.client().putObject(p -> p.bucket(bucket).key("kept.bin").storageClass("GLACIER"),
                RequestBody.fromString("first")).versionId();
        bed.client().putObject(p -> p.bucket(bucket).key("kept.bin").storageClass("GLACIER"), RequestBody.fromString("second"));
        Watching watching = watch(bucket, queueUrl, HOUR);
        long appliedBefore = watching.watch().stats().applied();

        // The message S3 sends once the older version's restored copy is readable: the current version is still archived.
        Fixtures.sqs().client().sendMessage(m -> m.queueUrl(queueUrl).messageBody("""
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
                "eventTime":"%s","eventName":"ObjectRestore:Completed",
                "s3":{"s3SchemaVersion":"1.0","bucket":{"name":"%s"},"object":{"key":"kept.bin","size":5,"versionId":"%s"}},
                "glacierEventData":{"restoreEventData":{"lifecycleRestorationExpiryTime":"%s","lifecycleRestoreStorageClass":"GLACIER"}}}]}"""
                .formatted(Instant.now(), bucket, older, Instant.now().plus(Duration.ofDays(2)))));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (watching.watch().stats().applied() == appliedBefore && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }

        assertThat(watching.watch().stats().applied()).isGreaterThan(appliedBefore);
        assertThat(inventory.rows(bucket).get("kept.bin").restore()).isInstanceOf(RestoreStatus.Archived.class);
    }

    @Test
    void aLifecycleTransitionGivesTheRowItsNewStorageClass() throws Exception {
        String bucket = Fixtures.newBucket("watch-transition");
        String queueUrl = bucketWithQueue(bucket);
        bed.put(bucket, "aging.log", "old lines", null);
        watch(bucket, queueUrl, HOUR);

        bed.emulator().transition(bucket, "aging.log", "DEEP_ARCHIVE");
        Optional<InventoryRow> row = awaitRow(bucket, "aging.log",
                r -> r.isPresent() && r.get().object().storageClass().equals("DEEP_ARCHIVE"));

        assertThat(row.orElseThrow().object().storageClass()).isEqualTo("DEEP_ARCHIVE");
        assertThat(row.get().restore()).isInstanceOf(RestoreStatus.Archived.class);
    }

    @Test
    void anIntelligentTieringMoveToAnArchiveTierMakesTheRowArchived() throws Exception {
        String bucket = Fixtures.newBucket("watch-tier-move");
        String queueUrl = bucketWithQueue(bucket);
        bed.put(bucket, "cooling.bin", "rarely read", "INTELLIGENT_TIERING");
        watch(bucket, queueUrl, HOUR);
        assertThat(inventory.rows(bucket).get("cooling.bin").restore()).isInstanceOf(RestoreStatus.Readable.class);

        bed.emulator().setArchiveStatus(bucket, "cooling.bin", "ARCHIVE_ACCESS");
        Optional<InventoryRow> row = awaitRow(bucket, "cooling.bin",
                r -> r.isPresent() && r.get().restore() instanceof RestoreStatus.Archived);

        assertThat(row.orElseThrow().restore()).isInstanceOf(RestoreStatus.Archived.class);
    }

    @Test
    void aDroppedEventIsRepairedByTheReconcilingSync() throws Exception {
        String bucket = Fixtures.newBucket("watch-dropped");
        String queueUrl = bucketWithQueue(bucket);
        Watching watching = watch(bucket, queueUrl, Duration.ofSeconds(3));
        bed.emulator().notifications().switches(DeliverySwitches.none().drop(1));

        bed.put(bucket, "lost.txt", "found anyway", null);
        Optional<InventoryRow> row = awaitRow(bucket, "lost.txt", InventoryWatchIT::live);
        // The sync commits the row before it returns and is counted: wait for the count too.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (watching.watch().stats().reconciles() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        assertThat(row).isPresent();
        assertThat(bed.emulator().notifications().counts().dropped()).isPositive();
        assertThat(watching.watch().stats().applied()).isZero();
        assertThat(watching.watch().stats().reconciles()).isGreaterThanOrEqualTo(2);
    }

    /**
     * An SSE-C object read without its key answers its HEAD {@code 400}; the sync writes its row from the listing, and so
     * must its event. Before, the refused HEAD failed the event, whose message came back every visibility timeout and
     * failed again until the queue dead-lettered it, the row waiting for the next reconciling sync.
     */
    @Test
    void anObjectWhoseHeadIsRefusedGetsItsRowFromAOneKeyListing() throws Exception {
        String bucket = Fixtures.newBucket("watch-sealed");
        String queueUrl = bucketWithQueue(bucket);
        Watching watching = watch(bucket, queueUrl, HOUR);
        bed.emulator().seal(bucket, "sealed.bin", ObjectSeal.CUSTOMER_KEY);

        bed.put(bucket, "sealed.bin", "customer", null);
        Optional<InventoryRow> row = awaitRow(bucket, "sealed.bin", InventoryWatchIT::live);

        assertThat(row).hasValueSatisfying(r -> {
            assertThat(r.object().size()).isEqualTo(8);
            assertThat(r.restore()).isEqualTo(RestoreStatus.READABLE);
        });
        assertThat(watching.watch().stats().failures()).isZero();
        assertThat(watching.watch().stats().reconciles()).isEqualTo(1);
    }

    @Test
    void malformedAndForeignMessagesAreLeftOrSkippedWhileTheOthersAreApplied() throws Exception {
        String bucket = Fixtures.newBucket("watch-malformed");
        String queueUrl = bucketWithQueue(bucket);
        Watching watching = watch(bucket, queueUrl, HOUR);

        Fixtures.sqs().client().sendMessage(m -> m.queueUrl(queueUrl).messageBody("{\"Records\": \"not a list\""));
        Fixtures.sqs().client().sendMessage(m -> m.queueUrl(queueUrl).messageBody("""
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","eventName":"ObjectCreated:Put",
                "s3":{"bucket":{"name":"some-other-bucket"},"object":{"key":"x","size":1,"sequencer":"00AA"}}}]}"""));
        bed.put(bucket, "fine.txt", "fine", null);
        Optional<InventoryRow> row = awaitRow(bucket, "fine.txt", InventoryWatchIT::live);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((watching.queue().stats().malformed() == 0 || watching.queue().stats().skipped() < 2)
                && System.nanoTime() < deadline) {
            Thread.sleep(50); // the other messages were sent first: received by now, or soon
        }

        assertThat(row).isPresent();
        assertThat(watching.queue().stats().malformed()).isPositive();
        assertThat(watching.queue().stats().skipped()).isGreaterThanOrEqualTo(2); // the test event and the other bucket
        assertThat(inventory.rows(bucket)).containsOnlyKeys("fine.txt");
        assertThat(awaitMessagesLeft(queueUrl, 1)).isEqualTo(1); // the malformed one, for the redrive policy
    }

    /**
     * A redelivered event (or a late one, or one the reconciling sync got to first) finds the row as its HEAD finds the
     * object. Before, the row was written again all the same: {@code synced_at} moved though nothing changed, and the
     * watch's closing line counted each duplicate as a row written.
     */
    @Test
    void aDuplicatedCreatedEventOfAnUnchangedObjectWritesNothing() throws Exception {
        String bucket = Fixtures.newBucket("watch-duplicate");
        String queueUrl = bucketWithQueue(bucket);
        Watching watching = watch(bucket, queueUrl, HOUR);
        bed.put(bucket, "same.txt", "12345", null);
        awaitApplied(watching, 0);
        InventoryRow written = awaitRow(bucket, "same.txt", InventoryWatchIT::live).orElseThrow();
        long appliedBefore = watching.watch().stats().applied();
        long writtenBefore = watching.watch().stats().written();

        Fixtures.sqs().client().sendMessage(m -> m.queueUrl(queueUrl).messageBody("""
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","eventName":"ObjectCreated:Put",
                "s3":{"bucket":{"name":"%s"},"object":{"key":"same.txt","size":5,"sequencer":"00AA"}}}]}""".formatted(bucket)));
        awaitApplied(watching, appliedBefore);

        assertThat(watching.watch().stats().written()).as("rows written").isEqualTo(writtenBefore);
        assertThat(inventory.rows(bucket).get("same.txt").syncedAt()).isEqualTo(written.syncedAt());
    }

    /**
     * A forged event may name a key the server refuses outright (S3Proxy answers {@code 400} to a HEAD, and to a listing
     * with it as prefix, of a key that starts with {@code /}): no object can have it there, so no row is written and the
     * message is done with. Before, the refusal failed the event on every delivery until the queue dead-lettered it.
     */
    @Test
    void anEventForAKeyTheServerRefusesWritesNoRowAndIsDeleted() throws Exception {
        String bucket = Fixtures.newBucket("watch-refused-key");
        String queueUrl = bucketWithQueue(bucket);
        Watching watching = watch(bucket, queueUrl, HOUR);

        Fixtures.sqs().client().sendMessage(m -> m.queueUrl(queueUrl).messageBody("""
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","eventName":"ObjectCreated:Put",
                "s3":{"bucket":{"name":"%s"},"object":{"key":"%%2Fforged","size":1,"sequencer":"00AA"}}}]}""".formatted(bucket)));
        Thread.sleep(1500);
        bed.put(bucket, "fine.txt", "fine", null);
        Optional<InventoryRow> row = awaitRow(bucket, "fine.txt", InventoryWatchIT::live);

        assertThat(row).isPresent();
        assertThat(inventory.rows(bucket)).containsOnlyKeys("fine.txt");
        // Before, read at once: the message of fine.txt, deleted in the batch after its row was committed, was often
        // still there (reproduced by reading the row every 5 ms instead of 100 ms).
        assertThat(awaitMessagesLeft(queueUrl, 0)).isZero(); // applied (as nothing), so deleted
    }

    /** Before, SIGTERM waited for the reconciling sync to list the whole bucket (a big bucket: minutes). */
    @Test
    void inventoryWatchStoppedDuringItsSyncExitsZeroWithinSecondsAndLeavesNoLease() throws Exception {
        String bucket = Fixtures.newBucket("watch-cli-term");
        // 25 pages of 50: as many pages as 2,500 keys of 100 (the listing lasts as long), half the objects to put.
        bed.putMany(bucket, Fixtures.keys("k/", 1250), 16);
        String queueUrl = bucketWithQueue(bucket);
        try (LatencyProxy slow = LatencyProxy.start(bed.endpoint(), Duration.ofMillis(150))) {
            Process watch = Cli.withTestBedCredentials().start("inventory", "watch", "--bucket", bucket,
                    "--endpoint-url", slow.endpoint().toString(), "--database", inventory.databaseUrl(),
                    "--notifications", "sqs:" + queueUrl, "--page-size", "50", "--list-concurrency", "1");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (inventory.liveKeys(bucket).size() < 150 && System.nanoTime() < deadline && watch.isAlive()) {
                Thread.sleep(100);
            }

            watch.destroy();

            assertThat(watch.waitFor(5, TimeUnit.SECONDS)).as("stopped within 5 s").isTrue();
            assertThat(watch.exitValue()).as(Cli.read(watch, "stderr")).isZero();
            assertThat(Cli.read(watch, "stdout")).contains("0 reconciling syncs").hasLineCount(1);
        }
        assertThat(inventory.liveKeys(bucket).size()).isBetween(150, 1249);
        assertThat(inventory.leases()).isEmpty();
    }

    /**
     * Before, the handler was installed once the queue and database were open: a SIGTERM while the bucket was checked
     * ended the JVM at once, exit 143 and nothing said.
     */
    @Test
    void aSigtermWhileTheWatchStartsStopsItWithExitZeroAndItsLine() throws Exception {
        Cli.Result result = watchStoppedWhileItStarts(Fixtures.newBucket("watch-cli-early-term"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).startsWith("0 events applied").contains("0 reconciling syncs").hasLineCount(1);
    }

    /** Before, the watch went on to open the database, and a SQLite file was created for a watch that did nothing. */
    @Test
    void aSigtermWhileTheWatchStartsLeavesNoDatabaseFile() throws Exception {
        Cli.Result result = watchStoppedWhileItStarts(Fixtures.newBucket("watch-cli-early-term-file"));

        assertThat(Fixtures.sqliteFile(inventory.databaseUrl())).as(result.toString()).doesNotExist();
    }

    /**
     * Runs a watch into this test's new SQLite file whose bucket check a slow proxy holds until SIGTERM is sent, so that
     * the signal always arrives while the watch starts, and waits for it to end.
     */
    private Cli.Result watchStoppedWhileItStarts(String bucket) throws Exception {
        String queueUrl = bucketWithQueue(bucket);
        try (LatencyProxy slow = LatencyProxy.start(bed.endpoint(), Duration.ofSeconds(3))) {
            Process watch = Cli.withTestBedCredentials().start("inventory", "watch", "--bucket", bucket,
                    "--endpoint-url", slow.endpoint().toString(), "--database", inventory.databaseUrl(),
                    "--notifications", "sqs:" + queueUrl);
            try {
                slow.awaitFirstRequest(Duration.ofSeconds(60));

                watch.destroy();
                slow.withoutLatency();

                assertThat(watch.waitFor(30, TimeUnit.SECONDS)).as("stopped").isTrue();
                return new Cli.Result(watch.exitValue(), Cli.read(watch, "stdout"), Cli.read(watch, "stderr"));
            } finally {
                watch.destroyForcibly();
            }
        }
    }

    @Test
    void inventoryWatchWithoutCredentialsSaysSoInOneLineAndExitsThree() {
        String bucket = Fixtures.newBucket("watch-no-credentials");
        String queueUrl = bucketWithQueue(bucket);

        Cli.Result result = new Cli().env("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent").env("AWS_CONFIG_FILE", "/nonexistent")
                .run("inventory", "watch", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                        "--database", inventory.databaseUrl(), "--notifications", "sqs:" + queueUrl, "--stop-when-idle");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.stderr()).startsWith("s3conn: no AWS credentials found").hasLineCount(1);
    }

    /** Before, it said that reconcile-every applies to notifications, "without them every CDC poll is a listing". */
    @Test
    void inventoryWatchWithReconcileEveryButNoQueueSaysInOneLineThatItNeedsTheQueue() {
        Cli.Result result = Cli.withTestBedCredentials().run("inventory", "watch", "--bucket", "any",
                "--endpoint-url", bed.endpoint().toString(), "--database", inventory.databaseUrl(), "--reconcile-every", "5m");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr().strip()).isEqualTo("s3conn: inventory watch needs --notifications sqs:<queue url>"
                + " (see `s3conn inventory watch --help`)");
    }

    /** Before, the database was opened first: a wrong bucket left an empty SQLite file behind, unlike a sync. */
    @Test
    void inventoryWatchOfABucketThatDoesNotExistCreatesNoDatabaseFile() {
        String queueUrl = bucketWithQueue(Fixtures.newBucket("watch-wrong-bucket"));
        String missing = "watch-no-such-bucket";

        Cli.Result result = Cli.withTestBedCredentials().run("inventory", "watch", "--bucket", missing,
                "--endpoint-url", bed.endpoint().toString(), "--database", inventory.databaseUrl(),
                "--notifications", "sqs:" + queueUrl, "--stop-when-idle");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.stderr()).startsWith("s3conn: bucket " + missing + " does not exist").hasLineCount(1);
        assertThat(Fixtures.sqliteFile(inventory.databaseUrl())).doesNotExist();
    }

    /** Before, the database was opened before the queue answered: a typo in the queue URL left an empty SQLite file. */
    @Test
    void inventoryWatchWithAQueueThatDoesNotExistCreatesNoDatabaseFile() {
        String bucket = Fixtures.newBucket("watch-wrong-queue");
        String missing = Fixtures.sqs().endpoint().resolve("/000000000000/" + bucket + "-evnts").toString();

        Cli.Result result = Cli.withTestBedCredentials().run("inventory", "watch", "--bucket", bucket,
                "--endpoint-url", bed.endpoint().toString(), "--database", inventory.databaseUrl(),
                "--notifications", "sqs:" + missing, "--stop-when-idle");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.stderr().strip()).isEqualTo("s3conn: queue " + missing + " does not exist");
        assertThat(Fixtures.sqliteFile(inventory.databaseUrl())).doesNotExist();
    }

    /** Before, each of Amazon SQS's refusals of credentials was "check the credentials and their permissions". */
    @ParameterizedTest
    @EnumSource(CredentialRefusingSqs.Refusal.class)
    void inventoryWatchWithAQueueRefusingTheCredentialsSaysInOneLineWhichIsWrongAndExitsThree(CredentialRefusingSqs.Refusal refusal) {
        String bucket = Fixtures.newBucket("watch-queue-refuses");
        try (CredentialRefusingSqs sqs = CredentialRefusingSqs.start(refusal)) {
            String queue = sqs.queueUrl("q");

            Cli.Result result = Cli.withTestBedCredentials().run("inventory", "watch", "--bucket", bucket,
                    "--endpoint-url", bed.endpoint().toString(), "--database", inventory.databaseUrl(),
                    "--notifications", "sqs:" + queue, "--stop-when-idle");

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
            assertThat(result.stderr().strip()).isEqualTo("s3conn: access refused to queue " + queue + ": "
                    + Fixtures.credentialRefusal(refusal));
        }
    }

    /** Before, the S3 server's refusal of a request signed for SQS was reported as wrong credentials (exit 3). */
    @Test
    void inventoryWatchWithTheS3EndpointAsItsQueueSaysInOneLineThatItIsNoSqsQueueAndExitsTwo() {
        String bucket = Fixtures.newBucket("watch-queue-is-s3");
        String notQueue = bed.s3ProxyEndpoint().resolve("/000000000000/" + bucket).toString();

        Cli.Result result = Cli.withTestBedCredentials().run("inventory", "watch", "--bucket", bucket,
                "--endpoint-url", bed.endpoint().toString(), "--database", inventory.databaseUrl(),
                "--notifications", "sqs:" + notQueue, "--stop-when-idle");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("s3conn: queue URL " + notQueue + " did not answer as an SQS queue")
                .hasLineCount(1);
        assertThat(Fixtures.sqliteFile(inventory.databaseUrl())).doesNotExist();
    }

    @Test
    void inventoryWatchOnTheCommandLineAppliesQueuedEventsAndStopsWhenIdle() throws Exception {
        String bucket = Fixtures.newBucket("watch-cli");
        String queueUrl = bucketWithQueue(bucket);
        bed.put(bucket, "kept.txt", "kept", null);
        bed.put(bucket, "gone.txt", "gone", null);
        bed.client().deleteObject(d -> d.bucket(bucket).key("gone.txt"));
        assertThat(bed.emulator().notifications().awaitDelivered(Duration.ofSeconds(10))).isTrue();

        Cli.Result result = Cli.withTestBedCredentials().run("inventory", "watch", "--bucket", bucket,
                "--endpoint-url", bed.endpoint().toString(), "--database", inventory.databaseUrl(),
                "--notifications", "sqs:" + queueUrl, "--stop-when-idle", "--json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("\"events\":3").contains("\"reconciles\":1").contains("\"malformed\":0");
        assertThat(inventory.liveKeys(bucket)).containsExactly("kept.txt");
        assertThat(messagesLeft(queueUrl)).isZero();
    }
}
