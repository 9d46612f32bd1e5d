package io.s3conn.testbed.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SyntheticLayoutTest {

    @Test
    void every_layout_makes_distinct_keys_in_utf8_order() {
        for (String name : SyntheticLayout.NAMES) {
            List<String> keys = SyntheticLayout.named(name, 12_345).keys();

            assertThat(keys).as(name).hasSize(12_345).doesNotHaveDuplicates()
                    .isSortedAccordingTo(SyntheticKeyOrder.UTF8);
        }
    }

    @Test
    void the_prefixes_layout_spreads_keys_evenly_over_fifty_folders() {
        var perFolder = SyntheticLayout.named("prefixes", 5_000).keys().stream()
                .collect(Collectors.groupingBy(k -> k.substring(0, 4), Collectors.counting()));

        assertThat(perFolder).hasSize(50).containsKeys("p00/", "p49/");
        assertThat(perFolder.values()).containsOnly(100L);
    }

    @Test
    void the_skewed_layout_puts_most_keys_in_one_folder_among_a_hundred_small_ones() {
        var perFolder = SyntheticLayout.named("skewed", 10_000).keys().stream()
                .collect(Collectors.groupingBy(k -> k.substring(0, k.indexOf('/') + 1), Collectors.counting()));

        assertThat(perFolder).hasSize(101).containsEntry("f050/", 8_000L);
        assertThat(perFolder.values().stream().filter(n -> n < 8_000)).allMatch(n -> n == 20L);
    }

    @Test
    void the_flat_layout_has_no_folders() {
        assertThat(SyntheticLayout.named("flat", 1_000).keys()).noneMatch(k -> k.contains("/"));
    }

    @Test
    void a_listed_layout_sorts_its_keys_by_utf8_bytes_not_utf16_units() {
        String supplementary = "\uD83D\uDE00"; // U+1F600 sorts after U+FFFD in UTF-8
        var layout = new SyntheticLayout.Listed(List.of(supplementary, "\uFFFD", "a", "a"));

        assertThat(layout.keys()).containsExactly("a", "\uFFFD", supplementary);
    }

    @Test
    void an_unknown_layout_name_is_refused() {
        assertThatThrownBy(() -> SyntheticLayout.named("spiral", 1)).hasMessageContaining("prefixes");
    }
}
