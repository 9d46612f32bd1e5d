package io.s3conn.destination.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class ObjectNamerTest {

    private static final String ID = "0123456789abcdef0123";

    @Test
    void everyNameTheNamerMakesIsOneOfTheDestinationsObjectNames() {
        for (String template : List.of(ObjectNamer.DEFAULT_TEMPLATE, "logs/{id}.{ext}", "{ext}/{HH}{id}", "a{MM}b/{id}")) {
            S3DestinationConfiguration destination = Destinations.jsonLines("p/", template);
            for (Instant at : List.of(Instant.EPOCH, Instant.parse("2026-11-30T23:59:59Z"), Instant.parse("+12026-01-01T00:00:00Z"))) {
                String name = ObjectNamer.name(destination.prefix(), template, at,
                        at.toString().getBytes(StandardCharsets.UTF_8), destination.format().extension());

                assertThat(destination.objectNames().matcher(name).matches()).as(name).isTrue();
            }
        }
    }

    /** Before, a worker whose default locale writes other digits (ar-EG: ٢٠٢٦) named the same batch otherwise. */
    @Test
    void theDateOfANameIsWrittenInAsciiDigitsWhateverTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("ar-EG"));

            assertThat(ObjectNamer.name("", "{yyyy}/{MM}/{dd}/{HH}/{id}", Instant.parse("2026-11-30T23:59:59Z"), new byte[0], "jsonl"))
                    .startsWith("2026/11/30/23/");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void aKeyUnderThePrefixNamedOtherwiseIsNoObjectName() {
        assertThat(Destinations.jsonLines("p/", ObjectNamer.DEFAULT_TEMPLATE).objectNames()
                .matcher("p/2026/11/30/notes.jsonl").matches()).isFalse();
    }

    @Test
    void aNameOfTheTemplateUnderAnotherPrefixIsNoObjectName() {
        assertThat(Destinations.jsonLines("p/", ObjectNamer.DEFAULT_TEMPLATE).objectNames()
                .matcher("q/2026/11/30/" + ID + ".jsonl").matches()).isFalse();
    }

    @Test
    void aNameWithAnotherExtensionIsNoObjectName() {
        assertThat(Destinations.jsonLines("p/", ObjectNamer.DEFAULT_TEMPLATE).objectNames()
                .matcher("p/2026/11/30/" + ID + ".parquet").matches()).isFalse();
    }

    /** A template's fixed text is text: its dot matches a dot only, not any character as in a regular expression. */
    @Test
    void theTemplatesFixedTextIsMatchedAsItIs() {
        assertThat(Destinations.jsonLines("", "a.b/{id}").objectNames().matcher("axb/" + ID).matches()).isFalse();
    }
}
