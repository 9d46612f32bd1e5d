package io.s3conn.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void plainTextIsOnlyQuoted() {
        assertThat(JsonText.quoted("photos/2024 é+%41.jpg")).isEqualTo("\"photos/2024 é+%41.jpg\"");
    }

    @Test
    void quotesAndBackslashesAreEscaped() {
        assertThat(JsonText.quoted("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    }

    @Test
    void controlCharactersAreEscaped() {
        assertThat(JsonText.quoted("line\nbreak\ttab\u0001")).isEqualTo("\"line\\nbreak\\ttab\\u0001\"");
    }
}
