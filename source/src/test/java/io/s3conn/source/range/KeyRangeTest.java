package io.s3conn.source.range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class KeyRangeTest {

    @Test
    void theLowerBoundIsExcludedAndTheUpperBoundIncluded() {
        KeyRange range = new KeyRange(Optional.of("b"), Optional.of("d"));

        assertThat(range.contains("b")).isFalse();
        assertThat(range.contains("c")).isTrue();
        assertThat(range.contains("d")).isTrue();
        assertThat(range.contains("e")).isFalse();
    }

    @Test
    void keysCompareByUtf8BytesNotByUtf16Units() {
        // U+FF5E (one UTF-16 unit) sorts before U+1F600 (a surrogate pair) in UTF-8, after it in UTF-16.
        assertThat("\uFF5E".compareTo("😀")).isPositive();
        assertThat(KeyRange.compareKeys("\uFF5E", "😀")).isNegative();
    }

    @Test
    void openBoundsContainEveryKey() {
        assertThat(KeyRange.ALL.contains("")).isTrue();
        assertThat(KeyRange.ALL.beyond("\uFFFF")).isFalse();
    }

    @Test
    void aResumedRangeStartsAfterTheResumeKeyAndKeepsItsUpperBound() {
        KeyRange range = new KeyRange(Optional.of("a"), Optional.of("m"));

        assertThat(range.resumedAfter(Optional.of("f"))).isEqualTo(new KeyRange(Optional.of("f"), Optional.of("m")));
        assertThat(range.resumedAfter(Optional.empty())).isEqualTo(range);
    }

    @Test
    void aRangeWhoseLowerBoundSortsAfterItsUpperBoundIsRefused() {
        assertThatThrownBy(() -> new KeyRange(Optional.of("z"), Optional.of("a")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSqlConditionHasOnePlaceholderPerPresentBound() {
        assertThat(new KeyRange(Optional.of("a"), Optional.empty()).sql("k")).isEqualTo(" AND k > ?");
        assertThat(KeyRange.ALL.sql()).isEmpty();
    }
}
