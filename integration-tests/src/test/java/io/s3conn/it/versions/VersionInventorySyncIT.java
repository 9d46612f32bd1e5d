package io.s3conn.it.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.s3conn.core.model.RestoreStatus;
import io.s3conn.glacier.ListingRestoreStatus;
import io.s3conn.inventory.InventorySyncOptions;
import io.s3conn.inventory.SyncSummary;
import io.s3conn.inventory.versions.VersionEntry;
import io.s3conn.inventory.versions.VersionRow;
import io.s3conn.it.Fixtures;
import io.s3conn.testbed.ArchiveEmulator;
import io.s3conn.testbed.OptionalAttributesMode;
import io.s3conn.testbed.S3Server;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * The version inventory through the library API into SQLite: listing, paging, resuming and awkward keys on
 * every S3 server ({@link Fixtures#servers()}), restore statuses on S3Proxy behind the archive emulator.
 */
class VersionInventorySyncIT {

    /** Keys that URL-decoding an unencoded marker echo (RGW) turns into other keys, or into an exception. */
    private final S3Client s3 = Fixtures.testBed().client();
    private final ArchiveEmulator emulator = Fixtures.testBed().emulator();
    private final VersionsRun versions = new VersionsRun();

    @AfterEach
    void restoreEmulatorDefaults() {
        emulator.setOptionalAttributesMode(OptionalAttributesMode.HONOR);
    }

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void everyVersionAndDeleteMarkerOfAVersionedBucketIsRecordedOverSeveralPages(S3Server server) {
        VersionsRun versions = new VersionsRun(server);
        String bucket = Fixtures.newVersionedBucket(server, "versions-pages");
        Map<String, String> ids = seedHistory(server.client(), bucket);

        SyncSummary summary = versions.sync(bucket);

        assertThat(summary.counters().pages()).isGreaterThan(2);
        assertThat(summary.counters().listed()).isEqualTo(ids.size());
        assertThat(summary.counters().inserted()).isEqualTo(ids.size());
        assertThat(versions.liveIds(bucket)).containsExactlyInAnyOrderElementsOf(
                ids.entrySet().stream().map(e -> e.getKey().split("#")[0] + "/" + e.getValue()).toList());
        Map<String, VersionRow> rows = versions.rows(bucket);
        assertThat(rows.get("a/" + ids.get("a#3")).version().latest()).isTrue();
        assertThat(rows.get("a/" + ids.get("a#1")).version().latest()).isFalse();
        assertThat(rows.get("a/" + ids.get("a#1")).version().size()).contains((long) "a-1".length());
        VersionRow marker = rows.get("b/" + ids.get("b#marker"));
        assertThat(marker.version().deleteMarker()).isTrue();
        assertThat(marker.version().latest()).isTrue();
        assertThat(marker.version().size()).isEmpty();
        assertThat(marker.version().storageClass()).isEmpty();
        assertThat(rows.get("b/" + ids.get("b#1")).version().latest()).isFalse();
    }

    @Test
    void theSummaryCountsLiveVersionsButNotDeleteMarkers() {
        String bucket = VersionsRun.newVersionedBucket("counts");
        Map<String, String> ids = seedHistory(s3, bucket);

        SyncSummary summary = versions.sync(bucket);

        long markers = ids.keySet().stream().filter(k -> k.endsWith("#marker")).count();
        assertThat(summary.contents().objects()).isEqualTo(ids.size() - markers);
        assertThat(summary.contents().byStorageClass()).containsEntry("STANDARD", ids.size() - markers);
        assertThat(summary.contents().byRestoreStatus()).containsEntry("", ids.size() - markers);
    }

    /**
     * The resumed sync asks for the versions after its marker ({@code key-marker} and {@code version-id-marker});
     * where a server includes the marker key itself (RGW, for a key marker alone), nothing is counted twice.
     */
    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void aSyncStoppedAfterTwoPagesResumesAndEndsWithTheSameTableAsAnUninterruptedOne(S3Server server) {
        VersionsRun versions = new VersionsRun(server);
        String bucket = Fixtures.newVersionedBucket(server, "versions-resume");
        seedHistory(server.client(), bucket);
        AtomicInteger pages = new AtomicInteger();

        assertThatThrownBy(() -> versions.sync(bucket, (scope, counters) -> {
            if (pages.incrementAndGet() == 2) {
                throw new IllegalStateException("stopped after page 2");
            }
        })).hasMessageContaining("stopped after page 2");
        SyncSummary resumed = versions.sync(bucket);

        VersionsRun uninterrupted = new VersionsRun(server);
        uninterrupted.sync(bucket);
        assertThat(resumed.resumes()).isEqualTo(1);
        assertThat(resumed.counters().listed()).isEqualTo(versions.rows(bucket).size());
        assertThat(resumed.counters().inserted()).isEqualTo(resumed.contents().objects() + markerCount(versions, bucket));
        assertThat(comparable(versions.rows(bucket))).isEqualTo(comparable(uninterrupted.rows(bucket)));
    }

    /**
     * Keys that URL-decoding an echoed marker turns into other keys or into an exception ({@code +}, {@code %}
     * not followed by hex digits), each the last entry of a page once (three entries a page, two versions a
     * key): every version is recorded once, with one latest version per key.
     */
    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void everyVersionOfKeysWithPlusPercentSpacesUnicodeAndNewlinesIsRecordedOnce(S3Server server) {
        VersionsRun versions = new VersionsRun(server);
        String bucket = Fixtures.newVersionedBucket(server, "versions-awkward");
        List<String> expected = seedTwoVersionsEach(server.client(), bucket);

        SyncSummary summary = versions.sync(bucket);

        assertThat(versions.liveIds(bucket)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(summary.counters().listed()).isEqualTo(expected.size());
        assertThat(versions.rows(bucket).values().stream().filter(r -> r.version().latest()).map(r -> r.version().key()))
                .containsExactlyInAnyOrderElementsOf(Fixtures.AWKWARD_KEYS);
    }

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void aResumedSyncOverAwkwardKeysCountsTheKeyItResumesAfterOnlyOnce(S3Server server) {
        VersionsRun versions = new VersionsRun(server);
        String bucket = Fixtures.newVersionedBucket(server, "versions-awkward-resume");
        List<String> expected = seedTwoVersionsEach(server.client(), bucket);
        AtomicInteger pages = new AtomicInteger();
        assertThatThrownBy(() -> versions.sync(bucket, (scope, counters) -> {
            if (pages.incrementAndGet() == 2) {
                throw new IllegalStateException("stopped after page 2");
            }
        })).hasMessageContaining("stopped after page 2");

        SyncSummary resumed = versions.sync(bucket);

        assertThat(versions.liveIds(bucket)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(resumed.resumes()).isEqualTo(1);
        assertThat(resumed.counters().inserted()).isEqualTo(expected.size());
        assertThat(resumed.counters().listed()).isEqualTo(expected.size());
    }

    @Test
    void aSecondSyncWithoutChangesWritesNothing() {
        String bucket = VersionsRun.newVersionedBucket("unchanged");
        seedHistory(s3, bucket);
        versions.sync(bucket);

        SyncSummary second = versions.sync(bucket);

        assertThat(second.counters().changed()).isZero();
        assertThat(second.counters().deleted()).isZero();
        assertThat(second.resumes()).isZero();
    }

    @Test
    void aNewerVersionFlipsIsLatestOfThePreviousOne() {
        String bucket = VersionsRun.newVersionedBucket("latest");
        String first = put(bucket, "k", "one");
        versions.sync(bucket);

        String second = put(bucket, "k", "two");
        SyncSummary summary = versions.sync(bucket);

        Map<String, VersionRow> rows = versions.rows(bucket);
        assertThat(rows.get("k/" + first).version().latest()).isFalse();
        assertThat(rows.get("k/" + second).version().latest()).isTrue();
        assertThat(summary.counters().inserted()).isEqualTo(1);
        assertThat(summary.counters().updated()).isEqualTo(1);
    }

    @Test
    void aDeleteMarkerMakesTheCurrentVersionNonLatestWithoutDeletingIt() {
        String bucket = VersionsRun.newVersionedBucket("marker");
        String version = put(bucket, "k", "one");
        versions.sync(bucket);

        String marker = s3.deleteObject(r -> r.bucket(bucket).key("k")).versionId();
        versions.sync(bucket);

        Map<String, VersionRow> rows = versions.rows(bucket);
        assertThat(rows.get("k/" + version).version().latest()).isFalse();
        assertThat(rows.get("k/" + version).deletedAt()).isEmpty();
        assertThat(rows.get("k/" + marker).version().deleteMarker()).isTrue();
        assertThat(rows.get("k/" + marker).version().latest()).isTrue();
    }

    @Test
    void aVersionDeletedByItsVersionIdGetsDeletedAt() {
        String bucket = VersionsRun.newVersionedBucket("deleted-version");
        String older = put(bucket, "k", "one");
        String newer = put(bucket, "k", "two");
        put(bucket, "other", "x");
        versions.sync(bucket);

        s3.deleteObject(r -> r.bucket(bucket).key("k").versionId(older));
        SyncSummary summary = versions.sync(bucket);

        Map<String, VersionRow> rows = versions.rows(bucket);
        assertThat(rows.get("k/" + older).deletedAt()).isPresent();
        assertThat(rows.get("k/" + newer).deletedAt()).isEmpty();
        assertThat(summary.counters().deleted()).isEqualTo(1);
    }

    @Test
    void aKeyWhoseEveryVersionWasDeletedHasAllItsRowsMarkedDeleted() {
        String bucket = VersionsRun.newVersionedBucket("deleted-key");
        put(bucket, "a", "x");
        String first = put(bucket, "k", "one");
        String second = put(bucket, "k", "two");
        put(bucket, "z", "x");
        versions.sync(bucket);

        s3.deleteObject(r -> r.bucket(bucket).key("k").versionId(first));
        s3.deleteObject(r -> r.bucket(bucket).key("k").versionId(second));
        SyncSummary summary = versions.sync(bucket);

        assertThat(summary.counters().deleted()).isEqualTo(2);
        assertThat(versions.liveIds(bucket)).extracting(id -> id.split("/")[0]).containsExactly("a", "z");
    }

    /**
     * The row of a version or delete marker that is gone is no key's latest: {@code is_latest} picks exactly the
     * bucket's latest entries, the entry before a deleted latest one among them.
     */
    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void deletingTheLatestVersionOrDeleteMarkerLeavesTheEntryBeforeItTheOnlyLatestRow(S3Server server) {
        VersionsRun versions = new VersionsRun(server);
        String bucket = Fixtures.newVersionedBucket(server, "versions-delete-latest");
        S3Client client = server.client();
        String a1 = put(client, bucket, "a", "one");
        String a2 = put(client, bucket, "a", "two");
        String b1 = put(client, bucket, "b", "one");
        String marker = client.deleteObject(r -> r.bucket(bucket).key("b")).versionId();
        String c1 = put(client, bucket, "c", "only");
        versions.sync(bucket);

        client.deleteObject(r -> r.bucket(bucket).key("a").versionId(a2));
        client.deleteObject(r -> r.bucket(bucket).key("b").versionId(marker));
        client.deleteObject(r -> r.bucket(bucket).key("c").versionId(c1));
        versions.sync(bucket);

        assertThat(versions.rows(bucket).entrySet().stream().filter(e -> e.getValue().version().latest())
                .map(Map.Entry::getKey)).containsExactly("a/" + a1, "b/" + b1);
    }

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void anUnversionedBucketHasOneNullVersionPerKey(S3Server server) {
        VersionsRun versions = new VersionsRun(server);
        String bucket = Fixtures.newBucket(server, "versions-unversioned");
        server.put(bucket, "a", "one", null);
        server.put(bucket, "a", "two", null);
        server.put(bucket, "b", "three", null);

        versions.sync(bucket);

        assertThat(versions.liveIds(bucket)).containsExactly("a/null", "b/null");
        assertThat(versions.rows(bucket).get("a/null").version().size()).contains(3L);
        assertThat(versions.rows(bucket).get("a/null").version().latest()).isTrue();
    }

    /**
     * Ceph RGW answers {@code version-id-marker=null} that names a null delete marker (a delete while versioning
     * was suspended) by going on at the next key: the older versions of the marker's key were skipped when a page
     * ended on it. Two entries a page, listed sequentially: the first page ends on the null delete marker.
     */
    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void aPageEndingOnANullDeleteMarkerHidesNoneOfTheOlderVersionsOfItsKey(S3Server server) {
        String bucket = Fixtures.newVersionedBucket(server, "versions-null-marker");
        String before = put(server.client(), bucket, "a", "before");
        List<String> expected = new ArrayList<>(List.of("a/" + before));
        expected.addAll(seedOlderVersionsUnderANullDeleteMarker(server, bucket));

        assertThat(liveIdsSyncedSequentially(server, bucket, 2)).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** One entry a page: the page that holds the null delete marker alone ends on it. */
    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void aPageOfANullDeleteMarkerAloneHidesNoneOfTheOlderVersionsOfItsKey(S3Server server) {
        String bucket = Fixtures.newVersionedBucket(server, "versions-null-marker-alone");
        List<String> expected = seedOlderVersionsUnderANullDeleteMarker(server, bucket);

        assertThat(liveIdsSyncedSequentially(server, bucket, 1)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aSuspendedBucketKeepsItsOlderVersionsBesideTheNewNullVersion() {
        String bucket = VersionsRun.newVersionedBucket("suspended");
        String versioned = put(bucket, "k", "one");
        VersionsRun.setVersioning(bucket, BucketVersioningStatus.SUSPENDED);
        put(bucket, "k", "second");

        versions.sync(bucket);

        Map<String, VersionRow> rows = versions.rows(bucket);
        assertThat(rows.keySet()).containsExactlyInAnyOrder("k/" + versioned, "k/" + VersionEntry.NULL_VERSION_ID);
        assertThat(rows.get("k/null").version().latest()).isTrue();
        assertThat(rows.get("k/" + versioned).version().latest()).isFalse();
    }

    @Test
    void anArchivedCurrentVersionIsRecordedAsArchived() {
        String bucket = VersionsRun.newVersionedBucket("archived");
        s3.putObject(r -> r.bucket(bucket).key("cold").storageClass(StorageClass.GLACIER), RequestBody.fromString("c"));

        SyncSummary summary = versions.sync(bucket);

        VersionRow row = versions.rows(bucket).values().iterator().next();
        assertThat(row.version().storageClass()).contains("GLACIER");
        assertThat(row.version().restore()).isEqualTo(RestoreStatus.ARCHIVED);
        assertThat(summary.contents().byRestoreStatus()).containsEntry("archived", 1L);
    }

    @Test
    void aRestoredVersionIsTakenFromTheListingOnceTheServerShowsRestoreStatus() {
        String bucket = VersionsRun.newVersionedBucket("restored");
        s3.putObject(r -> r.bucket(bucket).key("cold").storageClass(StorageClass.GLACIER), RequestBody.fromString("c"));
        Instant expiry = Instant.parse("2030-01-02T03:04:05Z");
        emulator.markRestored(bucket, "cold", expiry);

        SyncSummary summary = versions.sync(bucket);

        VersionRow row = versions.rows(bucket).values().iterator().next();
        assertThat(row.version().restore()).isEqualTo(new RestoreStatus.Restored(Optional.of(expiry)));
        assertThat(summary.restoreStatusSource()).isEqualTo("listing");
        assertThat(summary.counters().headRequests()).isZero();
        assertThat(versions.checkpoint(bucket).listingRestoreStatus()).isEqualTo(ListingRestoreStatus.PROVEN);
    }

    @Test
    void aServerThatRejectsTheRestoreStatusAttributeIsListedWithoutItAndRemembered() {
        String bucket = VersionsRun.newVersionedBucket("rejected");
        s3.putObject(r -> r.bucket(bucket).key("cold").storageClass(StorageClass.GLACIER), RequestBody.fromString("c"));
        emulator.setOptionalAttributesMode(OptionalAttributesMode.REJECT);

        SyncSummary summary = versions.sync(bucket);

        assertThat(versions.rows(bucket).values().iterator().next().version().restore()).isEqualTo(RestoreStatus.ARCHIVED);
        assertThat(summary.restoreStatusSource()).isEqualTo("head");
        assertThat(summary.counters().headRequests()).isEqualTo(1);
        assertThat(versions.checkpoint(bucket).listingRestoreStatus()).isEqualTo(ListingRestoreStatus.REJECTED);
    }

    /**
     * Keys a..e: a three versions, b a version under a delete marker, c two versions, d one, e a marker over
     * two versions; returns version ids by {@code key#n} (or {@code key#marker}).
     */
    private static Map<String, String> seedHistory(S3Client s3, String bucket) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (int i = 1; i <= 3; i++) {
            ids.put("a#" + i, put(s3, bucket, "a", "a-" + i));
        }
        ids.put("b#1", put(s3, bucket, "b", "b-1"));
        ids.put("b#marker", s3.deleteObject(r -> r.bucket(bucket).key("b")).versionId());
        ids.put("c#1", put(s3, bucket, "c", "c-1"));
        ids.put("c#2", put(s3, bucket, "c", "c-2"));
        ids.put("d#1", put(s3, bucket, "d", "d-1"));
        ids.put("e#1", put(s3, bucket, "e", "e-1"));
        ids.put("e#2", put(s3, bucket, "e", "e-2"));
        ids.put("e#marker", s3.deleteObject(r -> r.bucket(bucket).key("e")).versionId());
        return ids;
    }

    /** Two versions of each of {@link Fixtures#Fixtures.AWKWARD_KEYS}; returns {@code key/versionId} of all of them. */
    private static List<String> seedTwoVersionsEach(S3Client s3, String bucket) {
        List<String> ids = new ArrayList<>();
        for (String key : Fixtures.AWKWARD_KEYS) {
            for (int i = 1; i <= 2; i++) {
                ids.add(key + "/" + put(s3, bucket, key, key + i));
            }
        }
        return ids;
    }

    private String put(String bucket, String key, String content) {
        return put(s3, bucket, key, content);
    }

    /**
     * Two versions of {@code k%zz}, then, versioning suspended, a delete (a null delete marker, the key's latest
     * entry) and a null version of {@code l+}: the {@code key/versionId} of every entry from {@code k%zz} on.
     */
    private static List<String> seedOlderVersionsUnderANullDeleteMarker(S3Server server, String bucket) {
        S3Client s3 = server.client();
        String first = put(s3, bucket, "k%zz", "one");
        String second = put(s3, bucket, "k%zz", "two");
        VersionsRun.setVersioning(server, bucket, BucketVersioningStatus.SUSPENDED);
        s3.deleteObject(r -> r.bucket(bucket).key("k%zz"));
        put(s3, bucket, "l+", "null version");
        return List.of("k%zz/" + first, "k%zz/" + second, "k%zz/null", "l+/null");
    }

    /**
     * The live {@code key/versionId}s after one sync listing the bucket as one range, {@code pageSize} entries a
     * request.
     */
    private static List<String> liveIdsSyncedSequentially(S3Server server, String bucket, int pageSize) {
        VersionsRun versions = new VersionsRun(server)
                .options(InventorySyncOptions.defaults().withPageSize(pageSize).withListConcurrency(1));
        versions.sync(bucket);
        return versions.liveIds(bucket);
    }

    private static String put(S3Client s3, String bucket, String key, String content) {
        return s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(content)).versionId();
    }

    private static long markerCount(VersionsRun run, String bucket) {
        return run.rows(bucket).values().stream().filter(r -> r.version().deleteMarker()).count();
    }

    /** The rows without the sync times, which differ between two databases. */
    private static List<String> comparable(Map<String, VersionRow> rows) {
        List<String> result = new ArrayList<>();
        rows.forEach((id, row) -> result.add(id + " " + row.version() + " deleted=" + row.deletedAt().isPresent()));
        return result;
    }
}
