package io.s3conn.it.source;

import static io.s3conn.it.source.SourceFixtures.after;
import static io.s3conn.it.source.SourceFixtures.describeAll;
import static io.s3conn.it.source.SourceFixtures.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.record.Metadata;
import io.s3conn.core.record.Record;
import io.s3conn.it.Fixtures;
import io.s3conn.glacier.RequestRate;
import io.s3conn.glacier.RestoreTier;
import io.s3conn.source.S3Source;
import io.s3conn.source.S3SourceConfiguration;
import io.s3conn.source.SourceMode;
import io.s3conn.source.SourceProgress;
import io.s3conn.source.position.CdcPosition;
import io.s3conn.source.position.SourcePosition;
import io.s3conn.source.position.SourcePositions;
import io.s3conn.source.restore.RestoreArchived;
import io.s3conn.testbed.ArchiveEmulator;
import io.s3conn.testbed.RestoreRequestRecord;
import io.s3conn.testbed.TestBed;
import software.amazon.awssdk.services.s3.model.Event;

/**
 * {@code --restore-archived}: archived objects get a restore request, and their records are emitted with the
 * payload once the test bed's archive emulator completed the restore, learned from a HEAD or from an
 * {@code ObjectRestore:Completed} event. Restores run until the test completes them.
 */
@Timeout(120)
class SourceRestoreIT {

    private static final Duration QUICK_POLL = Duration.ofMillis(200);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration SOON = Duration.ofSeconds(10);

    private final TestBed bed = SourceFixtures.testBed();
    private final ArchiveEmulator emulator = bed.emulator();
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void restoresRunUntilCompleted() {
        emulator.setRestoreDelay(HOUR);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        emulator.reset();
    }

    private Database database() {
        Database database = SourceFixtures.newDatabase();
        open.add(database);
        return database;
    }

    /** A source restoring archived objects, looking at pending ones every {@code poll}. */
    private HostedSource source(String bucket, Database database, SourceMode mode, Duration poll) {
        return source(SourceFixtures.restoring(bucket, mode, poll), database);
    }

    private HostedSource source(S3SourceConfiguration config, Database database) {
        HostedSource source = new HostedSource(new S3Source(SourceFixtures.sourceClient(), database, config,
                Optional.empty(), Clock.systemUTC()));
        open.add(source);
        return source;
    }

    private List<RestoreRequestRecord> restoreRequests(String bucket) {
        return emulator.restoreRequests().stream().filter(r -> r.bucket().equals(bucket)).toList();
    }

    /** A bucket with an archived object {@code cold} and a readable one {@code warm}. */
    private String coldAndWarm(String purpose) {
        String bucket = SourceFixtures.newBucket(purpose);
        bed.put(bucket, "cold", "frozen bytes", "GLACIER");
        bed.put(bucket, "warm", "w", null);
        return bucket;
    }

    @Test
    void anArchivedObjectIsEmittedWithItsPayloadOnceAHeadFindsItsRestoreCompleted() throws Exception {
        String bucket = coldAndWarm("restore-head");
        HostedSource source = source(bucket, database(), SourceMode.ALL, QUICK_POLL).started();
        assertThat(describeAll(source.records())).containsExactly("snapshot warm");
        assertThat(restoreRequests(bucket)).singleElement().satisfies(request -> {
            assertThat(request.key()).isEqualTo("cold");
            assertThat(request.tier()).isEqualTo("Bulk");
            assertThat(request.days()).isEqualTo(1);
            assertThat(request.status()).isEqualTo(202);
        });

        emulator.completeRestores();
        List<Record> records = source.awaitRecords(2, SOON);

        assertThat(describeAll(records)).containsExactly("snapshot warm", "snapshot cold");
        assertThat(after(records.get(1))).isEqualTo("frozen bytes");
        assertThat(records.get(1).metadata()).containsEntry(Metadata.S3_RESTORE_STATUS, "restored")
                .containsEntry(Metadata.S3_STORAGE_CLASS, "GLACIER").doesNotContainKey(Metadata.S3_PAYLOAD_OMITTED);
        assertThat(restoreRequests(bucket)).hasSize(1);
    }

