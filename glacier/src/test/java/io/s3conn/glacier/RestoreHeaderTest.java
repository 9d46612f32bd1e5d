package io.s3conn.glacier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class RestoreHeaderTest {

    @Test
    void anOngoingRestoreHasNoExpiry() {
        RestoreHeader header = RestoreHeader.parse("ongoing-request=\"true\"");

        assertThat(header.ongoing()).isTrue();
        assertThat(header.expiry()).isEmpty();
    }

    @Test
    void aCompletedRestoreCarriesItsRfc1123Expiry() {
        RestoreHeader header = RestoreHeader.parse("ongoing-request=\"false\", expiry-date=\"Fri, 21 Dec 2012 00:00:00 GMT\"");

        assertThat(header.ongoing()).isFalse();
        assertThat(header.expiry()).contains(Instant.parse("2012-12-21T00:00:00Z"));
    }

    @Test
    void extraWhitespaceAndCaseAreTolerated() {
        RestoreHeader header = RestoreHeader.parse("  Ongoing-Request = \"false\" ,  expiry-date = \"Sat, 1 Mar 2025 13:05:09 GMT\"");

        assertThat(header.expiry()).contains(Instant.parse("2025-03-01T13:05:09Z"));
    }

    @Test
    void aCompletedRestoreWithoutExpiryIsAccepted() {
        assertThat(RestoreHeader.parse("ongoing-request=\"false\"").expiry()).isEmpty();
    }

    @Test
    void aHeaderWithoutOngoingRequestIsMalformed() {
        assertThatThrownBy(() -> RestoreHeader.parse("expiry-date=\"Fri, 21 Dec 2012 00:00:00 GMT\""))
                .isInstanceOf(MalformedRestoreHeaderException.class)
                .hasMessageContaining("ongoing-request");
    }

    @Test
    void anExpiryThatIsNotAnRfc1123DateIsMalformed() {
        assertThatThrownBy(() -> RestoreHeader.parse("ongoing-request=\"false\", expiry-date=\"2012-12-21\""))
                .isInstanceOf(MalformedRestoreHeaderException.class)
                .hasMessageContaining("expiry-date");
    }

    @Test
    void anEmptyHeaderIsMalformed() {
        assertThatThrownBy(() -> RestoreHeader.parse(" ")).isInstanceOf(MalformedRestoreHeaderException.class);
    }
}
