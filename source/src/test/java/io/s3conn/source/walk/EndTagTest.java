package io.s3conn.source.walk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The search for an element's end tag. */
class EndTagTest {

    private static final byte[] DOCUMENT = "<Version><Key>Version</Key><VersionId>v</VersionId></Version><Version>"
            .getBytes(StandardCharsets.US_ASCII);

    @Test
    void theFirstEndTagOfTheNameIsFoundAndNotOneOfALongerName() {
        assertThat(new EndTag("Version").in(DOCUMENT, 0, DOCUMENT.length)).isEqualTo(51);
    }

    @Test
    void onlyTheGivenPartOfTheDocumentIsSearched() {
        assertThat(new EndTag("Version").in(DOCUMENT, 0, 60)).isEqualTo(-1);
        assertThat(new EndTag("Version").in(DOCUMENT, 52, DOCUMENT.length)).isEqualTo(-1);
    }

    @Test
    void aTagEndingTheDocumentIsFound() {
        byte[] document = "<a>text</a>".getBytes(StandardCharsets.US_ASCII);

        assertThat(new EndTag("a").in(document, 0, document.length)).isEqualTo(7);
    }
}