    @Test
    void aRestoreCompletedEventEmitsTheObjectWithoutWaitingForTheNextHead() throws Exception {
        String bucket = SourceFixtures.newBucket("restore-event");
        String queueUrl = Fixtures.queueFor(bucket, Event.S3_OBJECT_CREATED,
                Event.S3_OBJECT_REMOVED, Event.S3_OBJECT_RESTORE_COMPLETED);
        bed.put(bucket, "cold", "frozen bytes", "GLACIER");
        NotificationRun run = new NotificationRun(SourceFixtures.restoring(bucket, SourceMode.ALL, HOUR), database(),
                Fixtures.sqs().client(), queueUrl, HOUR);
        open.add(run);
        run.started();
        assertThat(run.records()).isEmpty();

        emulator.completeRestores();
        List<Record> records = run.awaitRecords(1, SOON);

        assertThat(describeAll(records)).containsExactly("snapshot cold");
        assertThat(after(records.getFirst())).isEqualTo("frozen bytes");
    }

    @Test
    void anArchivedObjectWrittenDuringCdcIsEmittedAsACreateWithItsPayloadOnceRestored() throws Exception {
        String bucket = SourceFixtures.newBucket("restore-cdc-create");
        HostedSource source = source(bucket, database(), SourceMode.ALL, QUICK_POLL).started();

        bed.put(bucket, "cold", "frozen bytes", "GLACIER");
        source.pollUntil(() -> restoreRequests(bucket).size() == 1, SOON);
        assertThat(source.records()).isEmpty();
        emulator.completeRestores();
        List<Record> records = source.awaitRecords(1, SOON);

        assertThat(describeAll(records)).containsExactly("create cold");
        assertThat(after(records.getFirst())).isEqualTo("frozen bytes");
    }

    @Test
    void anObjectOverwrittenByAnArchivedOneIsEmittedAsAnUpdateOfWhatWasEmittedOnceRestored() throws Exception {
        String bucket = SourceFixtures.newBucket("restore-cdc-update");
        bed.put(bucket, "doc", "first", null);
        HostedSource source = source(bucket, database(), SourceMode.ALL, QUICK_POLL).started();

        bed.put(bucket, "doc", "second, archived", "DEEP_ARCHIVE");
        source.pollUntil(() -> restoreRequests(bucket).size() == 1, SOON);
        emulator.completeRestores();
        List<Record> records = source.awaitRecords(2, SOON);

        assertThat(describeAll(records)).containsExactly("snapshot doc", "update doc");
        assertThat(after(records.get(1))).isEqualTo("second, archived");
        assertThat(SourceFixtures.before(records.get(1))).contains("\"s3.storageClass\":\"STANDARD\"");
    }

    @Test
    void anIntelligentTieringObjectInAnArchiveTierIsRestoredWithoutDays() throws Exception {
        String bucket = SourceFixtures.newBucket("restore-it");
        bed.put(bucket, "tiered", "tiered bytes", "INTELLIGENT_TIERING");
        emulator.setArchiveStatus(bucket, "tiered", "DEEP_ARCHIVE_ACCESS");
        HostedSource source = source(bucket, database(), SourceMode.ALL, QUICK_POLL).started();
        assertThat(restoreRequests(bucket)).singleElement().satisfies(request -> {
            assertThat(request.days()).isNull();
            assertThat(request.status()).isEqualTo(202);
        });

        emulator.completeRestores();
        List<Record> records = source.awaitRecords(1, SOON);

        assertThat(describeAll(records)).containsExactly("snapshot tiered");
        assertThat(after(records.getFirst())).isEqualTo("tiered bytes");
    }

    @Test
    void restoreRequestsArePacedByTheRestoreRate() throws Exception {
        String bucket = SourceFixtures.newBucket("restore-rate");
        bed.putMany(bucket, List.of("a", "b", "c", "d"), "GLACIER", 4);
        S3SourceConfiguration config = SourceFixtures.restoring(bucket, SourceMode.ALL, HOUR).withRestoreArchived(
                Optional.of(new RestoreArchived(RestoreTier.BULK, 1, RequestRate.parse("5/s"), HOUR)));

        source(config, database()).started();

        List<RestoreRequestRecord> requests = restoreRequests(bucket);
        assertThat(requests).hasSize(4);
        assertThat(Duration.between(requests.getFirst().at(), requests.getLast().at()))
                .as("three intervals of 200 ms").isGreaterThanOrEqualTo(Duration.ofMillis(550));
    }

    @Test
    void onAVersionedBucketTheRestoredRecordIsTheVersionThatWasArchived() throws Exception {
        String bucket = SourceFixtures.newVersionedBucket("restore-versioned");
        bed.put(bucket, "cold", "frozen bytes", "GLACIER");
        String version = bed.client().headObject(h -> h.bucket(bucket).key("cold")).versionId();
        HostedSource source = source(bucket, database(), SourceMode.ALL, QUICK_POLL).started();

        emulator.completeRestores();
        List<Record> records = source.awaitRecords(1, SOON);

        assertThat(describeAll(records)).containsExactly("snapshot cold");
        assertThat(after(records.getFirst())).isEqualTo("frozen bytes");
        assertThat(records.getFirst().metadata()).containsEntry(Metadata.S3_VERSION_ID, version);
        assertThat(restoreRequests(bucket)).hasSize(1);
    }

