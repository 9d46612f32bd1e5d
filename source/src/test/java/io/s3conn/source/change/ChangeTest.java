package io.s3conn.source.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.s3conn.core.record.Operation;
import io.s3conn.source.walk.KeyHistory;
import io.s3conn.source.walk.ObjectVersion;

class ChangeTest {

    private static final Instant WATERMARK = Instant.parse("2026-01-01T00:00:10Z");

    @Test
    void aKeyNeverEmittedIsACreate() {
        ObjectVersion object = object("k", "e1", WATERMARK.plusSeconds(5));

        List<Change> changes = Change.between(Optional.empty(), history(object), false, WATERMARK);

        assertThat(changes).containsExactly(new Change(Operation.CREATE, object, Optional.empty(), Optional.empty(), false));
    }

    @Test
    void withABaselineANewKeyOlderThanTheWatermarkIsRecordedSilently() {
        ObjectVersion old = object("k", "e1", WATERMARK.minusSeconds(1));

        List<Change> changes = Change.between(Optional.empty(), history(old), true, WATERMARK);

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.operation()).isEqualTo(Operation.CREATE);
            assertThat(c.silent()).isTrue();
            assertThat(c.needsContent()).isFalse();
        });
    }

    @Test
    void withABaselineANewKeyWrittenAtTheWatermarkIsEmitted() {
        ObjectVersion atWatermark = object("k", "e1", WATERMARK);

        List<Change> changes = Change.between(Optional.empty(), history(atWatermark), true, WATERMARK);

        assertThat(changes).singleElement().extracting(Change::silent).isEqualTo(false);
    }

    @Test
    void aKeyNeverEmittedAndNowBehindADeleteMarkerGivesNothing() {
        ObjectVersion marker = marker("k", "m1", WATERMARK.plusSeconds(2));

        assertThat(Change.between(Optional.empty(), history(marker, version("k", "v1", WATERMARK)), false, WATERMARK)).isEmpty();
    }

    @Test
    void theObjectThatWasEmittedGivesNothing() {
        ObjectVersion object = object("k", "e1", WATERMARK);

        assertThat(Change.between(Optional.of(object), history(object), false, WATERMARK)).isEmpty();
    }

    @Test
    void anotherETagOnAnUnversionedBucketIsAnUpdateCarryingWhatWasEmittedBefore() {
        ObjectVersion before = object("k", "e1", WATERMARK);
        ObjectVersion after = object("k", "e2", WATERMARK.plusSeconds(1));

        List<Change> changes = Change.between(Optional.of(before), history(after), false, WATERMARK);

        assertThat(changes).containsExactly(new Change(Operation.UPDATE, after, Optional.of(before), Optional.empty(), false));
    }

    @Test
    void aDeleteMarkerOverTheEmittedVersionIsADeleteCarryingTheMarker() {
        ObjectVersion v1 = version("k", "v1", WATERMARK);
        ObjectVersion marker = marker("k", "m1", WATERMARK.plusSeconds(1));

        List<Change> changes = Change.between(Optional.of(v1), history(marker, v1), false, WATERMARK);

        assertThat(changes).containsExactly(Change.deleted(v1, Optional.of(marker)));
        assertThat(changes.getFirst().removesKey()).isTrue();
        assertThat(changes.getFirst().needsContent()).isFalse();
    }

    @Test
    void everyEntryNewerThanTheEmittedVersionIsAChangeOfItsOwnOldestFirst() {
        ObjectVersion v1 = version("k", "v1", WATERMARK);
        ObjectVersion v2 = version("k", "v2", WATERMARK.plusSeconds(1));
        ObjectVersion marker = marker("k", "m1", WATERMARK.plusSeconds(1));
        ObjectVersion v3 = version("k", "v3", WATERMARK.plusSeconds(2));

        List<Change> changes = Change.between(Optional.of(v1), history(v3, marker, v2, v1), false, WATERMARK);

        assertThat(changes).containsExactly(
                new Change(Operation.UPDATE, v2, Optional.of(v1), Optional.empty(), false),
                Change.deleted(v2, Optional.of(marker)),
                new Change(Operation.CREATE, v3, Optional.empty(), Optional.empty(), false));
    }

    @Test
    void twoDeleteMarkersInARowGiveOneDelete() {
        ObjectVersion v1 = version("k", "v1", WATERMARK);
        ObjectVersion first = marker("k", "m1", WATERMARK.plusSeconds(1));
        ObjectVersion second = marker("k", "m2", WATERMARK.plusSeconds(2));

        List<Change> changes = Change.between(Optional.of(v1), history(second, first, v1), false, WATERMARK);

        assertThat(changes).containsExactly(Change.deleted(v1, Optional.of(first)));
    }

    @Test
    void whenTheEmittedVersionIsNoLongerListedOnlyTheLatestIsAnUpdate() {
        ObjectVersion gone = version("k", "v1", WATERMARK);
        ObjectVersion v2 = version("k", "v2", WATERMARK.plusSeconds(1));
        ObjectVersion v3 = version("k", "v3", WATERMARK.plusSeconds(2));

        List<Change> changes = Change.between(Optional.of(gone), history(v3, v2), false, WATERMARK);

        assertThat(changes).containsExactly(new Change(Operation.UPDATE, v3, Optional.of(gone), Optional.empty(), false));
    }

    @Test
    void aNullVersionReplacedWhileVersioningIsSuspendedIsAnUpdate() {
        ObjectVersion first = nullVersion("k", "e1", WATERMARK);
        ObjectVersion second = nullVersion("k", "e2", WATERMARK.plusSeconds(1));
        ObjectVersion older = version("k", "v1", WATERMARK.minusSeconds(1));

        List<Change> changes = Change.between(Optional.of(first), history(second, older), false, WATERMARK);

        assertThat(changes).containsExactly(new Change(Operation.UPDATE, second, Optional.of(first), Optional.empty(), false));
    }

    @Test
    void aNullDeleteMarkerReplacingTheEmittedNullVersionIsADelete() {
        ObjectVersion emitted = nullVersion("k", "e1", WATERMARK);
        ObjectVersion marker = marker("k", ObjectVersion.NULL_VERSION_ID, WATERMARK.plusSeconds(1));

        List<Change> changes = Change.between(Optional.of(emitted), history(marker), false, WATERMARK);

        assertThat(changes).containsExactly(Change.deleted(emitted, Optional.of(marker)));
    }

    @Test
    void theEmittedNullVersionListedAgainGivesNothing() {
        ObjectVersion emitted = nullVersion("k", "e1", WATERMARK);

        assertThat(Change.between(Optional.of(emitted), history(emitted), false, WATERMARK)).isEmpty();
    }

    @Test
    void aSnapshotChangeNeedsTheObjectsContent() {
        Change change = Change.snapshot(object("k", "e1", WATERMARK));

        assertThat(change.operation()).isEqualTo(Operation.SNAPSHOT);
        assertThat(change.needsContent()).isTrue();
        assertThat(change.before()).isEmpty();
    }

    private static KeyHistory history(ObjectVersion... newestFirst) {
        return new KeyHistory(newestFirst[0].key(), List.of(newestFirst));
    }

    private static ObjectVersion object(String key, String eTag, Instant lastModified) {
        return new ObjectVersion(key, Optional.empty(), eTag, 1, "STANDARD", lastModified, false);
    }

    private static ObjectVersion version(String key, String versionId, Instant lastModified) {
        return new ObjectVersion(key, Optional.of(versionId), "etag-" + versionId, 1, "STANDARD", lastModified, false);
    }

    private static ObjectVersion nullVersion(String key, String eTag, Instant lastModified) {
        return new ObjectVersion(key, Optional.of(ObjectVersion.NULL_VERSION_ID), eTag, 1, "STANDARD", lastModified, false);
    }

    private static ObjectVersion marker(String key, String versionId, Instant lastModified) {
        return new ObjectVersion(key, Optional.of(versionId), "", 0, "STANDARD", lastModified, true);
    }
}
