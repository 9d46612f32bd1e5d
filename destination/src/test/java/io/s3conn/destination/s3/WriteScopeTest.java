package io.s3conn.destination.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class WriteScopeTest {

    @Test
    void aDestinationWhoseKeysStartInsideTheSourcePrefixOverlapsIt() {
        assertThat(Destinations.jsonLines("logs/copy/", ObjectNamer.DEFAULT_TEMPLATE).writeScope().overlaps("b", "logs/")).isTrue();
    }

    /** Before, only "destination inside source" was refused: this destination writes logs/2026/... into the source. */
    @Test
    void aSourcePrefixInsideTheDestinationsKeysOverlapsIt() {
        assertThat(Destinations.jsonLines("logs/", ObjectNamer.DEFAULT_TEMPLATE).writeScope().overlaps("b", "logs/2026/")).isTrue();
    }

    /** Before, every source under the destination prefix was refused, though dated folders start with a digit. */
    @Test
    void aSourcePrefixBesideTheDestinationsDatedFoldersDoesNotOverlapIt() {
        assertThat(Destinations.jsonLines("data/", ObjectNamer.DEFAULT_TEMPLATE).writeScope().overlaps("b", "data/incoming/")).isFalse();
    }

    @Test
    void aSourcePrefixThatAnIdCouldStartOverlapsADestinationNamingByIdFirst() {
        assertThat(Destinations.jsonLines("data/", "{id}.{ext}").writeScope().overlaps("b", "data/ab")).isTrue();
    }

    @Test
    void aSourcePrefixThatNoIdCanStartDoesNotOverlapADestinationNamingByIdFirst() {
        assertThat(Destinations.jsonLines("data/", "{id}.{ext}").writeScope().overlaps("b", "data/incoming/")).isFalse();
    }

    @Test
    void everyNameTheWriterMakesGoesOnWithOneOfItsNextCharacters() {
        for (String template : List.of(ObjectNamer.DEFAULT_TEMPLATE, "logs/{id}.{ext}", "{ext}/{HH}{id}", "a{MM}b/{id}")) {
            S3DestinationConfiguration destination = Destinations.jsonLines("p/", template);
            WriteScope scope = destination.writeScope();
            for (Instant at : List.of(Instant.EPOCH, Instant.parse("2026-11-30T23:59:59Z"))) {
                String name = ObjectNamer.name(destination.prefix(), template, at,
                        at.toString().getBytes(StandardCharsets.UTF_8), destination.format().extension());

                assertThat(scope.nextCharacters()).as(template).contains(name.substring(scope.keyStart().length(),
                        scope.keyStart().length() + 1));
            }
        }
    }

    @Test
    void aDestinationPrefixEqualToTheSourcePrefixOverlapsIt() {
        assertThat(Destinations.jsonLines("logs/", ObjectNamer.DEFAULT_TEMPLATE).writeScope().overlaps("b", "logs/")).isTrue();
    }

    @Test
    void disjointPrefixesInTheSameBucketDoNotOverlap() {
        assertThat(Destinations.jsonLines("archive/", ObjectNamer.DEFAULT_TEMPLATE).writeScope().overlaps("b", "logs/")).isFalse();
    }

    @Test
    void aSourceOfTheWholeBucketOverlapsEveryDestinationInThatBucket() {
        assertThat(Destinations.jsonLines("archive/", "archive/{id}.{ext}").writeScope().overlaps("b", "")).isTrue();
    }

    @Test
    void aDestinationAtTheBucketRootWithADefaultTemplateOverlapsASourceOfDatedFolders() {
        assertThat(Destinations.jsonLines("", ObjectNamer.DEFAULT_TEMPLATE).writeScope().overlaps("b", "2026/")).isTrue();
    }

    @Test
    void aDestinationInAnotherBucketNeverOverlaps() {
        assertThat(Destinations.jsonLines("", ObjectNamer.DEFAULT_TEMPLATE).writeScope().overlaps("other", "")).isFalse();
    }

    @Test
    void aKeyTemplateThatLeadsIntoTheSourceOverlapsIt() {
        assertThat(Destinations.jsonLines("", "logs/{id}.{ext}").writeScope().overlaps("b", "logs/")).isTrue();
    }

    @Test
    void aKeyTemplateThatLeadsElsewhereInTheSameBucketDoesNotOverlap() {
        assertThat(Destinations.jsonLines("", "archive/{yyyy}/{id}.{ext}").writeScope().overlaps("b", "logs/")).isFalse();
    }

    @Test
    void aTemplateWhoseFirstPlaceholderComesFirstWritesFromThePrefixOn() {
        assertThat(Destinations.jsonLines("out/", "{yyyy}/logs/{id}.{ext}").writeScope()).isEqualTo(new WriteScope("b", "out/", "0123456789"));
    }

    @Test
    void aPlaceholderInsideAFolderNameEndsTheKeyStartThere() {
        assertThat(Destinations.jsonLines("", "log{yyyy}/{id}.{ext}").writeScope()).isEqualTo(new WriteScope("b", "log", "0123456789"));
    }

    /** The extension is the same for every batch of a destination, so {ext} first still fixes the start. */
    @Test
    void anExtensionPlaceholderIsPartOfTheKeyStart() {
        WriteScope scope = Destinations.jsonLines("", "{ext}/{id}").writeScope();

        assertThat(scope).isEqualTo(new WriteScope("b", "jsonl/", "0123456789abcdef"));
        assertThat(scope.overlaps("b", "jsonl/2026/")).isTrue();
    }

    @Test
    void everyNameTheWriterMakesStartsWithItsKeyStart() {
        for (String template : List.of(ObjectNamer.DEFAULT_TEMPLATE, "logs/{id}.{ext}", "{ext}/{HH}{id}", "a{MM}b/{id}")) {
            S3DestinationConfiguration destination = Destinations.jsonLines("p/", template);
            for (Instant at : List.of(Instant.EPOCH, Instant.parse("2026-11-30T23:59:59Z"))) {
                String name = ObjectNamer.name(destination.prefix(), template, at,
                        at.toString().getBytes(StandardCharsets.UTF_8), destination.format().extension());

                assertThat(name).as(template).startsWith(destination.writeScope().keyStart());
            }
        }
    }
}
