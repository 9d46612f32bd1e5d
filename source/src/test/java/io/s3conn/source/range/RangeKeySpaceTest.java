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
    void a_point_between_two_keys_sorts_strictly_between_them_and_is_valid_utf8() {
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
            });
            if (middle.isEmpty()) {
                // Only when high is low followed by U+0000 code points: nothing lies between.
                assertThat(high).startsWith(low);
                assertThat(high.substring(low.length())).matches("\u0000");
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
    void a_point_after_the_last_code_point_goes_one_code_point_deeper() {
        String low = new String(Character.toChars(Character.MAX_CODE_POINT));

        String middle = KeySpace.between(low, Optional.empty(), "").orElseThrow();

        assertThat(middle).startsWith(low);
    }

    @Test
    void points_never_fall_on_a_surrogate() {
        String middle = KeySpace.between("\uD7FE", Optional.of("\uE001"), "").orElseThrow();

        assertThat(middle).isIn("\uD7FF", "\uE000");
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
    void aBoundaryIsCutBeforeTheFirstCharacterThatUtf16AndUtf8OrderDifferentlyAgainstOtherKeys() {
        assertThat(KeySpace.orderSafe("logs/\uFFFDx")).contains("logs/");
        assertThat(KeySpace.orderSafe("logs/\uD83D\uDE00")).contains("logs/");
        assertThat(KeySpace.orderSafe("logs/ü-umlaut")).contains("logs/ü-umlaut");
        assertThat(KeySpace.orderSafe("\uE000")).isEmpty();
    }
}
