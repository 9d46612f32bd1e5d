package io.s3conn.core.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BucketNamesTest {

    @Test
    void aBucketNameIsReturnedAsItIs() {
        assertThat(BucketNames.require("photos")).isEqualTo("photos");
    }

    @Test
    void anEmptyBucketNameIsRefusedByName() {
        assertThatThrownBy(() -> BucketNames.require("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bucket must not be blank, was \"\"");
    }

    @Test
    void aBlankBucketNameIsRefused() {
        assertThatThrownBy(() -> BucketNames.require(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bucket must not be blank");
    }

    @Test
    void aMissingBucketNameIsRefusedByName() {
        assertThatThrownBy(() -> BucketNames.require(null)).isInstanceOf(NullPointerException.class).hasMessage("bucket");
    }
}
