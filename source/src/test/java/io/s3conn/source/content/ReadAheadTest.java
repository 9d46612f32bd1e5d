package io.s3conn.source.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadAheadTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void shutDown() {
        pool.shutdownNow();
    }

    @Test
    void resultsComeInTheOrderOfTheItemsWhateverOrderTheReadsFinishIn() throws Exception {
        List<Integer> items = List.of(30, 0, 20, 5, 10, 0);
        try (ReadAhead<Integer, Integer> reads = new ReadAhead<>(pool, 4, items, delay -> {
            sleep(delay);
            return delay;
        })) {
            List<Integer> results = new ArrayList<>();
            while (reads.hasNext()) {
                results.add(reads.next());
            }
            assertThat(results).containsExactlyElementsOf(items);
        }
    }

    @Test
    void noMoreThanTheWindowIsReadBeyondWhatWasHandedOver() throws Exception {
        AtomicInteger started = new AtomicInteger();
        try (ReadAhead<Integer, Integer> reads = new ReadAhead<>(pool, 3, List.of(1, 2, 3, 4, 5, 6, 7, 8), item -> {
            started.incrementAndGet();
            return item;
        })) {
            reads.next();
            sleep(50);

            assertThat(started.get()).isEqualTo(4);
        }
    }

    @Test
    void aFailedReadSurfacesFromNextWithItsOwnException() {
        try (ReadAhead<String, String> reads = new ReadAhead<>(pool, 2, List.of("bad"), item -> {
            throw new IllegalStateException("cannot read " + item);
        })) {
            assertThatThrownBy(reads::next).isInstanceOf(IllegalStateException.class).hasMessage("cannot read bad");
        }
    }

    @Test
    void nothingToReadHasNoNext() {
        try (ReadAhead<String, String> reads = new ReadAhead<>(pool, 2, List.of(), item -> item)) {
            assertThat(reads.hasNext()).isFalse();
            assertThat(reads.nextReady()).isFalse();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
