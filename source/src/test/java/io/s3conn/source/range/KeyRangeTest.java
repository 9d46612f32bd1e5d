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

    @Test
    void keysCompareAsTheirUtf8BytesDo() {
        java.util.List<String> keys = java.util.List.of("", "a", "ab", "a\u0000", "\u007F", "\u0080", "\u07FF", "\u0800",
                "\uD7FF", "\uE000", "\uFFFD", "\uFFFF", "\uD800\uDC00", "\uD83D\uDE00", "\uD83D\uDE01", "\uDBFF\uDFFF",
                "k\uFFFD", "k\uD83D\uDE00", "k\uD83D\uDE00x", "K", "k/", "k%2B");
        for (String a : keys) {
            for (String b : keys) {
                int bytes = java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        b.getBytes(java.nio.charset.StandardCharsets.UTF_8));

                assertThat(Integer.signum(KeyRange.compareKeys(a, b))).as("%s vs %s", a, b).isEqualTo(Integer.signum(bytes));
            }
        }
    }

    @Test
    void aRangeCutAtKeysIsTiledByConsecutiveParts() {
        KeyRange range = new KeyRange(Optional.of("a"), Optional.of("z"));

        assertThat(range.cutAt(java.util.List.of("f", "m"))).containsExactly(
                new KeyRange(Optional.of("a"), Optional.of("f")), new KeyRange(Optional.of("f"), Optional.of("m")),
                new KeyRange(Optional.of("m"), Optional.of("z")));
    }
}
