package io.s3conn.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import software.amazon.awssdk.utils.DateUtils;

/** UTC times read without a formatter, exactly as the SDK and {@link Instant#parse} read them, or left to them. */
class UtcInstantsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-02T03:04:05.000Z", "2026-01-02T03:04:05Z", "2024-02-29T23:59:59.999999999Z",
            "1970-01-01T00:00:00.1Z", "0001-12-31T00:00:00.05Z", "9999-12-31T23:59:59.123456Z"})
    void theListingsUsualFormReadsAsTheSdkReadsIt(String text) {
        assertThat(UtcInstants.parse(text)).contains(DateUtils.parseIso8601Date(text)).contains(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-02T03:04:05+00:00", "2026-01-02T03:04:05.000+0000", "2026-02-30T00:00:00Z",
            "2026-01-02T24:00:00Z", "2026-01-02T23:59:60Z", "2026-01-02T03:04:05.Z", "2026-01-02T03:04:05.1234567890Z",
            "+12026-01-02T03:04:05Z", "2026-01-02 03:04:05Z", "2026-1-02T03:04:05Z", "Fri, 02 Jan 2026 03:04:05 GMT", ""})
    void anyOtherTextIsLeftToTheSdk(String text) {
        assertThat(UtcInstants.parse(text)).isEqualTo(Optional.empty());
    }
}
