package io.s3conn.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RestoreStatusTest {

    @Test
    void everyStatusSurvivesItsStoredLabel() {
        Instant expiry = Instant.parse("2030-01-01T00:00:00Z");
        List<RestoreStatus> all = List.of(RestoreStatus.READABLE, RestoreStatus.ARCHIVED, RestoreStatus.RESTORING,
                new RestoreStatus.Restored(Optional.of(expiry)), new RestoreStatus.Failed("AccessDenied"));

        for (RestoreStatus status : all) {
            assertThat(RestoreStatus.fromLabel(status.label(), status.expiry())).isEqualTo(status);
        }
    }

    @Test
    void labelsAreTheOnesTheTableDocuments() {
        assertThat(RestoreStatus.READABLE.label()).isEmpty();
        assertThat(new RestoreStatus.Failed("InvalidObjectState").label()).isEqualTo("error:InvalidObjectState");
    }

    @Test
    void anUnknownLabelIsRejected() {
        assertThatThrownBy(() -> RestoreStatus.fromLabel("thawed", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eTagQuotesAreStripped() {
        assertThat(ObjectSummary.unquoteETag("\"abc-2\"")).isEqualTo("abc-2");
        assertThat(ObjectSummary.unquoteETag("abc")).isEqualTo("abc");
    }
}