    @Test
    void aRestartedSourceEmitsThePendingObjectOnceWithoutAskingForItsRestoreAgain() throws Exception {
        String bucket = coldAndWarm("restore-restart");
        Database database = database();
        try (HostedSource first = source(bucket, database, SourceMode.ALL, QUICK_POLL).started()) {
            assertThat(describeAll(first.records())).containsExactly("snapshot warm");
        } // closed without committing anything more: what a killed process leaves

        emulator.completeRestores();
        HostedSource second = source(bucket, database, SourceMode.ALL, QUICK_POLL);
        second.awaitRecords(1, SOON);
        List<Record> records = second.pollFor(Duration.ofSeconds(1));

        assertThat(describeAll(records)).containsExactly("snapshot cold");
        assertThat(after(records.getFirst())).isEqualTo("frozen bytes");
        assertThat(restoreRequests(bucket)).hasSize(1);
    }

    @Test
    void aRestoredRecordEmittedAgainAfterARestartHasTheSamePosition() throws Exception {
        String bucket = SourceFixtures.newBucket("restore-position");
        bed.put(bucket, "cold", "frozen bytes", "GLACIER");
        Database database = database();
        Record first;
        try (HostedSource killed = source(bucket, database, SourceMode.ALL, QUICK_POLL).started()) {
            emulator.completeRestores();
            List<Record> uncommitted = new ArrayList<>();
            long deadline = System.nanoTime() + SOON.toNanos();
            while (uncommitted.isEmpty() && System.nanoTime() < deadline) {
                uncommitted.addAll(killed.pollOnce(false));
            }
            first = uncommitted.getFirst();
        }

        List<Record> again = source(bucket, database, SourceMode.ALL, QUICK_POLL).awaitRecords(1, SOON);

        assertThat(describeAll(again)).containsExactly("snapshot cold");
        assertThat(again.getFirst().position()).isEqualTo(first.position());
    }

    /**
     * A restored object's record between two pages of a CDC poll is followed by a checkpoint (its own position holds an
     * earlier time). That checkpoint named the poll's watermark without the key the poll had reached: a run stopped
     * right after it listed the whole poll again under that watermark, so a key of the first page that changed since
     * came under the very position of the record the stopped run had committed for it (one position, two records).
     */
    @Test
    @Timeout(240)
    void aRestoredRecordBetweenThePagesOfACdcPollKeepsTheKeyThePollReachedInItsResumePoint() throws Exception {
        String bucket = SourceFixtures.newBucket("restore-mid-poll");
        List<String> keys = Fixtures.keys("k/", 1100); // more than a listing page: the poll has two
        bed.putMany(bucket, keys, 16);
        bed.put(bucket, "x-cold", "frozen bytes", "GLACIER"); // in the second page
        Database database = database();
        source(bucket, database, SourceMode.ALL, QUICK_POLL).started().close(); // the snapshot; x-cold waits
        bed.put(bucket, keys.getFirst(), "changed", null);
        List<Record> stopped = new ArrayList<>();
        try (HostedSource second = source(bucket, database, SourceMode.ALL, QUICK_POLL)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (stopped.isEmpty() && System.nanoTime() < deadline) {
                stopped.addAll(second.source().poll(Duration.ofMillis(200), 1)); // the first page's change
            }
            emulator.completeRestores();
            Thread.sleep(2 * QUICK_POLL.toMillis()); // its HEAD is due before the second page is listed
            while (stopped.size() < 2 && System.nanoTime() < deadline) {
                stopped.addAll(second.source().poll(Duration.ofMillis(200), 1));
            }
            assertThat(describeAll(stopped)).containsExactly("update " + keys.getFirst(), "snapshot x-cold");
            stopped.forEach(second::commit);
            assertThat(second.source().progress().polls()).as("stopped inside the poll").isZero();
        }
        bed.put(bucket, keys.getFirst(), "changed again", null);

        HostedSource resumed = source(bucket, database, SourceMode.ALL, QUICK_POLL);
        resumed.pollUntil(() -> resumed.records().stream().anyMatch(r -> after(r).equals("changed again")), SOON);

        List<Record> all = new ArrayList<>(stopped);
        all.addAll(resumed.records());
        assertThat(describeAll(all)).containsExactly("update " + keys.getFirst(), "snapshot x-cold",
                "update " + keys.getFirst());
        assertThat(all).extracting(r -> r.position().printable()).doesNotHaveDuplicates();
    }

