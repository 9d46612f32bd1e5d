package io.s3conn.source.range;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ConcurrencyLimitTest {

    @Test
    void a_timeout_while_other_requests_were_answered_halves_the_limit() throws Exception {
        ConcurrencyLimit limit = new ConcurrencyLimit(8);
        ConcurrencyLimit.Permit waitedInLine = limit.acquire();
        limit.succeeded(limit.acquire());

        boolean overloaded = limit.timedOut(waitedInLine);

        assertThat(overloaded).isTrue();
        assertThat(limit.limit()).isEqualTo(4);
    }

    @Test
    void a_timeout_while_nothing_was_answered_leaves_the_limit_as_it_was() throws Exception {
        ConcurrencyLimit limit = new ConcurrencyLimit(8);
        ConcurrencyLimit.Permit unanswered = limit.acquire();

        boolean overloaded = limit.timedOut(unanswered);

        assertThat(overloaded).isFalse();
        assertThat(limit.limit()).isEqualTo(8);
    }

    @Test
    void timeouts_of_requests_sent_before_the_limit_was_halved_halve_it_once() throws Exception {
        ConcurrencyLimit limit = new ConcurrencyLimit(8);
        ConcurrencyLimit.Permit first = limit.acquire();
        ConcurrencyLimit.Permit second = limit.acquire();
        limit.succeeded(limit.acquire());

        limit.timedOut(first);
        limit.timedOut(second);

        assertThat(limit.limit()).isEqualTo(4);
    }
}
