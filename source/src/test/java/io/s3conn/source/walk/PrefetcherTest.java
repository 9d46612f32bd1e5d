package io.s3conn.source.walk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;

class PrefetcherTest {

    @Test
    void pagesArriveInTheOrderTheWalkGaveThem() {
        try (Prefetcher<String> pages = new Prefetcher<>(List.of("a", "b", "c").iterator(), 2)) {
            assertThat(pages).toIterable().containsExactly("a", "b", "c");
        }
    }

    @Test
    void aFailureOfTheWalkIsRethrownToTheConsumerAfterThePagesBeforeIt() {
        try (Prefetcher<String> pages = new Prefetcher<>(failingAfter("a", new IllegalStateException("listing refused")), 2)) {
            assertThat(pages.next()).isEqualTo("a");
            assertThatThrownBy(pages::hasNext).isInstanceOf(IllegalStateException.class).hasMessage("listing refused");
        }
    }

    /** An Error (out of memory while fetching) ended the background thread, and the consumer waited for good. */
    @Test
    void anErrorOfTheWalkIsRethrownToTheConsumerInsteadOfLeavingItWaiting() {
        try (Prefetcher<String> pages = new Prefetcher<>(failingAfter("a", new OutOfMemoryError("thrown by the test")), 2)) {
            assertThat(pages.next()).isEqualTo("a");
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(pages::hasNext)
                    .isInstanceOf(OutOfMemoryError.class).hasMessage("thrown by the test"));
        }
    }

    private static Iterator<String> failingAfter(String page, Throwable failure) {
        return new Iterator<>() {
            private boolean given;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public String next() {
                if (!given) {
                    given = true;
                    return page;
                }
                if (failure instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) failure;
            }
        };
    }
}