    @Test
    void aCommittedRestoredRecordLeavesTheSourceResumingFromItsCdcWatermark() throws Exception {
        String bucket = coldAndWarm("restore-resume-point");
        HostedSource source = source(bucket, database(), SourceMode.ALL, QUICK_POLL).started();

        emulator.completeRestores();
        Record restored = source.awaitRecords(2, SOON).getLast();

        SourcePosition saved = source.source().savedPosition().orElseThrow();
        SourcePosition own = SourcePositions.parse(restored.position().printable());
        assertThat(saved).isInstanceOf(CdcPosition.class);
        assertThat(saved.watermark()).as("the time it waited since is not where CDC stands").isNotEqualTo(own.watermark());
    }

    @Test
    void anObjectAlreadyBeingRestoredGetsNoSecondRequest() throws Exception {
        String bucket = SourceFixtures.newBucket("restore-running");
        bed.put(bucket, "cold", "frozen bytes", "GLACIER");
        emulator.markRestoring(bucket, "cold");
        HostedSource source = source(bucket, database(), SourceMode.ALL, QUICK_POLL).started();

        emulator.completeRestores();
        List<Record> records = source.awaitRecords(1, SOON);

        assertThat(describeAll(records)).containsExactly("snapshot cold");
        assertThat(after(records.getFirst())).isEqualTo("frozen bytes");
        assertThat(restoreRequests(bucket)).isEmpty();
    }

    @Test
    void anObjectOverwrittenWhileItsRestoreIsPendingIsEmittedOnceWithItsNewContent() throws Exception {
        String bucket = SourceFixtures.newBucket("restore-overwritten");
        bed.put(bucket, "cold", "frozen bytes", "GLACIER");
        HostedSource source = source(bucket, database(), SourceMode.ALL, QUICK_POLL).started();

        bed.put(bucket, "cold", "fresh bytes", null);
        source.awaitRecords(1, SOON);
        emulator.completeRestores(); // the old object's restore completing changes nothing
        List<Record> records = source.pollFor(Duration.ofSeconds(1));

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(key(record)).isEqualTo("cold");
            assertThat(after(record)).isEqualTo("fresh bytes");
            assertThat(record.metadata()).containsEntry(Metadata.S3_STORAGE_CLASS, "STANDARD");
        });
    }

    @Test
    void anObjectDeletedWhileItsRestoreIsPendingIsNeverEmitted() throws Exception {
        String bucket = coldAndWarm("restore-deleted");
        HostedSource source = source(bucket, database(), SourceMode.ALL, QUICK_POLL).started();

        bed.client().deleteObject(d -> d.bucket(bucket).key("cold"));
        source.pollFor(Duration.ofSeconds(1));
        emulator.completeRestores();
        List<Record> records = source.pollFor(Duration.ofSeconds(1));

        assertThat(describeAll(records)).containsExactly("snapshot warm");
    }

    @Test
    void aSnapshotOnlySourceIsDoneOnceItsArchivedObjectsWereEmitted() throws Exception {
        String bucket = coldAndWarm("restore-snapshot");
        HostedSource source = source(bucket, database(), SourceMode.SNAPSHOT, QUICK_POLL);
        source.pollUntil(() -> source.source().progress().phase() == SourceProgress.Phase.RESTORING, SOON);
        assertThat(describeAll(source.records())).containsExactly("snapshot warm");

        emulator.completeRestores();
        source.pollUntil(() -> source.source().progress().phase() == SourceProgress.Phase.DONE, SOON);

        assertThat(describeAll(source.records())).containsExactly("snapshot warm", "snapshot cold");
        assertThat(after(source.records().get(1))).isEqualTo("frozen bytes");
    }

    @Test
    void withoutRestoreArchivedAnArchivedObjectIsEmittedAtOnceWithoutPayloadAndNothingIsRestored() throws Exception {
        String bucket = coldAndWarm("restore-off");

        SourceHarness harness = SourceHarness.of(bucket);
        open.add(harness);
        List<Record> records = harness.run();

        assertThat(describeAll(records)).containsExactly("snapshot cold", "snapshot warm");
        assertThat(records.getFirst().payload().after()).isEmpty();
        assertThat(records.getFirst().metadata()).containsEntry(Metadata.S3_RESTORE_STATUS, "archived")
                .containsEntry(Metadata.S3_PAYLOAD_OMITTED, "archived");
        assertThat(restoreRequests(bucket)).isEmpty();
    }
}
