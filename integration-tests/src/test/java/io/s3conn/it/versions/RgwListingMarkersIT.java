package io.s3conn.it.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.s3conn.inventory.SyncSummary;
import io.s3conn.inventory.versions.VersionRow;
import io.s3conn.it.Fixtures;
import io.s3conn.testbed.ArchiveEmulator;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The version inventory against listings whose markers behave as on Ceph RGW (issue 12): echoed
 * {@code KeyMarker}/{@code NextKeyMarker}/{@code Prefix} unencoded while {@code Key} is encoded, and
 * {@code key-marker} without {@code version-id-marker} including the marker key. Keys with the
 * characters that break decoding fall on page boundaries (three entries a page, two versions a key).
 */
class RgwListingMarkersIT {

    /** Keys that URL-decoding an unencoded echo turns into other keys, or into an exception. */
    static final List<String> AWKWARD_KEYS = List.of("a+b", "a b", "100%", "%41", "%%", "%zz", "ü-umlaut",
            "line\nbreak", "tab\tkey", "😀-emoji");

    private final S3Client s3 = Fixtures.testBed().client();
    private final ArchiveEmulator emulator = Fixtures.testBed().emulator();
    private final VersionsRun versions = new VersionsRun();

    @BeforeEach
    void listLikeRgw() {
        emulator.setListingMarkersLikeRgw(true);
    }

    @AfterEach
    void listLikeAmazon() {
        emulator.setListingMarkersLikeRgw(false);
    }

    @Test
    void everyVersionOfKeysWithPlusPercentSpacesUnicodeAndNewlinesIsRecordedOnce() {
        String bucket = VersionsRun.newVersionedBucket("rgw-markers");
        List<String> expected = seedTwoVersionsEach(bucket);

        SyncSummary summary = versions.sync(bucket);

        assertThat(versions.liveIds(bucket)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(summary.counters().listed()).isEqualTo(expected.size());
        Map<String, VersionRow> rows = versions.rows(bucket);
        assertThat(rows.values().stream().filter(r -> r.version().latest()).map(r -> r.version().key()))
                .containsExactlyInAnyOrderElementsOf(AWKWARD_KEYS);
    }

    @Test
    void aResumedSyncCountsTheKeyItResumesAfterOnlyOnce() {
        String bucket = VersionsRun.newVersionedBucket("rgw-resume");
        List<String> expected = seedTwoVersionsEach(bucket);
        AtomicInteger pages = new AtomicInteger();
        assertThatThrownBy(() -> versions.sync(bucket, (scope, counters) -> {
            if (pages.incrementAndGet() == 2) {
                throw new IllegalStateException("stopped after page 2");
            }
        })).hasMessageContaining("stopped after page 2");

        SyncSummary resumed = versions.sync(bucket);

        assertThat(resumed.resumes()).isEqualTo(1);
        assertThat(resumed.counters().listed()).isEqualTo(expected.size());
        assertThat(resumed.counters().inserted()).isEqualTo(expected.size());
        assertThat(versions.liveIds(bucket)).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** Two versions of each awkward key; returns {@code key/versionId} of all of them. */
    private List<String> seedTwoVersionsEach(String bucket) {
        List<String> ids = new ArrayList<>();
        for (String key : AWKWARD_KEYS) {
            for (int i = 1; i <= 2; i++) {
                String id = s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(key + i)).versionId();
                ids.add(key + "/" + id);
            }
        }
        return ids;
    }
}
