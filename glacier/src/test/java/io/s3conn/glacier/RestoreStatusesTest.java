package io.s3conn.glacier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.s3conn.core.model.RestoreStatus;

class RestoreStatusesTest {

    private static final String RESTORED = "ongoing-request=\"false\", expiry-date=\"Fri, 21 Dec 2012 00:00:00 GMT\"";

    @Test
    void aGlacierObjectWithoutRestoreHeaderIsArchived() {
        assertThat(RestoreStatuses.fromHead("GLACIER", Optional.empty(), Optional.empty())).isEqualTo(RestoreStatus.ARCHIVED);
    }

    @Test
    void aDeepArchiveObjectWithAnOngoingRestoreIsRestoring() {
        assertThat(RestoreStatuses.fromHead("DEEP_ARCHIVE", Optional.empty(), Optional.of("ongoing-request=\"true\"")))
                .isEqualTo(RestoreStatus.RESTORING);
    }

    @Test
    void aRestoredGlacierObjectCarriesItsExpiry() {
        RestoreStatus status = RestoreStatuses.fromHead("GLACIER", Optional.empty(), Optional.of(RESTORED));

        assertThat(status.label()).isEqualTo("restored");
        assertThat(status.expiry()).contains(Instant.parse("2012-12-21T00:00:00Z"));
    }

    @Test
    void glacierInstantRetrievalIsReadable() {
        assertThat(RestoreStatuses.fromHead("GLACIER_IR", Optional.empty(), Optional.empty()).label()).isEmpty();
    }

    @Test
    void intelligentTieringInDeepArchiveAccessIsArchived() {
        assertThat(RestoreStatuses.fromHead("INTELLIGENT_TIERING", Optional.of("DEEP_ARCHIVE_ACCESS"), Optional.empty()))
                .isEqualTo(RestoreStatus.ARCHIVED);
    }

    @Test
    void intelligentTieringInAFrequentTierIsReadable() {
        assertThat(RestoreStatuses.fromHead("INTELLIGENT_TIERING", Optional.empty(), Optional.empty()))
                .isEqualTo(RestoreStatus.READABLE);
    }

    @Test
    void aListingEntryWithoutRestoreStatusOfAnArchiveClassIsArchived() {
        assertThat(RestoreStatuses.fromListing("GLACIER", false, false, Optional.empty())).contains(RestoreStatus.ARCHIVED);
    }

    @Test
    void aListingEntryInProgressIsRestoring() {
        assertThat(RestoreStatuses.fromListing("DEEP_ARCHIVE", true, true, Optional.empty())).contains(RestoreStatus.RESTORING);
    }

    @Test
    void aListingEntryWithExpiryIsRestored() {
        Instant expiry = Instant.parse("2030-01-01T00:00:00Z");

        assertThat(RestoreStatuses.fromListing("GLACIER", true, false, Optional.of(expiry)))
                .contains(new RestoreStatus.Restored(Optional.of(expiry)));
    }

    @Test
    void aListingCannotTellTheTierOfIntelligentTieringWithoutRestoreHistory() {
        assertThat(RestoreStatuses.fromListing("INTELLIGENT_TIERING", false, false, Optional.empty())).isEmpty();
    }

    @Test
    void aStandardListingEntryIsReadable() {
        assertThat(RestoreStatuses.fromListing("STANDARD", false, false, Optional.empty())).contains(RestoreStatus.READABLE);
    }
}
