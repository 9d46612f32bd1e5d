package io.s3conn.inventory.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.s3conn.core.model.RestoreStatus;
import io.s3conn.glacier.ArchiveEnforcementProbe;
import io.s3conn.glacier.HeadRestoreStatusLookup;
import io.s3conn.glacier.ListedRestore;
import io.s3conn.glacier.ListingRestoreStatus;
import io.s3conn.glacier.RestoreStatusRule;
import io.s3conn.glacier.RestoreStatusSource;
import io.s3conn.glacier.ServerTraits;
import io.s3conn.source.range.KeyRange;
import io.s3conn.source.walk.KeyHistory;
import io.s3conn.source.walk.ObjectVersion;
import io.s3conn.source.walk.WalkPage;

/** Restore statuses of listed versions where no HEAD is needed (the lookup has no client to send one). */
class VersionResolutionTest {

    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final Instant EXPIRY = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void onAmazonS3ArchivedVersionsTakeTheirStatusFromTheListing() {
        ObjectVersion restored = version("k", "v2", "GLACIER", Optional.of(new ListedRestore(false, Optional.of(EXPIRY))));
        ObjectVersion archived = version("k", "v1", "DEEP_ARCHIVE", Optional.empty());

        List<VersionEntry> entries = VersionInventorySync.resolve("b",
                page(true, new KeyHistory("k", List.of(restored, archived))), rule(true));

        assertThat(entries).extracting(VersionEntry::restore)
                .containsExactly(new RestoreStatus.Restored(Optional.of(EXPIRY)), RestoreStatus.ARCHIVED);
    }

    @Test
    void onlyTheFirstEntryOfEachKeyIsLatest() {
        ObjectVersion marker = new ObjectVersion("k", Optional.of("dm"), "", 0, "STANDARD", T0.plusSeconds(1), true);
        ObjectVersion older = version("k", "v1", "STANDARD", Optional.empty());

        List<VersionEntry> entries = VersionInventorySync.resolve("b",
                page(false, new KeyHistory("k", List.of(marker, older))), rule(false));

        assertThat(entries).extracting(VersionEntry::latest).containsExactly(true, false);
        assertThat(entries).extracting(VersionEntry::deleteMarker).containsExactly(true, false);
    }

    @Test
    void aListingThatShowsARestoreStatusElementIsProvenAndTrustedOnAnyServer() {
        RestoreStatusRule rule = rule(false);
        ObjectVersion restoring = version("k", "v1", "GLACIER", Optional.of(new ListedRestore(true, Optional.empty())));

        List<VersionEntry> entries = VersionInventorySync.resolve("b",
                page(true, new KeyHistory("k", List.of(restoring))), rule);

        assertThat(rule.traits().listing()).isEqualTo(ListingRestoreStatus.PROVEN);
        assertThat(entries.getFirst().restore()).isEqualTo(RestoreStatus.RESTORING);
    }

    private static RestoreStatusRule rule(boolean amazonS3) {
        return new RestoreStatusRule(RestoreStatusSource.AUTO, ServerTraits.of(amazonS3), true,
                new HeadRestoreStatusLookup(null, 1), new ArchiveEnforcementProbe(null));
    }

    private static WalkPage<KeyHistory> page(boolean restoreStatusRequested, KeyHistory... keys) {
        return new WalkPage<>(KeyRange.ALL, List.of(keys), true, restoreStatusRequested);
    }

    private static ObjectVersion version(String key, String id, String storageClass, Optional<ListedRestore> restore) {
        return new ObjectVersion(key, Optional.of(id), "etag", 1, storageClass, T0, false, restore);
    }
}
