package io.s3conn.inventory.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.model.RestoreStatus;
import io.s3conn.inventory.InventoryScope;
import io.s3conn.source.range.KeyRange;
import io.s3conn.inventory.ScopeCounts;
import io.s3conn.source.walk.ObjectVersion;

/** The page-range bookkeeping of {@code s3_object_versions}, on SQLite, without S3. */
class VersionInventoryTableTest {

    private static final InventoryScope SCOPE = new InventoryScope("bucket", "");
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path dir;
    private Database database;
    private VersionInventoryTable table;

    @BeforeEach
    void open() {
        database = Database.open("jdbc:sqlite:" + dir.resolve("versions.db"));
        table = new VersionInventoryTable(database);
        // a: two versions; b: a version under a delete marker; c: one version; d: one version.
        apply(range(null, null), List.of(version("a", "a2", true, 1), version("a", "a1", false, 0),
                marker("b", "b-dm", true, 2), version("b", "b1", false, 1),
                version("c", "c1", true, 0), version("d", "d1", true, 0)), NOW);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void anUnchangedPageHasNothingToWrite() {
        VersionPageChanges changes = compare(range(null, "b"), List.of(version("a", "a2", true, 1),
                version("a", "a1", false, 0), marker("b", "b-dm", true, 2), version("b", "b1", false, 1)));

        assertThat(changes.inserted()).isEmpty();
        assertThat(changes.updated()).isEmpty();
        assertThat(changes.anyMissing()).isFalse();
    }

    @Test
    void aNewerVersionIsInsertedAndTheOldLatestVersionIsAnUpdate() {
        VersionEntry newest = version("c", "c2", true, 5);
        VersionEntry noLongerLatest = version("c", "c1", false, 0);

        VersionPageChanges changes = compare(range("b", "c"), List.of(newest, noLongerLatest));

        assertThat(changes.inserted()).containsExactly(newest);
        assertThat(changes.updated()).containsExactly(noLongerLatest);
    }

    @Test
    void aChangedRestoreStatusIsAnUpdate() {
        VersionEntry restoring = new VersionEntry("d", "d1", true, false, Optional.of(1L), Optional.of("etag-d1"),
                Optional.of("GLACIER"), T0, RestoreStatus.RESTORING);

        VersionPageChanges changes = compare(range("c", "d"), List.of(restoring));

        assertThat(changes.updated()).containsExactly(restoring);
    }

    @Test
    void aVersionMissingFromAListedKeyIsMarkedDeletedAndItsSiblingsAreNot() {
        int deleted = apply(range(null, "a"), List.of(version("a", "a2", true, 1)), LATER);

        assertThat(deleted).isEqualTo(1);
        assertThat(liveIds()).containsExactly("a/a2", "b/b-dm", "b/b1", "c/c1", "d/d1");
    }

    @Test
    void everyVersionOfAKeyThePageDoesNotListIsMarkedDeleted() {
        int deleted = apply(range("a", "c"), List.of(version("c", "c1", true, 0)), LATER);

        assertThat(deleted).isEqualTo(2);
        assertThat(liveIds()).containsExactly("a/a1", "a/a2", "c/c1", "d/d1");
    }

    @Test
    void aDeletedLatestVersionIsNoLongerLatestAndTheVersionBeforeItIs() {
        apply(range(null, "a"), List.of(version("a", "a1", true, 0)), LATER);

        assertThat(row("a", "a2").version().latest()).isFalse();
        assertThat(row("a", "a1").version().latest()).isTrue();
    }

    @Test
    void theLatestRowOfAKeyThePageDoesNotListIsNoLongerLatest() {
        apply(range("b", "c"), List.of(), LATER);

        assertThat(row("c", "c1").deletedAt()).isPresent();
        assertThat(row("c", "c1").version().latest()).isFalse();
    }

    @Test
    void rowsOutsideThePageRangeAreNeverTouched() {
        int deleted = apply(range("b", "c"), List.of(), LATER);

        assertThat(deleted).isEqualTo(1);
        assertThat(liveIds()).containsExactly("a/a1", "a/a2", "b/b-dm", "b/b1", "d/d1");
    }

    @Test
    void aFinalEmptyPageMarksEveryLiveRowAfterThePreviousKeyDeleted() {
        int deleted = apply(range("b", null), List.of(), LATER);

        assertThat(deleted).isEqualTo(2);
        assertThat(liveIds()).containsExactly("a/a1", "a/a2", "b/b-dm", "b/b1");
    }

    @Test
    void rowsAlreadyMarkedDeletedAreNotCountedAgain() {
        apply(range("b", null), List.of(), LATER);

        VersionPageChanges changes = compare(range("b", null), List.of());

        assertThat(changes.anyMissing()).isFalse();
    }

    @Test
    void aDeletedVersionListedAgainComesBackWithANewFirstSeenAt() {
        apply(range("c", null), List.of(), LATER);
        Instant again = LATER.plusSeconds(3600);

        apply(range("c", null), List.of(version("d", "d1", true, 0)), again);

        VersionRow d1 = row("d", "d1");
        assertThat(d1.deletedAt()).isEmpty();
        assertThat(d1.firstSeenAt()).isEqualTo(again);
    }

    @Test
    void anUpdateKeepsFirstSeenAtAndMovesSyncedAt() {
        apply(range("b", "c"), List.of(version("c", "c2", true, 5), version("c", "c1", false, 0)), LATER);

        VersionRow c1 = row("c", "c1");
        assertThat(c1.version().latest()).isFalse();
        assertThat(c1.firstSeenAt()).isEqualTo(NOW);
        assertThat(c1.syncedAt()).isEqualTo(LATER);
    }

    @Test
    void aDeleteMarkerIsStoredWithoutSizeETagOrStorageClassAndAsReadable() {
        VersionRow marker = row("b", "b-dm");

        assertThat(marker.version().deleteMarker()).isTrue();
        assertThat(marker.version().latest()).isTrue();
        assertThat(marker.version().size()).isEmpty();
        assertThat(marker.version().eTag()).isEmpty();
        assertThat(marker.version().storageClass()).isEmpty();
        assertThat(marker.version().restore()).isEqualTo(RestoreStatus.READABLE);
    }

    @Test
    void countsCoverLiveVersionsAndLeaveDeleteMarkersOut() {
        apply(range("c", null), List.of(), LATER);

        ScopeCounts counts = table.counts(SCOPE);

        assertThat(counts.objects()).isEqualTo(4);
        assertThat(counts.bytes()).isEqualTo(4);
        assertThat(counts.byStorageClass()).containsExactly(java.util.Map.entry("STANDARD", 4L));
        assertThat(counts.byRestoreStatus()).containsExactly(java.util.Map.entry("", 4L));
    }

    @Test
    void rowsAreReadInKeyOrderWithTheLatestEntryOfEachKeyFirst() {
        List<String> ids = new ArrayList<>();
        table.forEach(SCOPE, true, row -> ids.add(row.version().key() + "/" + row.version().versionId()));

        assertThat(ids).containsExactly("a/a2", "a/a1", "b/b-dm", "b/b1", "c/c1", "d/d1");
    }

    @Test
    void aVersionWithoutVersionIdIsStoredUnderTheNullVersionId() {
        VersionEntry entry = VersionEntry.of(new ObjectVersion("n", Optional.empty(), "e", 3, "STANDARD", T0, false),
                true, RestoreStatus.READABLE);

        apply(range("d", null), List.of(entry), LATER);

        assertThat(row("n", "null").version().size()).contains(3L);
    }

    @Test
    void scopesDoNotSeeEachOthersRows() {
        InventoryScope other = new InventoryScope("bucket", "other/");
        database.inTransaction(c -> {
            table.upsert(c, other, List.of(version("a", "x", true, 0)), NOW);
            return null;
        });

        apply(range(null, null), List.of(), LATER);

        List<String> otherIds = new ArrayList<>();
        table.forEach(other, false, row -> otherIds.add(row.version().versionId()));
        assertThat(otherIds).containsExactly("x");
        assertThat(liveIds()).isEmpty();
    }

    private VersionPageChanges compare(KeyRange range, List<VersionEntry> page) {
        return database.inTransaction(c -> table.compare(c, SCOPE, range, page));
    }

    /** What a sync does with one page, without its checkpoint; returns the rows marked deleted. */
    private int apply(KeyRange range, List<VersionEntry> page, Instant now) {
        return database.inTransaction(c -> {
            VersionPageChanges changes = table.compare(c, SCOPE, range, page);
            List<VersionEntry> writes = new ArrayList<>(changes.inserted());
            writes.addAll(changes.updated());
            table.upsert(c, SCOPE, writes, now);
            Set<String> keys = new LinkedHashSet<>();
            page.forEach(e -> keys.add(e.key()));
            return changes.anyMissing() ? table.markDeleted(c, SCOPE, range, keys, changes, now) : 0;
        });
    }

    private List<String> liveIds() {
        List<String> ids = new ArrayList<>();
        table.forEach(SCOPE, false, row -> ids.add(row.version().key() + "/" + row.version().versionId()));
        ids.sort(null);
        return ids;
    }

    private VersionRow row(String key, String versionId) {
        List<VersionRow> rows = new ArrayList<>();
        table.forEach(SCOPE, true, row -> {
            if (row.version().key().equals(key) && row.version().versionId().equals(versionId)) {
                rows.add(row);
            }
        });
        assertThat(rows).hasSize(1);
        return rows.getFirst();
    }

    private static KeyRange range(String after, String upTo) {
        return new KeyRange(Optional.ofNullable(after), Optional.ofNullable(upTo));
    }

    private static VersionEntry version(String key, String versionId, boolean latest, long secondsAfterT0) {
        return new VersionEntry(key, versionId, latest, false, Optional.of(1L), Optional.of("etag-" + versionId),
                Optional.of("STANDARD"), T0.plusSeconds(secondsAfterT0), RestoreStatus.READABLE);
    }

    private static VersionEntry marker(String key, String versionId, boolean latest, long secondsAfterT0) {
        return new VersionEntry(key, versionId, latest, true, Optional.empty(), Optional.empty(), Optional.empty(),
                T0.plusSeconds(secondsAfterT0), RestoreStatus.READABLE);
    }
}
