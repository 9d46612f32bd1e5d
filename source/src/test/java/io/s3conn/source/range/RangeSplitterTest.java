package io.s3conn.source.range;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RangeSplitterTest {

    private static final List<String> AWKWARD = List.of("a+b", "a%2Bb", "a b", "a\nb", "ä", "ä+", "\uD83D\uDE00",
            "\uFFFD", "z\r", "z%", "0", "00", "000");

    private static List<String> hexKeys(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + String.format(Locale.ROOT, "%08x", i * 2_654_435_761L & 0xFFFFFFFFL))
                .toList();
    }

    @Test
    void a_split_point_has_keys_on_both_sides() {
        SortedKeys keys = new SortedKeys(hexKeys("", 1_000));
        KeyRange range = KeyRange.ALL;

        String point = new RangeSplitter(keys, "").splitPoint(range).orElseThrow();

        assertThat(keys.countIn(new KeyRange(Optional.empty(), Optional.of(point)))).isPositive();
        assertThat(keys.countIn(new KeyRange(Optional.of(point), Optional.empty()))).isPositive();
    }

    @Test
    void a_split_point_of_the_unlisted_part_lies_after_the_last_key_listed() {
        SortedKeys keys = new SortedKeys(hexKeys("logs/", 1_000));
        String lastListed = keys.keys().get(900);
        KeyRange remaining = new KeyRange(Optional.of(lastListed), Optional.empty());

        String point = new RangeSplitter(keys, "logs/").splitPoint(remaining).orElseThrow();

        assertThat(keys.countIn(new KeyRange(Optional.of(lastListed), Optional.of(point)))).isPositive();
        assertThat(keys.countIn(new KeyRange(Optional.of(point), Optional.empty()))).isPositive();
    }

    @Test
    void split_points_between_awkward_keys_are_valid_and_leave_keys_on_both_sides() {
        SortedKeys keys = new SortedKeys(AWKWARD);
        // The last two keys, U+FFFD and an emoji, sort differently in UTF-8 and UTF-16: no boundary between them.
        for (int i = 0; i < keys.keys().size() - 2; i++) {
            KeyRange remaining = new KeyRange(i == 0 ? Optional.empty() : Optional.of(keys.keys().get(i - 1)),
                    Optional.empty());

            Optional<String> point = new RangeSplitter(keys, "").splitPoint(remaining);

            assertThat(point).as("after %s", remaining).isPresent();
            assertThat(keys.countIn(new KeyRange(remaining.after(), point))).isPositive();
            assertThat(keys.countIn(new KeyRange(point, Optional.empty()))).isPositive();
        }
    }

    @Test
    void a_range_holding_only_keys_that_utf8_and_utf16_order_differently_has_no_split_point() {
        SortedKeys keys = new SortedKeys(List.of("a", "\uFFFD", "\uD83D\uDE00"));

        assertThat(new RangeSplitter(keys, "").splitPoint(new KeyRange(Optional.of("a"), Optional.empty()))).isEmpty();
    }

    @Test
    void a_range_holding_one_key_has_no_split_point() {
        SortedKeys keys = new SortedKeys(List.of("a", "b", "c"));

        assertThat(new RangeSplitter(keys, "").splitPoint(new KeyRange(Optional.of("a"), Optional.of("b")))).isEmpty();
    }

    @Test
    void an_empty_range_has_no_split_point() {
        SortedKeys keys = new SortedKeys(List.of("a", "z"));

        assertThat(new RangeSplitter(keys, "").splitPoint(new KeyRange(Optional.of("b"), Optional.of("y")))).isEmpty();
    }

    @Test
    void a_split_point_costs_no_more_probes_than_its_budget() {
        SortedKeys keys = new SortedKeys(List.of("a", "a\u0000\u0000\u0000\u0000\u0000\u0000\u0001"));

        new RangeSplitter(keys, "", 5).splitPoint(KeyRange.ALL);

        assertThat(keys.probes()).isLessThanOrEqualTo(5);
    }

    @Test
    void a_multi_way_split_gives_consecutive_ranges_that_all_hold_keys() {
        SortedKeys keys = new SortedKeys(hexKeys("", 5_000));

        List<KeyRange> parts = new RangeSplitter(keys, "").split(KeyRange.ALL, 16);

        assertThat(parts.size()).isGreaterThan(4);
        assertConsecutive(parts, KeyRange.ALL);
        assertThat(parts).allMatch(p -> keys.countIn(p) > 0);
        assertThat(parts.stream().mapToLong(keys::countIn).sum()).isEqualTo(5_000);
    }

    @Test
    void a_multi_way_split_of_awkward_keys_covers_each_key_once() {
        SortedKeys keys = new SortedKeys(AWKWARD);

        List<KeyRange> parts = new RangeSplitter(keys, "").split(KeyRange.ALL, 8);

        assertConsecutive(parts, KeyRange.ALL);
        assertThat(parts).allMatch(p -> keys.countIn(p) > 0);
        assertThat(parts.stream().mapToLong(keys::countIn).sum()).isEqualTo(keys.keys().size());
    }

    @Test
    void a_multi_way_split_of_an_empty_range_is_the_range() {
        SortedKeys keys = new SortedKeys(List.of());
        KeyRange range = new KeyRange(Optional.of("a"), Optional.of("b"));

        assertThat(new RangeSplitter(keys, "").split(range, 8)).containsExactly(range);
    }

    static void assertConsecutive(List<KeyRange> parts, KeyRange whole) {
        assertThat(parts.getFirst().after()).isEqualTo(whole.after());
        assertThat(parts.getLast().upTo()).isEqualTo(whole.upTo());
        List<Optional<String>> seams = new ArrayList<>();
        for (int i = 1; i < parts.size(); i++) {
            assertThat(parts.get(i).after()).isEqualTo(parts.get(i - 1).upTo()).isPresent();
            seams.add(parts.get(i).after());
        }
        assertThat(seams.stream().map(Optional::get).toList()).isSortedAccordingTo(KeyRange.KEY_ORDER)
                .doesNotHaveDuplicates();
    }
}
