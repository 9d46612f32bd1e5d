package io.s3conn.source.range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class KeyRangesTest {

    private static KeyRange range(String after, String upTo) {
        return new KeyRange(Optional.ofNullable(after), Optional.ofNullable(upTo));
    }

    @Test
    void a_committed_first_page_moves_its_range_lower_bound_up() {
        KeyRanges left = new KeyRanges(List.of(KeyRange.ALL)).minus(range(null, "c"));

        assertThat(left.ranges()).containsExactly(range("c", null));
    }

    @Test
    void a_page_of_a_range_split_off_leaves_the_keys_below_and_above_it() {
        KeyRanges left = new KeyRanges(List.of(range("c", null))).minus(range("m", "p"));

        assertThat(left.ranges()).containsExactly(range("c", "m"), range("p", null));
    }

    @Test
    void the_last_page_of_a_range_removes_it() {
        KeyRanges left = new KeyRanges(List.of(range(null, "f"), range("f", null))).minus(range("b", "f"))
                .minus(range(null, "b"));

        assertThat(left.ranges()).containsExactly(range("f", null));
    }

    @Test
    void pages_of_every_range_leave_nothing() {
        KeyRanges left = new KeyRanges(List.of(range(null, "f"), range("f", null)))
                .minus(range("f", null)).minus(range(null, "f"));

        assertThat(left.isEmpty()).isTrue();
    }

    @Test
    void a_page_outside_a_range_leaves_it_whole() {
        KeyRanges left = new KeyRanges(List.of(range("m", "p"))).minus(range("a", "c"));

        assertThat(left.ranges()).containsExactly(range("m", "p"));
    }

    @Test
    void keys_compare_as_utf8_bytes() {
        KeyRanges left = new KeyRanges(List.of(range("\uFFFD", null))).minus(range("\uFFFD", "\uD83D\uDE00"));

        assertThat(left.ranges()).containsExactly(range("\uD83D\uDE00", null));
    }

    @Test
    void overlapping_ranges_are_refused() {
        assertThatThrownBy(() -> new KeyRanges(List.of(range(null, "m"), range("c", null))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
