package io.s3conn.source.range;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** {@link KeySpace}; named for the {@code Range*} test selection of the range package. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RangeKeySpaceTest {

    /** Code points that stress ordering and encoding: controls, '+', '%', '/', a newline, 2-, 3- and 4-byte UTF-8. */
    private static final int[] ALPHABET = {0x00, 0x01, '\n', ' ', '+', '%', '/', '0', '9', 'O', 'a', 'z', 0x7E, 0x7F,
            0xE9, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF};

    @Test
    void a_point_between_two_keys_sorts_strictly_between_them_and_is_order_safe_utf8() {
        Random random = new Random(42);
        for (int n = 0; n < 20_000; n++) {
            String a = randomKey(random);
            String b = randomKey(random);
            if (KeyRange.compareKeys(a, b) == 0) {
                continue;
            }
            String low = KeyRange.compareKeys(a, b) < 0 ? a : b;
            String high = low.equals(a) ? b : a;

            Optional<String> middle = KeySpace.between(low, Optional.of(high), "");

            middle.ifPresent(m -> {
                assertThat(KeyRange.compareKeys(low, m)).as("%s < %s", escape(low), escape(m)).isNegative();
                assertThat(KeyRange.compareKeys(m, high)).as("%s < %s", escape(m), escape(high)).isNegative();
                assertThat(new String(m.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(m);
                assertThat(m.codePoints()).as(escape(m)).allMatch(c -> c < Character.MIN_SURROGATE);
            });
            if (middle.isEmpty()) {
                // Only when high is low followed by U+0000, or when only points with high code points lie between.
                boolean nul = high.startsWith(low) && high.substring(low.length()).equals("\u0000");
                boolean high16 = (low + high).codePoints().anyMatch(c -> c >= Character.MIN_SURROGATE);
                assertThat(nul || high16).as("%s .. %s", escape(low), escape(high)).isTrue();
            }
        }
    }

    @Test
    void nothing_lies_between_a_key_and_the_same_key_followed_by_nul() {
        assertThat(KeySpace.between("a", Optional.of("a\u0000"), "")).isEmpty();
    }

    @Test
    void between_a_key_and_that_key_followed_by_two_nuls_lies_the_key_followed_by_one() {
        assertThat(KeySpace.between("a", Optional.of("a\u0000\u0000"), "")).contains("a\u0000");
    }

    @Test
    void the_middle_of_two_ascii_keys_is_their_common_prefix_and_a_character_between() {
        assertThat(KeySpace.between("p00/a", Optional.of("p00/z"), "")).contains("p00/m");
    }

    @Test
    void adjacent_characters_are_split_one_character_deeper() {
        String middle = KeySpace.between("ab", Optional.of("ac"), "").orElseThrow();

        assertThat(middle).startsWith("ab").hasSize(3);
    }

    @Test
    void an_open_upper_bound_stays_within_the_prefix() {
        String middle = KeySpace.between("data/2024", Optional.empty(), "data/").orElseThrow();

        assertThat(middle).startsWith("data/");
        assertThat(KeyRange.compareKeys(middle, "data/2024")).isPositive();
    }

    @Test
    void a_lower_bound_before_the_prefix_counts_as_the_prefix() {
        assertThat(KeySpace.between("", Optional.empty(), "logs/").orElseThrow()).startsWith("logs/");
    }

    @Test
    void no_point_is_longer_than_a_key_may_be() {
        String oneByteShort = "k/" + "x".repeat(1021);
        String longest = oneByteShort + "x";

        assertThat(KeySpace.between(oneByteShort, Optional.of(oneByteShort + "\u0002"), "")).hasValue(oneByteShort + "\u0000");
        assertThat(KeySpace.between(longest, Optional.of(longest + "\u0002"), "")).isEmpty();
    }

    @Test
    void no_point_lies_after_a_supplementary_character_because_none_would_be_order_safe() {
        assertThat(KeySpace.between("\uD83D\uDE00-emoji", Optional.empty(), "")).isEmpty();
    }

    @Test
    void a_point_between_characters_around_the_surrogates_stays_below_them() {
        String middle = KeySpace.between("\uD7FE", Optional.of("\uE001"), "").orElseThrow();

        assertThat(middle).isEqualTo("\uD7FF");
    }

    /**
     * What lost an emoji key's versions on S3Proxy: a walker splitting the rest of a range after
     * {@code ü-umlaut} cut at {@code "\uE01F"}, which S3Proxy (UTF-16 order) lists after the emoji and
     * Amazon S3 (UTF-8 order) before it.
     */
    @Test
    void cuts_after_a_latin_key_stay_below_the_code_points_whose_order_differs_between_utf8_and_utf16() {
        List<String> cuts = KeySpace.cuts("ü-umlaut", Optional.empty(), "", 8);

        assertThat(cuts).isNotEmpty().allSatisfy(cut ->
                assertThat(cut.codePoints()).as(escape(cut)).allMatch(c -> c < Character.MIN_SURROGATE));
    }

    @Test
    void cuts_are_increasing_and_strictly_inside_the_interval() {
        List<String> cuts = KeySpace.cuts("0000", Optional.empty(), "", 16);

        assertThat(cuts).hasSize(15).isSortedAccordingTo(KeyRange.KEY_ORDER).doesNotHaveDuplicates();
        assertThat(KeyRange.compareKeys(cuts.getFirst(), "0000")).isPositive();
    }

    @Test
    void cuts_of_an_interval_with_nothing_inside_are_none() {
        assertThat(KeySpace.cuts("a", Optional.of("a\u0000"), "", 8)).isEmpty();
    }

    private static String randomKey(Random random) {
        StringBuilder key = new StringBuilder();
        int length = random.nextInt(6);
        for (int i = 0; i < length; i++) {
            key.appendCodePoint(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return key.toString();
    }

    private static String escape(String s) {
        return s.codePoints().mapToObj(c -> c < 0x20 || c > 0x7E ? String.format("\\u{%x}", c) : Character.toString(c))
                .reduce("", String::concat);
    }

    @Test
    void a_boundary_is_cut_before_the_first_character_that_utf16_and_utf8_order_differently_against_other_keys() {
        assertThat(KeySpace.boundaries(List.of("logs/\uFFFDx"), Optional.empty(), Optional.empty())).containsExactly("logs/");
        assertThat(KeySpace.boundaries(List.of("logs/\uD83D\uDE00"), Optional.empty(), Optional.empty()))
                .containsExactly("logs/");
        assertThat(KeySpace.boundaries(List.of("logs/ü-umlaut"), Optional.empty(), Optional.empty()))
                .containsExactly("logs/ü-umlaut");
    }

    @Test
    void a_boundary_with_nothing_order_safe_before_its_first_such_character_is_dropped() {
        assertThat(KeySpace.boundaries(List.of("\uE000", "a"), Optional.empty(), Optional.empty())).containsExactly("a");
    }

    @Test
    void boundaries_are_kept_strictly_increasing_and_strictly_inside_the_range() {
        List<String> kept = KeySpace.boundaries(List.of("a", "b\uE000", "b", "c", "d"), Optional.of("a"), Optional.of("d"));

        assertThat(kept).containsExactly("b", "c");
    }
}
