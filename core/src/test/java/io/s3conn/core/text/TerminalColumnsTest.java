package io.s3conn.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalColumnsTest {

    @Test
    void asciiTakesOneColumnPerCharacter() {
        assertThat(TerminalColumns.width("logs/a+b%41.txt")).isEqualTo(15);
    }

    @Test
    void aCharacterAboveTheBasicPlaneTakesItsColumnsOnceNotPerUtf16Char() {
        assertThat(TerminalColumns.width("\uD835\uDC9C")).isEqualTo(1); // U+1D49C MATHEMATICAL SCRIPT CAPITAL A
    }

    @Test
    void aCombiningMarkTakesNoColumnOfItsOwn() {
        assertThat(TerminalColumns.width("cafe\u0301")).isEqualTo(TerminalColumns.width("café"));
    }

    @Test
    void aByteOrderMarkAndAZeroWidthJoinerTakeNoColumn() {
        assertThat(TerminalColumns.width("\uFEFFa\u200Db")).isEqualTo(2);
    }

    @Test
    void eastAsianWideCharactersTakeTwoColumns() {
        assertThat(TerminalColumns.width("日本語")).isEqualTo(6);
    }

    @Test
    void anEmojiTakesTwoColumns() {
        assertThat(TerminalColumns.width("😀")).isEqualTo(2);
    }

    @Test
    void paddingFillsUpToTheColumnsTheTextDoesNotTake() {
        assertThat(TerminalColumns.padded("日本", 6)).isEqualTo("日本  ");
    }

    @Test
    void textWiderThanTheColumnIsShownWhole() {
        assertThat(TerminalColumns.padded("abcdef", 3)).isEqualTo("abcdef");
    }
}
