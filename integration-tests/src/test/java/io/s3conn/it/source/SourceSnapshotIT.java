package io.s3conn.it.source;

import static io.s3conn.it.source.SourceFixtures.after;
import static io.s3conn.it.source.SourceFixtures.describeAll;
import static io.s3conn.it.source.SourceFixtures.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.s3conn.core.record.Metadata;
import io.s3conn.core.record.Operation;
import io.s3conn.core.record.Record;
import io.s3conn.it.Fixtures;
import io.s3conn.source.S3Source;
import io.s3conn.source.SourceMode;
import io.s3conn.source.content.ContentMode;
import io.s3conn.source.content.ObjectContent;
import io.s3conn.source.content.ObjectContentReader;
import io.s3conn.source.position.SnapshotPosition;
import io.s3conn.source.position.SourcePosition;
import io.s3conn.source.walk.ObjectVersion;
import io.s3conn.testbed.ArchiveEmulator;
import io.s3conn.testbed.FaultKind;
import io.s3conn.testbed.ObjectSeal;
import io.s3conn.testbed.S3Operation;
import io.s3conn.testbed.S3Server;
import io.s3conn.testbed.TestBed;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3 source's snapshot: what it emits, how it resumes, what it leaves unread. Multi-page snapshots,
 * their resumption and archive classes on every S3 server ({@link io.s3conn.it.Fixtures#servers()}).
 */
@Timeout(120)
class SourceSnapshotIT {

    /**
     * Three listing pages of 1,000 keys, the last one short: a few more than two full pages, since every object is
     * read (a few seconds each thousand on RGW) and the count itself is not the point.
     */
    private static final List<String> MANY_KEYS = Fixtures.keys("obj/", 2100);
    /** The 2,100-object bucket of each server, by server name. */
    private static final Map<String, String> MANY_OBJECTS = new ConcurrentHashMap<>();

    private final TestBed bed = SourceFixtures.testBed();
    private final ArchiveEmulator emulator = bed.emulator();
    @RegisterExtension
    final SourceHarnesses harnesses = new SourceHarnesses();

    /** 2,100 objects (three listing pages) on the test bed, each holding its key; made once, only read by the tests. */
    private static String manyObjects() {
        return manyObjects(SourceFixtures.testBed());
    }

    /** The same 2,100 objects on {@code server}, made once per server. */
    private static String manyObjects(S3Server server) {
        return MANY_OBJECTS.computeIfAbsent(server.name(), name -> {
            String bucket = SourceFixtures.newBucket(server, "snapshot-2100");
            server.putMany(bucket, MANY_KEYS, 16);
            return bucket;
        });
    }

    @AfterEach
    void restoreEmulatorDefaults() {
        emulator.reset();
    }

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void everyObjectOfAMultiPageBucketIsEmittedOnceInKeyOrderAsASnapshot(S3Server server) throws Exception {
        SourceHarness source = harnesses.of(server, manyObjects(server));

        List<Record> records = source.run();

        assertThat(records).hasSize(MANY_KEYS.size());
        assertThat(records).extracting(SourceFixtures::key).containsExactlyElementsOf(MANY_KEYS);
        assertThat(records).allSatisfy(record -> {
            assertThat(record.operation()).isEqualTo(Operation.SNAPSHOT);
            assertThat(after(record)).isEqualTo(key(record));
            assertThat(record.payload().before()).isEmpty();
        });
        assertThat(source.lastRun().records()).isEqualTo(MANY_KEYS.size());
        assertThat(source.lastRun().polls()).as("one idle CDC poll after the snapshot").isEqualTo(1);
        assertThat(source.lastRun().listRequests()).as("three pages for the snapshot, three for the poll").isEqualTo(6);
    }

    @Test
    void snapshotRecordsCarryOpenCdcAndObjectMetadata() throws Exception {
        String bucket = SourceFixtures.newBucket("metadata");
        bed.client().putObject(r -> r.bucket(bucket).key("docs/report.json").contentType("application/json")
                .metadata(Map.of("owner", "alice")), RequestBody.fromString("{\"ok\":true}"));
        Instant listedAt = bed.client().listObjectsV2(r -> r.bucket(bucket)).contents().getFirst().lastModified();
        Instant before = Instant.now();

        List<Record> records = harnesses.of(bucket).run();

        assertThat(records).hasSize(1);
        Record record = records.getFirst();
        Map<String, String> metadata = record.metadata();
        assertThat(record.operation()).isEqualTo(Operation.SNAPSHOT);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("docs/report.json");
        assertThat(after(record)).isEqualTo("{\"ok\":true}");
        assertThat(metadata).containsEntry(Metadata.OPENCDC_VERSION, "v1")
                .containsEntry(Metadata.S3_KEY, "docs/report.json")
                .containsEntry(Metadata.S3_BUCKET, bucket)
                .containsEntry(Metadata.OPENCDC_COLLECTION, bucket)
                .containsEntry(Metadata.OPENCDC_FILE_NAME, "docs/report.json")
                .containsEntry(Metadata.S3_SIZE, "11")
                .containsEntry(Metadata.OPENCDC_FILE_SIZE, "11")
                .containsEntry(Metadata.S3_STORAGE_CLASS, "STANDARD")
                .containsEntry(Metadata.S3_LAST_MODIFIED, listedAt.toString())
                .containsEntry(Metadata.S3_CONTENT_TYPE, "application/json")
                .containsEntry(Metadata.S3_USER_METADATA_PREFIX + "owner", "alice")
                .doesNotContainKey(Metadata.S3_VERSION_ID)
                .doesNotContainKey(Metadata.S3_RESTORE_STATUS)
                .doesNotContainKey(Metadata.S3_PAYLOAD_OMITTED);
        assertThat(metadata.get(Metadata.S3_ETAG)).matches("[0-9a-f]{32}").isEqualTo(metadata.get(Metadata.OPENCDC_FILE_HASH));
        assertThat(nanos(metadata.get(Metadata.OPENCDC_CREATED_AT))).isEqualTo(listedAt);
        assertThat(nanos(metadata.get(Metadata.OPENCDC_READ_AT))).isBetween(before, Instant.now());
        assertThat(record.position().printable()).startsWith("s3conn:v1:snapshot:");
    }

    @Test
    void snapshotRecordsOfAVersionedBucketCarryTheVersionId() throws Exception {
        String bucket = SourceFixtures.newVersionedBucket("versioned-snapshot");
        bed.put(bucket, "k", "one", null);
        String current = bed.client().putObject(r -> r.bucket(bucket).key("k"), RequestBody.fromString("two")).versionId();
        bed.put(bucket, "gone", "x", null);
        bed.client().deleteObject(r -> r.bucket(bucket).key("gone"));

        List<Record> records = harnesses.of(bucket).run();

        assertThat(describeAll(records)).as("only the current version; a key behind a delete marker is not there")
                .containsExactly("snapshot k");
        assertThat(records.getFirst().metadata()).containsEntry(Metadata.S3_VERSION_ID, current);
        assertThat(after(records.getFirst())).isEqualTo("two");
    }

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void aSnapshotStoppedAfterAThousandRecordsResumesFromItsSavedPositionWithoutLosingAnyObject(S3Server server)
            throws Exception {
        SourceHarness source = harnesses.of(server, manyObjects(server));

        List<Record> first = source.run(Optional.empty(), 1000);
        Optional<SourcePosition> saved = source.newSource().savedPosition();
        List<Record> rest = source.run();

        assertThat(first).hasSize(1000);
        assertThat(saved).get().isInstanceOf(SnapshotPosition.class);
        assertThat(((SnapshotPosition) saved.get()).lastKey()).contains(key(first.getLast()));
        List<String> all = new ArrayList<>(first.stream().map(SourceFixtures::key).toList());
        all.addAll(rest.stream().map(SourceFixtures::key).toList());
        assertThat(all).containsAll(MANY_KEYS);
        Map<String, Long> counts = all.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(counts.values().stream().filter(n -> n > 1).count()).as("objects emitted twice").isLessThanOrEqualTo(1);
        assertThat(counts.values()).allMatch(n -> n <= 2);
        assertThat(rest).allMatch(r -> r.operation() == Operation.SNAPSHOT);
    }

    @Test
    void theSameSourceInstanceDrivenAgainContinuesWithTheNextRecords() throws Exception {
        SourceHarness harness = harnesses.of(manyObjects());
        S3Source source = harness.newSource();

        List<Record> first = harness.run(source, 100, r -> { });
        List<Record> second = harness.run(source, 100, r -> { });
        source.close();

        assertThat(first).extracting(SourceFixtures::key).containsExactlyElementsOf(MANY_KEYS.subList(0, 100));
        assertThat(second).extracting(SourceFixtures::key).containsExactlyElementsOf(MANY_KEYS.subList(100, 200));
        assertThat(harness.lastRun().records()).as("records of this run").isEqualTo(100);
    }

    @Test
    void aSourceStoppedAfterOneRecordHasReadNoMoreThanItsReadAheadWindow() throws Exception {
        SourceHarness source = harnesses.of(manyObjects());
        emulator.resetStats();

        List<Record> records = source.run(Optional.empty(), 1);

        assertThat(records).hasSize(1);
        int readAhead = source.config().readAhead();
        assertThat(emulator.stats().requests(S3Operation.GET_OBJECT))
                .as("objects read for one record: the read-ahead bounds memory (payloads of up to %d bytes each)",
                        source.config().maxPayloadBytes())
                .isLessThanOrEqualTo(2L * readAhead);
    }

    @Test
    void anObjectDeletedDuringTheSnapshotIsNotLostTrackOf() throws Exception {
        String bucket = SourceFixtures.newBucket("deleted-during");
        List<String> keys = Fixtures.keys("k", 30);
        bed.putMany(bucket, keys, 8);

        List<Record> records = harnesses.of(bucket).run(Optional.empty(), Long.MAX_VALUE, record -> {
            if (key(record).equals("k00000") && record.operation() == Operation.SNAPSHOT) {
                bed.client().deleteObject(r -> r.bucket(bucket).key("k00000")); // already emitted
                bed.client().deleteObject(r -> r.bucket(bucket).key("k00020")); // not yet emitted
            }
        });

        assertEndsDeletedOrNeverEmitted(records, "k00000");
        assertEndsDeletedOrNeverEmitted(records, "k00020");
        assertThat(records.stream().filter(r -> r.operation() == Operation.DELETE).map(SourceFixtures::key))
                .containsOnlyOnce("k00000").isSubsetOf("k00000", "k00020");
        assertThat(records.stream().filter(r -> r.operation() == Operation.SNAPSHOT).map(SourceFixtures::key))
                .containsAll(keys.stream().filter(k -> !k.equals("k00020")).toList());
    }

    @Test
    void anObjectDeletedDuringTheSnapshotOfAVersionedBucketIsNotLostTrackOf() throws Exception {
        String bucket = SourceFixtures.newVersionedBucket("deleted-during-versioned");
        List<String> keys = Fixtures.keys("k", 30);
        bed.putMany(bucket, keys, 8);

        List<Record> records = harnesses.of(bucket).run(Optional.empty(), Long.MAX_VALUE, record -> {
            if (key(record).equals("k00000") && record.operation() == Operation.SNAPSHOT) {
                bed.client().deleteObject(r -> r.bucket(bucket).key("k00000"));
                bed.client().deleteObject(r -> r.bucket(bucket).key("k00020"));
            }
        });

        assertEndsDeletedOrNeverEmitted(records, "k00000");
        assertEndsDeletedOrNeverEmitted(records, "k00020");
        assertThat(records.stream().filter(r -> r.operation() == Operation.DELETE).map(SourceFixtures::key))
                .containsOnlyOnce("k00000").isSubsetOf("k00000", "k00020");
    }

    @Test
    void objectsCreatedDuringTheSnapshotAreEmittedAsCreatesByCdc() throws Exception {
        String bucket = SourceFixtures.newBucket("created-during");
        bed.putMany(bucket, List.of("m1", "m2", "m3"), 3);

        List<Record> records = harnesses.of(bucket).run(Optional.empty(), Long.MAX_VALUE, record -> {
            if (key(record).equals("m1")) {
                bed.put(bucket, "a-before-the-cursor", "a", null);
                bed.put(bucket, "z-after-the-listing", "z", null);
            }
        });

        assertThat(describeAll(records)).containsExactly("snapshot m1", "snapshot m2", "snapshot m3",
                "create a-before-the-cursor", "create z-after-the-listing");
        assertThat(after(records.get(3))).isEqualTo("a");
        assertThat(records.get(3).position().printable()).startsWith("s3conn:v1:cdc:");
    }

    @Test
    void anEmptyBucketGivesNoRecordAndAnIdleCdcPoll() throws Exception {
        SourceHarness source = harnesses.of(SourceFixtures.newBucket("empty"));

        List<Record> records = source.run();

        assertThat(records).isEmpty();
        assertThat(source.lastRun().records()).isZero();
        assertThat(source.lastRun().polls()).isEqualTo(1);
    }

    @Test
    void anEmptyVersionedBucketGivesNoRecordAndAnIdleCdcPoll() throws Exception {
        SourceHarness source = harnesses.of(SourceFixtures.newVersionedBucket("empty-versioned"));

        assertThat(source.run()).isEmpty();
        assertThat(source.lastRun().polls()).isEqualTo(1);
    }

    @Test
    void aFiftyMebibyteObjectIsEmittedWithoutPayloadAndWithoutBeingDownloaded() throws Exception {
        String bucket = SourceFixtures.newBucket("large");
        byte[] large = new byte[50 * 1024 * 1024];
        Arrays.fill(large, (byte) 'x');
        bed.put(bucket, "large.bin", large, null);
        bed.put(bucket, "small.txt", "small", null);
        large = null;
        emulator.resetStats();

        List<Record> records = harnesses.of(bucket).run();

        assertThat(describeAll(records)).containsExactly("snapshot large.bin", "snapshot small.txt");
        Record record = records.getFirst();
        assertThat(record.payload().after()).isEmpty();
        assertThat(record.payload().before()).isEmpty();
        assertThat(record.metadata()).containsEntry(Metadata.S3_PAYLOAD_OMITTED, "too-large")
                .containsEntry(Metadata.S3_SIZE, Long.toString(50L * 1024 * 1024))
                .doesNotContainKey(Metadata.S3_RESTORE_STATUS);
        assertThat(after(records.get(1))).isEqualTo("small");
        assertThat(emulator.stats().requests(S3Operation.GET_OBJECT)).as("only small.txt is downloaded").isEqualTo(1);
        assertThat(emulator.stats().requests(S3Operation.HEAD_OBJECT)).as("large.bin is only headed").isEqualTo(1);
    }

    /**
     * Before, the refused GET stopped the stream, and a restart stopped at the same object again: no record after it
     * was ever emitted.
     */
    @Test
    void objectsWhoseKeyTheReaderLacksAreEmittedWithoutPayloadSayingWhyAndTheStreamGoesOn() throws Exception {
        String bucket = SourceFixtures.newBucket("sealed");
        bed.put(bucket, "a-kms.bin", "kms", null);
        bed.put(bucket, "b-sse-c.bin", "customer", null);
        bed.put(bucket, "c-plain.txt", "plain", null);
        emulator.seal(bucket, "a-kms.bin", ObjectSeal.KMS_KEY_DENIED);
        emulator.seal(bucket, "b-sse-c.bin", ObjectSeal.CUSTOMER_KEY);

        Map<String, Record> records = byKey(harnesses.of(bucket).run());

        assertThat(records).containsOnlyKeys("a-kms.bin", "b-sse-c.bin", "c-plain.txt");
        assertThat(records.get("a-kms.bin").payload().after()).isEmpty();
        assertThat(records.get("a-kms.bin").metadata()).containsEntry(Metadata.S3_PAYLOAD_OMITTED, "access-denied")
                .containsEntry(Metadata.S3_SIZE, "3");
        assertThat(records.get("b-sse-c.bin").payload().after()).isEmpty();
        assertThat(records.get("b-sse-c.bin").metadata()).containsEntry(Metadata.S3_PAYLOAD_OMITTED, "customer-key");
        assertThat(after(records.get("c-plain.txt"))).isEqualTo("plain");
    }

    /** A reader whose credentials lost every permission must not emit records without payloads: it stops. */
    @Test
    void aRefusedReadFailsWhenTheListingIsRefusedToo() {
        String bucket = SourceFixtures.newBucket("sealed-revoked");
        bed.put(bucket, "k", "kms", null);
        emulator.seal(bucket, "k", ObjectSeal.KMS_KEY_DENIED);
        ObjectContentReader reader = new ObjectContentReader(bed.client(), bucket, ContentMode.INLINE, 1024);
        ObjectVersion listed = new ObjectVersion("k", Optional.empty(), "etag", 3, "STANDARD", Instant.now(), false);
        emulator.setFaults(1.0, Set.of(FaultKind.ACCESS_DENIED));

        assertThatThrownBy(() -> reader.read(listed)).isInstanceOfSatisfying(S3Exception.class,
                refused -> assertThat(refused.statusCode()).isEqualTo(403));
    }

    /** Before, the refused HEAD was sent again for the record's content type and metadata, and refused again. */
    @Test
    void anObjectWhoseHeadIsRefusedIsHeadedOnlyOnce() {
        String bucket = SourceFixtures.newBucket("sealed-head");
        bed.put(bucket, "k", "denied", null);
        emulator.seal(bucket, "k", ObjectSeal.READ_DENIED);
        ObjectContentReader reader = new ObjectContentReader(bed.client(), bucket, ContentMode.NONE, 1024);
        ObjectVersion listed = new ObjectVersion("k", Optional.empty(), "etag", 6, "STANDARD", Instant.now(), false);
        emulator.resetStats();

        Optional<ObjectContent> content = reader.read(listed);

        assertThat(content).hasValueSatisfying(read -> assertThat(read.omitted()).contains("access-denied"));
        assertThat(emulator.stats().requests(S3Operation.HEAD_OBJECT)).isEqualTo(1);
    }

    /** Before, the object was headed again after its GET was refused, though the HEAD before it had answered. */
    @Test
    void aRestoredObjectWhoseGetIsRefusedKeepsTheMetadataOfItsOneHead() {
        String bucket = SourceFixtures.newBucket("sealed-restored");
        bed.client().putObject(r -> r.bucket(bucket).key("thawed").storageClass("GLACIER").contentType("text/plain")
                .metadata(Map.of("owner", "alice")), RequestBody.fromString("warm"));
        emulator.markRestored(bucket, "thawed", Instant.now().plus(7, ChronoUnit.DAYS));
        emulator.seal(bucket, "thawed", ObjectSeal.KMS_KEY_DENIED);
        ObjectContentReader reader = new ObjectContentReader(bed.client(), bucket, ContentMode.INLINE, 1024);
        ObjectVersion listed = new ObjectVersion("thawed", Optional.empty(), "etag", 4, "GLACIER", Instant.now(), false);
        emulator.resetStats();

        Optional<ObjectContent> content = reader.read(listed);

        assertThat(content).hasValueSatisfying(read -> {
            assertThat(read.omitted()).contains("access-denied");
            assertThat(read.contentType()).contains("text/plain");
            assertThat(read.userMetadata()).containsEntry("owner", "alice");
        });
        assertThat(emulator.stats().requests(S3Operation.GET_OBJECT)).isEqualTo(1);
        assertThat(emulator.stats().requests(S3Operation.HEAD_OBJECT)).isEqualTo(1);
    }

    @Test
    void archivedObjectsAreEmittedWithTheirRestoreStatusAndWithoutPayloadNeverAsAnError() throws Exception {
        String bucket = SourceFixtures.newBucket("archived");
        bed.put(bucket, "glacier", "g", "GLACIER");
        bed.put(bucket, "deep", "d", "DEEP_ARCHIVE");
        bed.put(bucket, "restoring", "r", "GLACIER");
        emulator.markRestoring(bucket, "restoring");
        bed.put(bucket, "it-archive", "i", "INTELLIGENT_TIERING");
        emulator.setArchiveStatus(bucket, "it-archive", "ARCHIVE_ACCESS");
        bed.put(bucket, "standard", "s", null);
        emulator.resetStats();

        Map<String, Record> records = byKey(harnesses.of(bucket).run());

        assertThat(records).containsOnlyKeys("glacier", "deep", "restoring", "it-archive", "standard");
        for (String key : List.of("glacier", "deep", "it-archive")) {
            assertThat(records.get(key).payload().after()).as(key).isEmpty();
            assertThat(records.get(key).metadata()).as(key).containsEntry(Metadata.S3_RESTORE_STATUS, "archived")
                    .containsEntry(Metadata.S3_PAYLOAD_OMITTED, "archived");
        }
        assertThat(records.get("glacier").metadata()).containsEntry(Metadata.S3_STORAGE_CLASS, "GLACIER");
        assertThat(records.get("deep").metadata()).containsEntry(Metadata.S3_STORAGE_CLASS, "DEEP_ARCHIVE");
        assertThat(records.get("restoring").payload().after()).isEmpty();
        assertThat(records.get("restoring").metadata()).containsEntry(Metadata.S3_RESTORE_STATUS, "restoring")
                .containsEntry(Metadata.S3_PAYLOAD_OMITTED, "archived");
        assertThat(after(records.get("standard"))).isEqualTo("s");
        assertThat(records.values()).allMatch(r -> r.operation() == Operation.SNAPSHOT);
        // standard, the Intelligent-Tiering object whose tier only the GET reveals, and one one-byte probe: the
        // emulator's loopback endpoint is not Amazon S3, so whether it enforces archive classes is asked once.
        assertThat(emulator.stats().requests(S3Operation.GET_OBJECT)).as("GLACIER and DEEP_ARCHIVE objects are never read")
                .isEqualTo(3);
    }

    /**
     * GLACIER and DEEP_ARCHIVE objects come without payload where the server archives them (the emulator, as
     * Amazon S3) and with it where the class is only a label the server serves at once (RGW).
     */
    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void archiveClassObjectsArePayloadlessWhereArchivedAndReadWhereTheClassIsALabel(S3Server server) throws Exception {
        String bucket = SourceFixtures.newBucket(server, "archive-classes");
        server.put(bucket, "deep", "d", "DEEP_ARCHIVE");
        server.put(bucket, "glacier", "g", "GLACIER");
        server.put(bucket, "standard", "s", null);

        Map<String, Record> records = byKey(harnesses.of(server, bucket).run());

        assertThat(records).containsOnlyKeys("glacier", "deep", "standard");
        assertThat(records.get("glacier").metadata()).containsEntry(Metadata.S3_STORAGE_CLASS, "GLACIER");
        assertThat(records.get("deep").metadata()).containsEntry(Metadata.S3_STORAGE_CLASS, "DEEP_ARCHIVE");
        assertThat(after(records.get("standard"))).isEqualTo("s");
        for (String key : List.of("glacier", "deep")) {
            if (server.restoresArchives()) {
                assertThat(records.get(key).payload().after()).as(key).isEmpty();
                assertThat(records.get(key).metadata()).as(key).containsEntry(Metadata.S3_RESTORE_STATUS, "archived")
                        .containsEntry(Metadata.S3_PAYLOAD_OMITTED, "archived");
            } else {
                assertThat(after(records.get(key))).as(key).isEqualTo(key.substring(0, 1));
                assertThat(records.get(key).metadata()).as(key).doesNotContainKeys(Metadata.S3_RESTORE_STATUS,
                        Metadata.S3_PAYLOAD_OMITTED);
            }
        }
    }

    @Test
    void aRestoredArchiveObjectIsEmittedWithItsPayloadAndExpiry() throws Exception {
        String bucket = SourceFixtures.newBucket("restored");
        Instant expiry = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        bed.put(bucket, "thawed", "warm again", "GLACIER");
        emulator.markRestored(bucket, "thawed", expiry);

        List<Record> records = harnesses.of(bucket).run();

        assertThat(records).hasSize(1);
        assertThat(after(records.getFirst())).isEqualTo("warm again");
        assertThat(records.getFirst().metadata()).containsEntry(Metadata.S3_RESTORE_STATUS, "restored")
                .containsEntry(Metadata.S3_RESTORE_EXPIRY, expiry.toString())
                .doesNotContainKey(Metadata.S3_PAYLOAD_OMITTED);
    }

    @Test
    void contentNoneGivesMetadataOnlyWithoutDownloadingAnything() throws Exception {
        String bucket = SourceFixtures.newBucket("content-none");
        bed.client().putObject(r -> r.bucket(bucket).key("a.txt").contentType("text/plain"), RequestBody.fromString("aaa"));
        bed.put(bucket, "cold", "c", "GLACIER");
        SourceHarness source = harnesses.of(bucket);
        source.with(SourceFixtures.config(bucket, "none", SourceMode.ALL, ContentMode.NONE));
        emulator.resetStats();

        Map<String, Record> records = byKey(source.run());

        assertThat(records).containsOnlyKeys("a.txt", "cold");
        assertThat(records.values()).allSatisfy(record -> {
            assertThat(record.payload().after()).isEmpty();
            assertThat(record.payload().before()).isEmpty();
            assertThat(record.metadata()).doesNotContainKey(Metadata.S3_PAYLOAD_OMITTED)
                    .containsKeys(Metadata.S3_SIZE, Metadata.S3_ETAG, Metadata.S3_LAST_MODIFIED);
        });
        assertThat(records.get("a.txt").metadata()).containsEntry(Metadata.S3_CONTENT_TYPE, "text/plain");
        assertThat(records.get("cold").metadata()).containsEntry(Metadata.S3_RESTORE_STATUS, "archived");
        assertThat(emulator.stats().requests(S3Operation.GET_OBJECT)).as("only the one-byte archive enforcement probe")
                .isEqualTo(1);
    }

    /** Before, one body cut off half-way stopped the snapshot: an UncheckedIOException the SDK never retried. */
    @Test
    void responsesCutOffHalfWayAreSentAgainAndEveryObjectIsEmittedWithItsBytes() throws Exception {
        SourceHarness source = harnesses.of(manyObjects());
        emulator.setFaults(0.1, Set.of(FaultKind.TRUNCATED), Duration.ZERO, 7L);

        List<Record> records = source.run();

        assertThat(emulator.stats().faults(FaultKind.TRUNCATED)).isPositive();
        assertThat(records).extracting(SourceFixtures::key).containsExactlyElementsOf(MANY_KEYS);
        assertThat(records).allSatisfy(record -> assertThat(after(record)).isEqualTo(key(record)));
    }

    @Test
    void aSnapshotOnlySourceStopsAfterTheSnapshotWithoutPolling() throws Exception {
        String bucket = SourceFixtures.newBucket("snapshot-only");
        bed.putMany(bucket, List.of("a", "b"), 2);
        SourceHarness source = harnesses.of(bucket);
        source.with(SourceFixtures.config(bucket, "snap", SourceMode.SNAPSHOT, ContentMode.INLINE));

        List<Record> records = source.run();

        assertThat(describeAll(records)).containsExactly("snapshot a", "snapshot b");
        assertThat(source.lastRun().polls()).isZero();
    }

    @Test
    void anObjectOverwrittenBetweenListingAndReadIsDescribedAsTheObjectWhoseBytesItCarries() throws Exception {
        String bucket = SourceFixtures.newBucket("overwritten-get");

        Record record = snapshotOfDocOverwrittenBeforeItsRead(bucket, ContentMode.INLINE);

        assertThat(after(record)).isEqualTo("overwritten, and longer");
        assertDescribesTheObjectNow(record, bucket, "doc");
    }

    @Test
    void anObjectOverwrittenBetweenListingAndItsHeadIsDescribedAsTheObjectTheHeadFound() throws Exception {
        String bucket = SourceFixtures.newBucket("overwritten-head");

        Record record = snapshotOfDocOverwrittenBeforeItsRead(bucket, ContentMode.NONE);

        assertDescribesTheObjectNow(record, bucket, "doc");
    }

    /** The snapshot record of {@code doc}, listed as "listed" and overwritten just before the source read it. */
    private Record snapshotOfDocOverwrittenBeforeItsRead(String bucket, ContentMode content) throws Exception {
        bed.put(bucket, "doc", "listed", null);
        try (S3Client s3 = SourceFixtures.overwritingBeforeItsRead(bucket, "doc", "overwritten, and longer")) {
            return harnesses.of(s3, SourceFixtures.config(bucket, "it", SourceMode.SNAPSHOT, content)).run().getFirst();
        }
    }

    /** Size, ETag and LastModified of the record are those of the object {@code key} holds now. */
    private void assertDescribesTheObjectNow(Record record, String bucket, String key) {
        HeadObjectResponse now = bed.client().headObject(r -> r.bucket(bucket).key(key));
        String eTag = now.eTag().replace("\"", "");
        assertThat(record.metadata()).containsEntry(Metadata.S3_SIZE, now.contentLength().toString())
                .containsEntry(Metadata.OPENCDC_FILE_SIZE, now.contentLength().toString())
                .containsEntry(Metadata.S3_ETAG, eTag).containsEntry(Metadata.OPENCDC_FILE_HASH, eTag)
                .containsEntry(Metadata.S3_LAST_MODIFIED, now.lastModified().toString());
    }

    private static void assertEndsDeletedOrNeverEmitted(List<Record> records, String key) {
        List<Record> ofKey = records.stream().filter(r -> key(r).equals(key)).toList();
        if (!ofKey.isEmpty()) {
            assertThat(ofKey.getLast().operation()).as("last record of %s, emitted before it was deleted", key)
                    .isEqualTo(Operation.DELETE);
        }
    }

    private static Map<String, Record> byKey(List<Record> records) {
        Map<String, Record> byKey = new HashMap<>();
        records.forEach(r -> assertThat(byKey.put(key(r), r)).as("emitted once: %s", key(r)).isNull());
        return byKey;
    }

    private static Instant nanos(String value) {
        long nanos = Long.parseLong(value);
        return Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
    }
}
