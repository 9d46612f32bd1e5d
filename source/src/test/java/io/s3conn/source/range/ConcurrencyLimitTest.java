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

    @Test
    void a_large_limit_is_worth_as_many_requests_as_the_default_concurrency_at_first() {
        assertThat(new ConcurrencyLimit(1000, SLOW).worthSending()).isEqualTo(ConcurrencyLimit.INITIAL);
    }

    @Test
    void a_limit_below_the_default_is_worth_all_its_requests() {
        assertThat(new ConcurrencyLimit(3, SLOW).worthSending()).isEqualTo(3);
    }

    /** Slow start grows the limit by one an answer: before, ranges were cut for all of it before it was timed. */
    @Test
    void a_limit_grown_in_a_round_not_timed_yet_is_worth_twice_the_limit_last_timed() throws Exception {
        AtomicLong clock = new AtomicLong();
        ConcurrencyLimit limit = new ConcurrencyLimit(1000, SLOW, clock::get);
        answerRound(limit, clock, 8, Duration.ofMillis(125));
        List<ConcurrencyLimit.Permit> round = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            round.add(limit.acquire());
        }

        for (int i = 0; i < 12; i++) {
            clock.addAndGet(Duration.ofMillis(60).toNanos());
            limit.succeeded(round.get(i), Duration.ofMillis(10));
        }

        assertThat(limit.limit()).isEqualTo(28);
        assertThat(limit.worthSending()).isEqualTo(2 * ConcurrencyLimit.INITIAL);
    }

    @Test
    void a_doubled_limit_that_brought_twice_the_answers_a_second_is_worth_all_its_requests() throws Exception {
        AtomicLong clock = new AtomicLong();
        ConcurrencyLimit limit = new ConcurrencyLimit(1000, SLOW, clock::get);
        answerRound(limit, clock, 8, Duration.ofMillis(125));

        answerRound(limit, clock, 16, Duration.ofNanos(62_500_000));

        assertThat(limit.worthSending()).isEqualTo(4 * ConcurrencyLimit.INITIAL);
    }

    @Test
    void a_doubled_limit_that_brought_no_more_answers_a_second_is_worth_the_default_concurrency() throws Exception {
        AtomicLong clock = new AtomicLong();
        ConcurrencyLimit limit = new ConcurrencyLimit(1000, SLOW, clock::get);
        answerRound(limit, clock, 8, Duration.ofMillis(125));

        answerRound(limit, clock, 16, Duration.ofMillis(125));

        assertThat(limit.worthSending()).isEqualTo(ConcurrencyLimit.INITIAL);
    }

    @Test
    void a_halved_limit_is_worth_all_its_requests() throws Exception {
        ConcurrencyLimit limit = new ConcurrencyLimit(8, SLOW);

        limit.throttled(limit.acquire());

        assertThat(limit.worthSending()).isEqualTo(4);
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
