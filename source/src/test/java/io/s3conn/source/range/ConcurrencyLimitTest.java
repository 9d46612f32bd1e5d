package io.s3conn.source.range;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

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

    @Test
    void a_doubled_limit_that_brings_no_more_answers_a_second_goes_back() throws Exception {
        AtomicLong clock = new AtomicLong();
        ConcurrencyLimit limit = new ConcurrencyLimit(1000, SLOW, clock::get);
        answerRound(limit, clock, 8, Duration.ofMillis(125));

        answerRound(limit, clock, 16, Duration.ofMillis(125));

        assertThat(limit.limit()).isEqualTo(ConcurrencyLimit.INITIAL);
    }

    @Test
    void a_doubled_limit_that_brings_twice_the_answers_a_second_keeps_doubling() throws Exception {
        AtomicLong clock = new AtomicLong();
        ConcurrencyLimit limit = new ConcurrencyLimit(1000, SLOW, clock::get);
        answerRound(limit, clock, 8, Duration.ofMillis(125));

        answerRound(limit, clock, 16, Duration.ofNanos(62_500_000));

        assertThat(limit.limit()).isEqualTo(4 * ConcurrencyLimit.INITIAL);
    }

    @Test
    void time_with_nothing_in_flight_does_not_count_against_the_answer_rate() throws Exception {
        AtomicLong clock = new AtomicLong();
        ConcurrencyLimit limit = new ConcurrencyLimit(1000, SLOW, clock::get);
        answerRound(limit, clock, 8, Duration.ofMillis(125));
        clock.addAndGet(Duration.ofSeconds(10).toNanos());

        answerRound(limit, clock, 16, Duration.ofNanos(62_500_000));

        assertThat(limit.limit()).isEqualTo(4 * ConcurrencyLimit.INITIAL);
    }

    /** Sends {@code answers} requests at once, then answers them one after another, {@code apart} on the clock. */
    private static void answerRound(ConcurrencyLimit limit, AtomicLong clock, int answers, Duration apart)
            throws InterruptedException {
        List<ConcurrencyLimit.Permit> permits = new ArrayList<>();
        for (int i = 0; i < answers; i++) {
            permits.add(limit.acquire());
        }
        for (ConcurrencyLimit.Permit permit : permits) {
            clock.addAndGet(apart.toNanos());
            limit.succeeded(permit, Duration.ofMillis(10));
        }
    }
}
