package io.s3conn.source.walk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** {@link PageRelease}: where a page ends when keys hold characters UTF-8 and UTF-16 order differently. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PageReleaseTest {

    private static final String EMOJI = "\uD83D\uDE00";

    private static PageRelease.Split<String> split(List<String> listed, String last, boolean continues, int maxHeld) {
        return PageRelease.split(listed, Function.identity(), last, continues, "", maxHeld);
    }

    @Test
    void a_response_ending_on_a_key_of_safe_characters_hands_over_everything_up_to_that_key() {
        PageRelease.Split<String> split = split(List.of("a", "b" + EMOJI, "c"), "c", false, 10);

        assertThat(split.released()).containsExactly("a", "b" + EMOJI, "c");
        assertThat(split.upTo()).contains("c");
        assertThat(split.held()).isEmpty();
    }

    @Test
    void a_response_ending_on_an_emoji_key_hands_over_only_what_lies_before_the_emoji() {
        PageRelease.Split<String> split = split(List.of("a", "x" + EMOJI), "x" + EMOJI, false, 10);

        assertThat(split.released()).containsExactly("a");
        assertThat(split.upTo()).contains("x");
        assertThat(split.held()).containsExactly("x" + EMOJI);
    }

    @Test
    void a_key_whose_versions_may_continue_is_held_and_the_page_ends_on_the_key_before() {
        PageRelease.Split<String> split = split(List.of("a", "b", "b"), "b", true, 10);

        assertThat(split.released()).containsExactly("a");
        assertThat(split.upTo()).contains("a");
        assertThat(split.held()).containsExactly("b", "b");
    }

    @Test
    void nothing_is_handed_over_while_every_key_lies_past_the_emoji() {
        PageRelease.Split<String> split = split(List.of("x" + EMOJI + "1"), "x" + EMOJI + "1", false, 10);

        assertThat(split.released()).isEmpty();
        assertThat(split.upTo()).isEmpty();
    }

    @Test
    void more_held_than_allowed_is_handed_over_up_to_the_last_key_as_on_a_utf8_server() {
        PageRelease.Split<String> split = split(List.of("x" + EMOJI + "1", "x" + EMOJI + "2"), "x" + EMOJI + "2", false, 1);

        assertThat(split.released()).containsExactly("x" + EMOJI + "1", "x" + EMOJI + "2");
        assertThat(split.upTo()).isEqualTo(Optional.of("x" + EMOJI + "2"));
    }
}
