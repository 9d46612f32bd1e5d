package io.s3conn.source.range;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class KeyDensityTest {

    /** {@code count} hash-like names in {@code folder}, evenly spread, as a synthetic layout makes them. */
    private static List<String> folder(String folder, int count) {
        List<String> keys = new ArrayList<>(count);
        long spacing = (1L << 48) / count;
        for (int i = 0; i < count; i++) {
            keys.add(folder + String.format(Locale.ROOT, "%012x", i * spacing));
        }
        return keys;
    }

    private static long keysIn(List<String> keys, String after, Optional<String> upTo) {
        KeyRange range = new KeyRange(Optional.of(after), upTo);
        return keys.stream().filter(range::contains).count();
    }

    @Test
    void cuts_after_a_page_of_a_huge_folder_share_its_remaining_keys_evenly() {
        List<String> keys = folder("f050/", 80_000);
        List<String> page = keys.subList(0, 1000);
        KeyDensity density = KeyDensity.of(page, page.size(), "").orElseThrow();

        List<String> cuts = density.cuts(page.getLast(), Optional.of("f051/"), 1000, 4);

        assertThat(cuts).hasSize(5); // the walker's next page, four parts, and what follows the folder
        List<Long> parts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            parts.add(keysIn(keys, cuts.get(i), Optional.of(cuts.get(i + 1))));
        }
        assertThat(parts).allMatch(n -> Math.abs(n - 19_500) < 500);
        assertThat(keysIn(keys, page.getLast(), Optional.of(cuts.getFirst()))).isBetween(900L, 1100L);
        assertThat(keysIn(keys, cuts.getLast(), Optional.of("f051/"))).isZero();
    }

    @Test
    void cuts_lie_strictly_inside_the_range_and_increase() {
        List<String> page = folder("p/", 1000).subList(0, 100);
        KeyDensity density = KeyDensity.of(page, page.size(), "").orElseThrow();
        String upTo = "p/800000000000";

        List<String> cuts = density.cuts(page.getLast(), Optional.of(upTo), 10, 8);

        assertThat(cuts).isNotEmpty().isSortedAccordingTo(KeyRange.KEY_ORDER).doesNotHaveDuplicates();
        assertThat(cuts).allMatch(c -> KeyRange.compareKeys(c, page.getLast()) > 0 && KeyRange.compareKeys(c, upTo) < 0);
    }

    @Test
    void a_folder_that_is_the_whole_scope_gets_no_cut_at_its_end() {
        List<String> page = folder("", 100_000).subList(0, 1000);
        KeyDensity density = KeyDensity.of(page, page.size(), "").orElseThrow();

        List<String> cuts = density.cuts(page.getLast(), Optional.empty(), 0, 4);

        assertThat(cuts).hasSize(3); // four parts from the cursor on, none after the last key of the alphabet
        assertThat(cuts.getLast()).startsWith("c"); // three quarters of the way from the cursor
    }

    @Test
    void the_keys_left_in_a_range_are_estimated_from_the_page() {
        List<String> keys = folder("f050/", 80_000);
        List<String> page = keys.subList(0, 1000);
        KeyDensity density = KeyDensity.of(page, page.size(), "").orElseThrow();

        long estimate = density.keysIn(page.getLast(), Optional.of(keys.get(41_000))).orElseThrow();

        assertThat(estimate).isBetween(39_500L, 40_500L);
    }

    @Test
    void a_range_reaching_past_the_folder_has_no_estimate() {
        List<String> page = folder("f050/", 80_000).subList(0, 1000);
        KeyDensity density = KeyDensity.of(page, page.size(), "").orElseThrow();

        assertThat(density.keysIn(page.getLast(), Optional.of("f060/"))).isEmpty();
    }

    @Test
    void one_key_or_one_symbol_gives_no_density() {
        assertThat(KeyDensity.of(List.of("a/1"), 1, "")).isEmpty();
        assertThat(KeyDensity.of(List.of("a/1", "a/11", "a/111"), 3, "")).isEmpty();
    }

    @Test
    void awkward_keys_give_cuts_of_whole_code_points() {
        List<String> page = List.of("d/a+b", "d/a%2B", "d/ä\n", "d/\uD83D\uDE00x", "d/\uFFFDz");
        List<String> sorted = page.stream().sorted(KeyRange.KEY_ORDER).toList();
        KeyDensity density = KeyDensity.of(sorted, sorted.size(), "").orElseThrow();

        List<String> cuts = density.cuts(sorted.getFirst(), Optional.empty(), 0, 6);

        assertThat(cuts).isSortedAccordingTo(KeyRange.KEY_ORDER);
        assertThat(cuts).allMatch(c -> c.codePoints().noneMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE));
    }
}
