package io.s3conn.source.range;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConcurrencyLimitTest {

    private static final Duration SLOW = Duration.ofSeconds(1);

    @Test
    void a_large_limit_starts_at_the_default_concurrency() {
        assertThat(new ConcurrencyLimit(1000, SLOW).limit()).isEqualTo(ConcurrencyLimit.INITIAL);
    }

    @Test
    void a_round_of_quick_answers_doubles_the_limit_until_the_first_decrease() throws Exception {
        ConcurrencyLimit limit = new ConcurrencyLimit(1000, SLOW);

        for (int i = 0; i < ConcurrencyLimit.INITIAL; i++) {
            limit.succeeded(limit.acquire(), Duration.ofMillis(10));
        }

        assertThat(limit.limit()).isEqualTo(2 * ConcurrencyLimit.INITIAL);
    }

    @Test
    void an_answer_slower_than_the_slow_answer_halves_the_limit() throws Exception {
        ConcurrencyLimit limit = new ConcurrencyLimit(8, SLOW);

        limit.succeeded(limit.acquire(), SLOW.plusMillis(1));

        assertThat(limit.limit()).isEqualTo(4);
    }

    /** Before, a walk asked for 16 reported a lowest of 8 with nothing throttled: where slow start began. */
    @Test
    void starting_below_the_concurrency_asked_for_is_not_reported_as_lowered() {
        assertThat(new ConcurrencyLimit(16, SLOW).lowest()).isEqualTo(16);
    }

    @Test
    void a_decrease_is_reported_as_the_lowest_limit() throws Exception {
        ConcurrencyLimit limit = new ConcurrencyLimit(16, SLOW);

        limit.throttled(limit.acquire());

        assertThat(limit.lowest()).isEqualTo(4);
    }

    @Test
    void growing_after_the_first_decrease_is_additive() throws Exception {
        ConcurrencyLimit limit = new ConcurrencyLimit(8, SLOW);
        limit.throttled(limit.acquire());

        limit.succeeded(limit.acquire(), Duration.ofMillis(10));

        assertThat(limit.limit()).isEqualTo(4.25);
    }
}
