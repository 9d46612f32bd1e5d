package io.s3conn.source;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class S3SourceConfigurationTest {

    @Test
    void anEmptyBucketIsRefusedBeforeAnythingIsRead() {
        assertThatThrownBy(() -> S3SourceConfiguration.of("", "logs/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bucket must not be blank");
    }
}
