package io.s3conn.it.source;

import static io.s3conn.it.source.SourceFixtures.after;
import static io.s3conn.it.source.SourceFixtures.before;
import static io.s3conn.it.source.SourceFixtures.describeAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.s3conn.core.record.Metadata;
import io.s3conn.core.record.Record;
import io.s3conn.it.Fixtures;
import io.s3conn.source.RecordHandler;
import io.s3conn.source.SourceMode;
import io.s3conn.source.content.ContentMode;
import io.s3conn.source.position.CdcPosition;
import io.s3conn.testbed.S3Server;
import io.s3conn.testbed.TestBed;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The S3 source's CDC: changes made while the source runs (from its record handler, so they fall
 * between two polls deterministically) come out as creates, updates and deletes. The main cases, and keys
 * with {@code +} and {@code %} on a listing page boundary, on every S3 server
 * ({@link io.s3conn.it.Fixtures#servers()}).
 */
@Timeout(120)
class SourceCdcIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestBed bed = SourceFixtures.testBed();
    @RegisterExtension
    final SourceHarnesses harnesses = new SourceHarnesses();
    /** Version ids the tests wrote, by a name of their choosing. */
    private final Map<String, String> versions = new ConcurrentHashMap<>();

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void onAVersionedBucketCreatesUpdatesAndDeletesFollowTheSnapshotInKeyOrder(S3Server server) throws Exception {
        String bucket = SourceFixtures.newVersionedBucket(server, "cdc-versioned");
        put(server, bucket, "a", "a1", "a1");
        put(server, bucket, "b", "b1", "b1");

        List<Record> records = harnesses.of(server, bucket).run(Optional.empty(), Long.MAX_VALUE, script(Map.of(
                "snapshot b", () -> {
                    put(server, bucket, "c", "c1", "c1");
                    put(server, bucket, "a", "a2", "a2");
                    delete(server, bucket, "b", "b-marker");
                })));

        assertThat(describeAll(records)).containsExactly("snapshot a", "snapshot b", "update a", "delete b", "create c");
        assertThat(records.get(2).metadata()).containsEntry(Metadata.S3_VERSION_ID, versions.get("a2"));
        assertThat(after(records.get(2))).isEqualTo("a2");
        assertThat(records.get(4).metadata()).containsEntry(Metadata.S3_VERSION_ID, versions.get("c1"));
        assertThat(after(records.get(4))).isEqualTo("c1");
        assertThat(records.get(4).payload().before()).isEmpty();
        assertThat(records.subList(2, 5)).allMatch(r -> r.position().printable().startsWith("s3conn:v1:cdc:"));
    }

    /**
     * The versions listing's first page (1,000 entries) ends inside the versions of {@code z%%}, and the
     * keys after it hold {@code %} and {@code +}: the snapshot and the CDC polls page past them (the next
     * request's marker from the decoded key and version, never from the server's echo) and emit each
     * version once.
     */
    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void onAVersionedBucketKeysWithPlusAndPercentOnAListingPageBoundaryAreEmittedOnce(S3Server server) throws Exception {
        String bucket = SourceFixtures.newVersionedBucket(server, "cdc-page-boundary");
        List<String> fillers = Fixtures.keys("f/", 997);
        server.putMany(bucket, fillers, 16);
        List<String> awkward = List.of("z a b", "z%%", "z%41", "z%zz", "z+plus");
        for (String key : awkward) {
            put(server, bucket, key, key + " 1", key + "#1");
            put(server, bucket, key, key + " 2", key + "#2");
        }

        List<Record> records = harnesses.of(server, bucket).run(Optional.empty(), Long.MAX_VALUE, script(Map.of(
                "snapshot z+plus", () -> {
                    put(server, bucket, "z%%", "z%% 3", "z%%#3");
                    put(server, bucket, "z+plus", "z+plus 3", "z+plus#3");
                })));

        List<String> expected = new ArrayList<>(fillers.stream().map(k -> "snapshot " + k).toList());
        awkward.forEach(k -> expected.add("snapshot " + k));
        expected.addAll(List.of("update z%%", "update z+plus"));
        assertThat(describeAll(records)).containsExactlyElementsOf(expected);
        for (String key : awkward) {
            Record snapshot = records.get(fillers.size() + awkward.indexOf(key));
            assertThat(after(snapshot)).isEqualTo(key + " 2");
            assertThat(snapshot.metadata()).containsEntry(Metadata.S3_VERSION_ID, versions.get(key + "#2"));
        }
        assertThat(after(records.get(expected.size() - 2))).isEqualTo("z%% 3");
        assertThat(after(records.get(expected.size() - 1))).isEqualTo("z+plus 3");
    }

    @Test
    void onAVersionedBucketAnUpdateCarriesThePreviousVersionsMetadataAsJsonInPayloadBefore() throws Exception {
        String bucket = SourceFixtures.newVersionedBucket("cdc-before");
        put(bucket, "doc", "first", "v1");
        HeadObjectResponse first = bed.client().headObject(r -> r.bucket(bucket).key("doc"));

        List<Record> records = harnesses.of(bucket).run(Optional.empty(), Long.MAX_VALUE, script(Map.of(
                "snapshot doc", () -> put(bucket, "doc", "second!", "v2"))));

        assertThat(describeAll(records)).containsExactly("snapshot doc", "update doc");
        Record update = records.get(1);
        assertThat(after(update)).isEqualTo("second!");
        JsonNode previous = JSON.readTree(before(update));
        assertThat(previous.path("key").asText()).isEqualTo("doc");
        assertThat(previous.path(Metadata.S3_VERSION_ID).asText()).isEqualTo(versions.get("v1"));
        assertThat(previous.path(Metadata.S3_ETAG).asText()).isEqualTo(first.eTag().replace("\"", ""));
        assertThat(previous.path(Metadata.S3_SIZE).asText()).isEqualTo("5");
        assertThat(update.metadata()).containsEntry(Metadata.S3_VERSION_ID, versions.get("v2"))
                .containsEntry(Metadata.S3_SIZE, "7");
    }

    @Test
    void onAVersionedBucketADeleteComesFromTheDeleteMarker() throws Exception {
        String bucket = SourceFixtures.newVersionedBucket("cdc-delete-marker");
        put(bucket, "doomed", "soon gone", "v1");

        List<Record> records = harnesses.of(bucket).run(Optional.empty(), Long.MAX_VALUE, script(Map.of(
                "snapshot doomed", () -> delete(bucket, "doomed", "marker"))));

        assertThat(describeAll(records)).containsExactly("snapshot doomed", "delete doomed");
        Record delete = records.get(1);
        Instant markerTime = bed.client().listObjectVersions(r -> r.bucket(bucket)).deleteMarkers().getFirst().lastModified();
        assertThat(delete.metadata()).containsEntry(Metadata.S3_VERSION_ID, versions.get("marker"))
                .containsEntry(Metadata.S3_KEY, "doomed")
                .containsEntry(Metadata.OPENCDC_VERSION, "v1")
                .containsEntry(Metadata.OPENCDC_CREATED_AT, nanos(markerTime));
        assertThat(delete.payload().after()).isEmpty();
        assertThat(JSON.readTree(before(delete)).path(Metadata.S3_VERSION_ID).asText()).isEqualTo(versions.get("v1"));
    }

    @Test
    void onAVersionedBucketEveryVersionWrittenBetweenTwoPollsIsEmittedOldestFirst() throws Exception {
        String bucket = SourceFixtures.newVersionedBucket("cdc-every-version");
        put(bucket, "k", "one", "v1");

        List<Record> records = harnesses.of(bucket).run(Optional.empty(), Long.MAX_VALUE, script(Map.of(
                "snapshot k", () -> {
                    put(bucket, "k", "two", "v2");
                    waitForTheNextSecond();
                    put(bucket, "k", "three", "v3");
                })));

        assertThat(describeAll(records)).containsExactly("snapshot k", "update k", "update k");
        assertThat(after(records.get(1))).isEqualTo("two");
        assertThat(after(records.get(2))).isEqualTo("three");
        assertThat(JSON.readTree(before(records.get(2))).path(Metadata.S3_VERSION_ID).asText()).isEqualTo(versions.get("v2"));
    }

    @Test
    void onAVersionedBucketSeveralChangesWithinOneSecondAreAllEmittedInOrder() throws Exception {
        String bucket = SourceFixtures.newVersionedBucket("cdc-same-second");
        put(bucket, "k", "one", "v1");

        List<Record> records = harnesses.of(bucket).run(Optional.empty(), Long.MAX_VALUE, script(Map.of(
                "snapshot k", () -> {
                    waitForTheNextSecond();
                    put(bucket, "k", "two", "v2");
                    delete(bucket, "k", "marker");
                    put(bucket, "k", "three", "v3");
                })));

        assertThat(describeAll(records)).containsExactly("snapshot k", "update k", "delete k", "create k");
        assertThat(records.get(1).metadata()).containsEntry(Metadata.S3_VERSION_ID, versions.get("v2"));
        assertThat(records.get(2).metadata()).containsEntry(Metadata.S3_VERSION_ID, versions.get("marker"));
        assertThat(records.get(3).metadata()).containsEntry(Metadata.S3_VERSION_ID, versions.get("v3"));
    }

    @Test
    void onAVersionedBucketAKeyDeletedThenWrittenAgainIsADeleteThenACreate() throws Exception {
        String bucket = SourceFixtures.newVersionedBucket("cdc-recreate");
        put(bucket, "phoenix", "first life", "v1");

        List<Record> records = harnesses.of(bucket).run(Optional.empty(), Long.MAX_VALUE, script(Map.of(
                "snapshot phoenix", () -> delete(bucket, "phoenix", "marker"),
                "delete phoenix", () -> put(bucket, "phoenix", "second life", "v2"))));

        assertThat(describeAll(records)).containsExactly("snapshot phoenix", "delete phoenix", "create phoenix");
        assertThat(after(records.get(2))).isEqualTo("second life");
        assertThat(records.get(2).payload().before()).isEmpty();
    }

    /**
     * While versioning is suspended every write replaces the key's {@code null} version (a put, or the marker
     * of a delete): one version id for several contents, told apart by the contents.
     */
    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void withVersioningSuspendedOverwritingAndDeletingTheNullVersionAreAnUpdateAndADelete(S3Server server)
            throws Exception {
        String bucket = SourceFixtures.newVersionedBucket(server, "cdc-suspended");
        server.client().putBucketVersioning(r -> r.bucket(bucket)
                .versioningConfiguration(c -> c.status(BucketVersioningStatus.SUSPENDED)));
        server.put(bucket, "k", "first", null);

        List<Record> records = harnesses.of(server, bucket).run(Optional.empty(), Long.MAX_VALUE, script(Map.of(
                "snapshot k", () -> server.put(bucket, "k", "second", null),
                "update k", () -> server.client().deleteObject(r -> r.bucket(bucket).key("k")),
                "delete k", () -> server.put(bucket, "k", "third", null))));

        assertThat(describeAll(records)).containsExactly("snapshot k", "update k", "delete k", "create k");
        assertThat(after(records.get(1))).isEqualTo("second");
        assertThat(after(records.get(3))).isEqualTo("third");
        assertThat(records).allSatisfy(r -> assertThat(r.metadata()).containsEntry(Metadata.S3_VERSION_ID, "null"));
    }

    /**
     * The version is older than the poll that finds it again, and the state holds no key by then (its only key
     * was deleted): still a create, not taken for an object of a start without state.
     */
    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void onAVersionedBucketRemovingTheDeleteMarkerBringsTheKeyBackAsACreate(S3Server server) throws Exception {
        String bucket = SourceFixtures.newVersionedBucket(server, "cdc-undelete");
        put(server, bucket, "k", "kept", "v1");
        waitForTheNextSecond();

        List<Record> records = harnesses.of(server, bucket).run(Optional.empty(), Long.MAX_VALUE, script(Map.of(
                "snapshot k", () -> delete(server, bucket, "k", "marker"),
                "delete k", () -> deleteVersion(server, bucket, "k", "marker"))));

        assertThat(describeAll(records)).containsExactly("snapshot k", "delete k", "create k");
        assertThat(records.get(2).metadata()).containsEntry(Metadata.S3_VERSION_ID, versions.get("v1"));
        assertThat(after(records.get(2))).isEqualTo("kept");
    }

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void onAVersionedBucketDeletingTheLatestVersionIsAnUpdateToTheVersionBeforeIt(S3Server server) throws Exception {
        String bucket = SourceFixtures.newVersionedBucket(server, "cdc-delete-latest");
        put(server, bucket, "k", "one", "v1");
        put(server, bucket, "k", "two", "v2");

        List<Record> records = harnesses.of(server, bucket).run(Optional.empty(), Long.MAX_VALUE, script(Map.of(
                "snapshot k", () -> deleteVersion(server, bucket, "k", "v2"))));

        assertThat(describeAll(records)).containsExactly("snapshot k", "update k");
        assertThat(records.get(1).metadata()).containsEntry(Metadata.S3_VERSION_ID, versions.get("v1"));
        assertThat(after(records.get(1))).isEqualTo("one");
        assertThat(JSON.readTree(before(records.get(1))).path(Metadata.S3_VERSION_ID).asText()).isEqualTo(versions.get("v2"));
    }

    /**
     * Nothing is left under the key, not even a delete marker: a delete whose metadata names no version (there is
     * none), and whose {@code payload.before} is the version deleted.
     */
    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void onAVersionedBucketDeletingTheOnlyVersionOfAKeyForGoodIsADeleteWithoutVersionId(S3Server server) throws Exception {
        String bucket = SourceFixtures.newVersionedBucket(server, "cdc-delete-only");
        put(server, bucket, "k", "one", "v1");

        List<Record> records = harnesses.of(server, bucket).run(Optional.empty(), Long.MAX_VALUE, script(Map.of(
                "snapshot k", () -> deleteVersion(server, bucket, "k", "v1"))));

        assertThat(describeAll(records)).containsExactly("snapshot k", "delete k");
        assertThat(records.get(1).metadata()).doesNotContainKey(Metadata.S3_VERSION_ID);
        assertThat(JSON.readTree(before(records.get(1))).path(Metadata.S3_VERSION_ID).asText()).isEqualTo(versions.get("v1"));
    }

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void onAVersionedBucketDeletingAnOlderVersionOrDeleteMarkerEmitsNothing(S3Server server) throws Exception {
        String bucket = SourceFixtures.newVersionedBucket(server, "cdc-delete-older");
        put(server, bucket, "k", "one", "v1");
        delete(server, bucket, "k", "marker");
        put(server, bucket, "k", "two", "v2");

        List<Record> records = harnesses.of(server, bucket).run(Optional.empty(), Long.MAX_VALUE, script(Map.of(
                "snapshot k", () -> {
                    deleteVersion(server, bucket, "k", "v1");
                    deleteVersion(server, bucket, "k", "marker");
                })));

        assertThat(describeAll(records)).containsExactly("snapshot k");
    }

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void onAnUnversionedBucketEveryAwkwardKeyIsCreatedUpdatedAndDeletedOnceWithItsBytes(S3Server server) throws Exception {
        assertAwkwardKeysChangeOnce(server, SourceFixtures.newBucket(server, "cdc-awkward"));
    }

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void onAVersionedBucketEveryAwkwardKeyIsCreatedUpdatedAndDeletedOnceWithItsBytes(S3Server server) throws Exception {
        assertAwkwardKeysChangeOnce(server, SourceFixtures.newVersionedBucket(server, "cdc-awkward-versioned"));
    }

    /**
     * Of {@link Fixtures#AWKWARD_KEYS}, every third key is updated, the one after it deleted and the one after that
     * created once the snapshot is emitted: one record each, with the key's bytes and content.
     */
    private void assertAwkwardKeysChangeOnce(S3Server server, String bucket) throws Exception {
        List<String> keys = Fixtures.AWKWARD_KEYS;
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (i % 3 != 2) {
                server.put(bucket, keys.get(i), keys.get(i) + " 1", null);
            }
            expected.add(List.of("update ", "delete ", "create ").get(i % 3) + keys.get(i));
        }
        int snapshot = keys.size() - keys.size() / 3;
        int[] seen = {0};

        List<Record> records = harnesses.of(server, bucket).run(Optional.empty(), Long.MAX_VALUE, record -> {
            if (++seen[0] == snapshot) {
                for (int i = 0; i < keys.size(); i++) {
                    String key = keys.get(i);
                    if (i % 3 == 1) {
                        server.client().deleteObject(r -> r.bucket(bucket).key(key));
                    } else {
                        server.put(bucket, key, key + " 2", null);
                    }
                }
            }
        });

        assertThat(describeAll(records.subList(snapshot, records.size()))).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(records.subList(snapshot, records.size())).filteredOn(r -> r.payload().after().isPresent())
                .allSatisfy(r -> assertThat(after(r)).isEqualTo(SourceFixtures.key(r) + " 2"));
    }

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void onAnUnversionedBucketCreatesUpdatesAndDeletesFollowTheSnapshot(S3Server server) throws Exception {
        String bucket = SourceFixtures.newBucket(server, "cdc-unversioned");
        server.put(bucket, "a", "a1", null);
        server.put(bucket, "b", "b1", null);
        HeadObjectResponse a1 = server.client().headObject(r -> r.bucket(bucket).key("a"));

        List<Record> records = harnesses.of(server, bucket).run(Optional.empty(), Long.MAX_VALUE, script(Map.of(
                "snapshot b", () -> {
                    server.put(bucket, "c", "c1", null);
                    server.put(bucket, "a", "a-two", null);
                    server.client().deleteObject(r -> r.bucket(bucket).key("b"));
                })));

        // Keys gone from a listing page are reported after that page's other changes, not in key order.
        assertThat(describeAll(records.subList(0, 2))).containsExactly("snapshot a", "snapshot b");
        assertThat(describeAll(records.subList(2, records.size()))).containsExactlyInAnyOrder("update a", "delete b", "create c");
        assertThat(records).allSatisfy(r -> assertThat(r.metadata()).doesNotContainKey(Metadata.S3_VERSION_ID));
        Map<String, Record> changes = new HashMap<>();
        records.subList(2, records.size()).forEach(r -> changes.put(SourceFixtures.describe(r), r));
        Record update = changes.get("update a");
        assertThat(after(update)).isEqualTo("a-two");
        JsonNode previous = JSON.readTree(before(update));
        assertThat(previous.path(Metadata.S3_ETAG).asText()).isEqualTo(a1.eTag().replace("\"", ""));
        assertThat(previous.path(Metadata.S3_SIZE).asText()).isEqualTo("2");
        Record delete = changes.get("delete b");
        assertThat(delete.payload().after()).isEmpty();
        assertThat(JSON.readTree(before(delete)).path("key").asText()).isEqualTo("b");
        assertThat(after(changes.get("create c"))).isEqualTo("c1");
    }

    /**
     * The snapshot's record already carries the object the read found, described as it: the state keeps that object as
     * emitted. Before, it kept the listed one, and the next poll emitted the same bytes again as an update of it.
     */
    @Test
    void anObjectOverwrittenBetweenTheSnapshotsListingAndItsReadIsNotEmittedAgainByTheNextPoll() throws Exception {
        String bucket = SourceFixtures.newBucket("cdc-overwritten-while-read");
        bed.put(bucket, "doc", "listed", null);
        try (S3Client s3 = SourceFixtures.overwritingBeforeItsRead(bucket, "doc", "overwritten")) {
            SourceHarness harness = harnesses.of(s3, SourceFixtures.config(bucket, "it"));
            List<Record> records = harness.run();

            assertThat(describeAll(records)).containsExactly("snapshot doc");
            assertThat(after(records.get(0))).isEqualTo("overwritten");
            assertThat(harness.lastRun().polls()).as("CDC polls after the snapshot").isPositive();
        }
    }

    @Test
    void onAnUnversionedBucketSeveralChangesWithinOneSecondAreAllEmitted() throws Exception {
        String bucket = SourceFixtures.newBucket("cdc-same-second-unversioned");
        bed.put(bucket, "x", "x1", null);

        List<Record> records = harnesses.of(bucket).run(Optional.empty(), Long.MAX_VALUE, script(Map.of(
                "snapshot x", () -> {
                    waitForTheNextSecond();
                    bed.put(bucket, "x", "x-second", null);
                    bed.put(bucket, "y", "y1", null);
                    bed.put(bucket, "z", "z1", null);
                },
                "update x", () -> bed.put(bucket, "x", "x-third!", null))));

        assertThat(describeAll(records)).containsExactly("snapshot x", "update x", "create y", "create z", "update x");
        assertThat(after(records.get(1))).isEqualTo("x-second");
        assertThat(after(records.get(4))).isEqualTo("x-third!");
    }

    @Test
    void aCdcOnlySourceIgnoresWhatIsThereAndEmitsLaterChanges() throws Exception {
        String bucket = SourceFixtures.newBucket("cdc-only");
        bed.put(bucket, "old", "old", null);
        bed.put(bucket, "old-changed", "before", null);
        waitForTheNextSecond();
        SourceHarness source = harnesses.of(bucket);
        source.with(SourceFixtures.config(bucket, "cdc-only", SourceMode.CDC, ContentMode.INLINE));

        List<Record> first = source.run();
        bed.put(bucket, "new", "new", null);
        bed.put(bucket, "old-changed", "after", null);
        List<Record> second = source.run();

        assertThat(first).isEmpty();
        assertThat(describeAll(second)).containsExactly("create new", "update old-changed");
        assertThat(after(second.get(1))).isEqualTo("after");
    }

    /**
     * A CDC source started at a watermark (from now, or a position from elsewhere) and stopped inside its first poll,
     * after it committed a record of that poll: the next run finishes the poll as the baseline it is, and the objects
     * older than the watermark on the page the stopped run did not reach are recorded, not emitted. Before, the rows the
     * stopped run left made the resumed poll an ordinary one, and each of those objects came as a create.
     */
    @Test
    void aCdcSourceStoppedInsideItsFirstPollEmitsNoCreatesForTheOlderObjectsItHadNotReached() throws Exception {
        String bucket = SourceFixtures.newBucket("cdc-first-poll-stopped");
        bed.putMany(bucket, IntStream.range(0, 1500).mapToObj(i -> String.format("k%04d", i)).toList(), 8);
        waitForTheNextSecond();
        Instant watermark = Instant.now();
        waitForTheNextSecond();
        bed.put(bucket, "k0500", "changed after the watermark", null);
        SourceHarness source = harnesses.of(bucket);
        source.with(SourceFixtures.config(bucket, "first-poll-stopped", SourceMode.CDC, ContentMode.INLINE));

        List<Record> stopped = source.run(Optional.of(new CdcPosition(watermark, Optional.empty())), 1);
        List<Record> resumed = source.run();

        assertThat(describeAll(stopped)).containsExactly("create k0500");
        assertThat(describeAll(resumed)).as("the rest of the first poll (keys past the first page), then the next poll")
                .isEmpty();
    }

    @Test
    void contentNoneAppliesToCdcRecordsToo() throws Exception {
        String bucket = SourceFixtures.newBucket("cdc-content-none");
        bed.put(bucket, "a", "a1", null);
        SourceHarness source = harnesses.of(bucket);
        source.with(SourceFixtures.config(bucket, "none", SourceMode.ALL, ContentMode.NONE));

        List<Record> records = source.run(Optional.empty(), Long.MAX_VALUE, script(Map.of(
                "snapshot a", () -> bed.put(bucket, "a", "a2", null))));

        assertThat(describeAll(records)).containsExactly("snapshot a", "update a");
        assertThat(records.get(1).payload().after()).isEmpty();
        assertThat(records.get(1).payload().before()).as("the previous metadata").isPresent();
    }

    /** Runs each action once, after the record it is keyed by ("operation key") was handed over. */
    private static RecordHandler script(Map<String, Runnable> actions) {
        Map<String, Runnable> pending = new HashMap<>(actions);
        return record -> {
            Runnable action = pending.remove(SourceFixtures.describe(record));
            if (action != null) {
                action.run();
            }
        };
    }

    private void put(String bucket, String key, String content, String versionName) {
        put(bed, bucket, key, content, versionName);
    }

    private void put(S3Server server, String bucket, String key, String content, String versionName) {
        versions.put(versionName, server.client().putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(content))
                .versionId());
    }

    private void delete(String bucket, String key, String markerName) {
        delete(bed, bucket, key, markerName);
    }

    private void delete(S3Server server, String bucket, String key, String markerName) {
        versions.put(markerName, server.client().deleteObject(r -> r.bucket(bucket).key(key)).versionId());
    }

    /** Deletes for good the version or delete marker the tests named {@code versionName}. */
    private void deleteVersion(S3Server server, String bucket, String key, String versionName) {
        server.client().deleteObject(r -> r.bucket(bucket).key(key).versionId(versions.get(versionName)));
    }

    private static void waitForTheNextSecond() {
        SourceHarness.waitForTheNextSecond();
    }

    private static String nanos(Instant time) {
        return Long.toString(time.getEpochSecond() * 1_000_000_000L + time.getNano());
    }
}
