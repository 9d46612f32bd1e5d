package io.s3conn.inventory.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyGlobTest {

    /** Before, each half of the surrogate pair was quoted alone, and the glob matched no key at all. */
    @Test
    void aKeyAboveUffffWrittenLiterallyInTheGlobMatchesItself() {
        assertThat(KeyGlob.of("😀/x").matches("😀/x")).isTrue();
    }

    /** Before, {@code [[]} became the regular expression {@code [[]}, an unclosed nested class: exit 2 quoting regex internals. */
    @Test
    void anOpeningBracketInAClassMatchesALiteralBracket() {
        assertThat(KeyGlob.of("br[[]ack]et").matches("br[ack]et")).isTrue();
    }

    @Test
    void aClosingBracketFirstInAClassIsAMemberOfIt() {
        assertThat(KeyGlob.of("x[]]").matches("x]")).isTrue();
    }

    /** Before, {@code &&} in a class was Java's class intersection, so {@code [a&&b]} matched nothing. */
    @Test
    void ampersandsInAClassAreMembersNotAnIntersection() {
        assertThat(KeyGlob.of("[a&&b]").matches("&")).isTrue();
    }

    /** As {@code ?} and {@code *} do: before, {@code a[!x]b} also matched {@code a/b}, a key one folder deeper. */
    @Test
    void aNegatedClassDoesNotMatchTheSlashBetweenSegments() {
        assertThat(KeyGlob.of("a[!x]b").matches("a/b")).isFalse();
        assertThat(KeyGlob.of("a[!x]b").matches("a-b")).isTrue();
    }

    /** Before, the message was Java's "Illegal character range near index 3" followed by the regular expression. */
    @Test
    void aReversedRangeIsRefusedInAMessageThatQuotesTheGlob() {
        assertThatThrownBy(() -> KeyGlob.of("[z-a]*"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("range z-a is reversed in glob [z-a]*");
    }

    @Test
    void anEmptyClassIsRefusedAsUnclosed() {
        assertThatThrownBy(() -> KeyGlob.of("[]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unclosed [ in glob []");
    }
}
