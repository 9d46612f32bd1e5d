package io.s3conn.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.s3conn.source.content.ContentMode;
import io.s3conn.source.range.KeyRange;

class S3SourceConfigurationTest {

    @Test
    void anEmptyBucketIsRefusedBeforeAnythingIsRead() {
        assertThatThrownBy(() -> S3SourceConfiguration.of("", "logs/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bucket must not be blank");
    }

    /** Before, two more, of nine and ten positional parameters: a program makes one with of() and the with* methods. */
    @Test
    void theCanonicalConstructorIsTheOnlyPublicOne() {
        assertThat(Arrays.stream(S3SourceConfiguration.class.getConstructors()).map(Constructor::getParameterCount))
                .containsExactly(S3SourceConfiguration.class.getRecordComponents().length);
    }

    @Test
    void eachCopyChangesItsOwnValueOnly() {
        S3SourceConfiguration changed = S3SourceConfiguration.of("b", "p/").withPollingPeriod(Duration.ofMinutes(1))
                .withContent(ContentMode.NONE).withMaxPayloadBytes(5).withReadAhead(2);

        assertThat(changed).isEqualTo(new S3SourceConfiguration("b", "p/", SourceMode.ALL, Duration.ofMinutes(1),
                ContentMode.NONE, 5, 2, "b:p/", false, KeyRange.ALL, 1,
                Optional.empty()));
    }

    @Test
    void aCopyReadingNothingAheadIsRefused() {
        assertThatThrownBy(() -> S3SourceConfiguration.of("b", "").withReadAhead(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("read-ahead must be at least 1");
    }
}
