package io.s3conn.inventory.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.s3conn.core.model.RestoreStatus;
import io.s3conn.source.listing.ListedObject;
import io.s3conn.source.listing.RestoreStatusSource;
import io.s3conn.source.s3.HistoryPage;
import io.s3conn.source.s3.KeyHistory;
import io.s3conn.source.s3.ObjectVersion;

/** Restore statuses of listed versions where no HEAD is needed (the lookup has no client to send one). */
class VersionRestoreResolverTest {

    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final Instant EXPIRY = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void onAmazonS3ArchivedVersionsTakeTheirStatusFromTheListing() {
        ObjectVersion restored = version("k", "v2", "GLACIER", Optional.of(
                new ListedObject.ListedRestoreStatus(false, Optional.of(EXPIRY))));
        ObjectVersion archived = version("k", "v1", "DEEP_ARCHIVE", Optional.empty());

        List<VersionEntry> entries = resolver(true).resolve("b", page(new KeyHistory("k", List.of(restored, archived))), true);

        assertThat(entries).extracting(VersionEntry::restore)
                .containsExactly(new RestoreStatus.Restored(Optional.of(EXPIRY)), RestoreStatus.ARCHIVED);
    }

    @Test
    void onlyTheFirstEntryOfEachKeyIsLatest() {
        ObjectVersion marker = new ObjectVersion("k", Optional.of("dm"), "", 0, "STANDARD", T0.plusSeconds(1), true);
        ObjectVersion older = version("k", "v1", "STANDARD", Optional.empty());

        List<VersionEntry> entries = resolver(false).resolve("b", page(new KeyHistory("k", List.of(marker, older))), false);

        assertThat(entries).extracting(VersionEntry::latest).containsExactly(true, false);
        assertThat(entries).extracting(VersionEntry::deleteMarker).containsExactly(true, false);
    }

    @Test
    void aListingThatShowsARestoreStatusElementIsProvenAndTrustedOnAnyServer() {
        VersionRestoreResolver resolver = resolver(false);
        ObjectVersion restoring = version("k", "v1", "GLACIER", Optional.of(
                new ListedObject.ListedRestoreStatus(true, Optional.empty())));

        List<VersionEntry> entries = resolver.resolve("b", page(new KeyHistory("k", List.of(restoring))), true);

        assertThat(resolver.listingProven()).isTrue();
        assertThat(entries.getFirst().restore()).isEqualTo(RestoreStatus.RESTORING);
    }

    private static VersionRestoreResolver resolver(boolean amazonS3) {
        return new VersionRestoreResolver(RestoreStatusSource.AUTO, amazonS3, false, true, new io.s3conn.glacier.HeadRestoreStatusLookup(null, 1));
    }

    private static HistoryPage page(KeyHistory... keys) {
        return new HistoryPage(List.of(keys), true);
    }

    private static ObjectVersion version(String key, String id, String storageClass,
                                         Optional<ListedObject.ListedRestoreStatus> restore) {
        return new ObjectVersion(key, Optional.of(id), "etag", 1, storageClass, T0, false, restore);
    }
}
