package io.s3conn.destination.s3;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.s3conn.destination.format.JsonLinesFormat;

class S3DestinationConfigurationTest {

    @Test
    void aPrefixWithoutATrailingSlashBecomesAFolder() {
        assertThat(S3DestinationConfiguration.of("b", "archive", new JsonLinesFormat(false)).prefix()).isEqualTo("archive/");
    }

    @Test
    void aPrefixEndingInASlashIsKeptAsItIs() {
        assertThat(S3DestinationConfiguration.of("b", "archive/", new JsonLinesFormat(false)).prefix()).isEqualTo("archive/");
    }

    @Test
    void anEmptyPrefixWritesAtTheBucketRoot() {
        assertThat(S3DestinationConfiguration.of("b", "", new JsonLinesFormat(false)).prefix()).isEmpty();
    }
}
