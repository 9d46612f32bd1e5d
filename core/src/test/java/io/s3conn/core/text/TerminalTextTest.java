package io.s3conn.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {

    @Test
    void textWithoutControlCharactersIsLeftAsItIs() {
        String text = "logs/2026 café 😀 %41+";

        assertThat(TerminalText.escaped(text)).isSameAs(text);
    }

    @Test
    void controlCharactersOfEveryKindAreEscaped() {
        assertThat(TerminalText.escaped("a\nb\rc\td\u007fe\u0085f\u009bg")).isEqualTo("a\\x0ab\\x0dc\\x09d\\x7fe\\x85f\\x9bg");
    }

    /** Before, U+202E was shown as it is: the rest of the line read backwards, so it could show other words than it held. */
    @Test
    void bidirectionalControlsAreEscaped() {
        assertThat(TerminalText.escaped("a\u202eb\u2066c\u200fd\u061ce")).isEqualTo("a\\u202eb\\u2066c\\u200fd\\u061ce");
    }

    @Test
    void lineAndParagraphSeparatorsAreEscaped() {
        assertThat(TerminalText.escaped("x\u2028y\u2029z")).isEqualTo("x\\u2028y\\u2029z");
    }
}
