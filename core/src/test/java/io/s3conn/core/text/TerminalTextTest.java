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

    @Test
    void lineAndParagraphSeparatorsAreEscaped() {
        assertThat(TerminalText.escaped("x\u2028y\u2029z")).isEqualTo("x\\u2028y\\u2029z");
    }

    /** Before, a key holding U+202E showed the rest of its row reversed: "evil\u202Etxt.exe" read as "evilexe.txt". */
    @Test
    void bidirectionalEmbeddingsOverridesAndIsolatesAreEscaped() {
        assertThat(TerminalText.escaped("evil\u202Etxt.exe a\u202Ab\u2066c\u2069"))
                .isEqualTo("evil\\u202etxt.exe a\\u202ab\\u2066c\\u2069");
    }

    @Test
    void rightToLeftTextAndDirectionMarksAreLeftAsTheyAre() {
        String text = "שלום/مرحبا \u200f\u200e";

        assertThat(TerminalText.escaped(text)).isSameAs(text);
    }
}
