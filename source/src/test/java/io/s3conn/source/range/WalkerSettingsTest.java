package io.s3conn.source.range;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WalkerSettingsTest {

    /** Before, 1000 planned 2000 ranges: every folder a range, each costing a request however few keys it held. */
    @Test
    void a_walk_allowed_1000_requests_at_once_plans_as_many_ranges_as_one_allowed_8() {
        assertThat(WalkerSettings.of(1000).planRanges()).isEqualTo(WalkerSettings.of(8).planRanges());
    }

    @Test
    void a_walk_allowed_fewer_requests_than_the_default_plans_two_ranges_for_each() {
        assertThat(WalkerSettings.of(3).planRanges()).isEqualTo(6);
    }

    @Test
    void a_sequential_walk_plans_one_range() {
        assertThat(WalkerSettings.of(1).planRanges()).isEqualTo(1);
    }

    @Test
    void a_walk_starts_with_at_most_the_default_concurrency() {
        assertThat(WalkerSettings.of(1000).startingConcurrency()).isEqualTo(ConcurrencyLimit.INITIAL);
    }
}
