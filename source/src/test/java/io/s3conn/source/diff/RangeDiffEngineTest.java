package io.s3conn.source.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.state.LeaseHeldException;
import io.s3conn.core.state.RunLease;
import io.s3conn.source.range.KeyRange;
import io.s3conn.source.range.KeyRanges;
import io.s3conn.source.range.ParallelWalker;
import io.s3conn.source.range.WalkerSettings;
import io.s3conn.source.walk.InMemoryWalk;
import io.s3conn.source.walk.Walk;
import io.s3conn.source.walk.WalkPage;

/** The engine's flow with an in-memory walk and store, on SQLite for the lease and the transactions. */
class RangeDiffEngineTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private Database database;
    private final MemoryStore store = new MemoryStore();

    @BeforeEach
    void open() {
        database = Database.open("jdbc:sqlite:" + dir.resolve("engine.db"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void everyPageIsWrittenAndItsProgressRecorded() {
        MemoryCheckpoint checkpoint = new MemoryCheckpoint(Optional.empty());

        PageCounts total = engine(new ListWalk("a", "b", "c", "d", "e")).run(KeyRange.ALL, () -> database, checkpoint,
                DiffListener.NONE);

        assertThat(store.rows.keySet()).containsExactly("a", "b", "c", "d", "e");
        assertThat(total).isEqualTo(new PageCounts(3, 5, 5, 0, 0, 5));
        assertThat(checkpoint.progress).extracting(RangeCheckpoint.PageProgress::resumeAfter)
                .containsExactly(Optional.of("b"), Optional.of("d"), Optional.empty());
    }

    @Test
    void rowsThePageLacksAreDeletedOnlyInsideTheRangeThePageCovers() {
        store.rows.put("a", true);
        store.rows.put("bb", true);
        store.rows.put("z", true);

        engine(new ListWalk("a", "b", "c")).run(new KeyRange(Optional.empty(), Optional.of("y")), () -> database,
                new MemoryCheckpoint(Optional.empty()), DiffListener.NONE);

        assertThat(store.rows).containsEntry("bb", false).containsEntry("z", true).containsEntry("a", true);
    }

    @Test
    void aResumedRunWalksFromItsProgressOnly() {
        PageCounts total = engine(new ListWalk("a", "b", "c", "d", "e")).run(KeyRange.ALL, () -> database,
                new MemoryCheckpoint(Optional.of("b")), DiffListener.NONE);

        assertThat(store.rows.keySet()).containsExactly("c", "d", "e");
        assertThat(total.listed()).isEqualTo(3);
    }

    @Test
    void theDatabaseIsNotOpenedWhenTheFirstPageFails() {
        AtomicBoolean opened = new AtomicBoolean();
        Walk<String> failing = new ListWalk() {
            @Override
            public Iterator<WalkPage<String>> pages(KeyRange range) {
                throw new IllegalStateException("no such bucket");
            }
        };

        assertThatThrownBy(() -> engine(failing).run(KeyRange.ALL, () -> {
            opened.set(true);
            return database;
        }, new MemoryCheckpoint(Optional.empty()), DiffListener.NONE)).hasMessage("no such bucket");
        assertThat(opened).isFalse();
    }

    @Test
    void aRunIsRefusedWhileAnotherHoldsItsLease() {
        try (RunLease ignored = RunLease.acquire(database, "memory")) {
            assertThatThrownBy(() -> engine(new ListWalk("a")).run(KeyRange.ALL, () -> database,
                    new MemoryCheckpoint(Optional.empty()), DiffListener.NONE)).isInstanceOf(LeaseHeldException.class);
        }
        assertThat(store.rows).isEmpty();
    }

    @Test
    void rangesWalkedAtOnceCommitEveryKeyAndLeaveNothingToWalk() {
        RangeSetMemory checkpoint = new RangeSetMemory(Optional.empty());
        ListWalk walk = new ListWalk("a", "b", "c", "d", "e", "f", "g");

        engine(walk).runRanges(walker(walk), () -> List.of(range(null, "c"), range("c", null)), () -> database, checkpoint,
                DiffListener.NONE);

        assertThat(store.rows.keySet()).containsExactly("a", "b", "c", "d", "e", "f", "g");
        assertThat(checkpoint.remaining.getLast().isEmpty()).isTrue();
    }

    @Test
    void aResumedRangeRunWalksOnlyTheRangesItHadLeft() {
        ListWalk walk = new ListWalk("a", "b", "c", "d", "e", "f", "g");

        PageCounts total = engine(walk).runRanges(walker(walk), () -> List.of(KeyRange.ALL), () -> database,
                new RangeSetMemory(Optional.of(new KeyRanges(List.of(range("b", "d"), range("f", null))))),
                DiffListener.NONE);

        assertThat(store.rows.keySet()).containsExactly("c", "d", "g");
        assertThat(total.listed()).isEqualTo(3);
    }

    @Test
    void rowsOutsideTheRangesWalkedAreNeverMarkedDeleted() {
        store.rows.put("a", true);
        ListWalk walk = new ListWalk("c", "d");

        engine(walk).runRanges(walker(walk), () -> List.of(KeyRange.ALL), () -> database,
                new RangeSetMemory(Optional.of(new KeyRanges(List.of(range("b", null))))), DiffListener.NONE);

        assertThat(store.rows).containsEntry("a", true);
    }

    @Test
    void theDatabaseIsNotOpenedWhenPlanningFails() {
        AtomicBoolean opened = new AtomicBoolean();
        ListWalk walk = new ListWalk("a");

        assertThatThrownBy(() -> engine(walk).runRanges(walker(walk), () -> {
            throw new IllegalStateException("no such bucket");
        }, () -> {
            opened.set(true);
            return database;
        }, new RangeSetMemory(Optional.empty()), DiffListener.NONE)).hasMessage("no such bucket");
        assertThat(opened).isFalse();
    }

    /**
     * A stop does not wait for the request in flight: here the second page never comes until the run is over, whether
     * the walker asks for it by a listing of its own or as the next page of the range's listing.
     */
    @Test
    @Timeout(10)
    void aStopWhileAPageIsAwaitedEndsTheRunKeepingWhatWasCommittedAndReleasingTheLease() {
        CountDownLatch secondPage = new CountDownLatch(1);
        ListWalk walk = new ListWalk("a", "b", "c", "d") {
            @Override
            public Iterator<WalkPage<String>> pages(KeyRange range) {
                Iterator<WalkPage<String>> pages = super.pages(range);
                return new Iterator<>() {
                    private boolean firstPage = range.after().isEmpty();

                    @Override
                    public boolean hasNext() {
                        awaitUnlessFirst();
                        return pages.hasNext();
                    }

                    @Override
                    public WalkPage<String> next() {
                        awaitUnlessFirst();
                        firstPage = false;
                        return pages.next();
                    }

                    private void awaitUnlessFirst() {
                        if (!firstPage) {
                            awaitQuietly(secondPage);
                        }
                    }
                };
            }
        };
        RangeSetMemory checkpoint = new RangeSetMemory(Optional.empty());
        AtomicBoolean stop = new AtomicBoolean();
        try {
            assertThatThrownBy(() -> engine(walk).runRanges(new ParallelWalker<>(walk, key -> key, "", WalkerSettings.of(1)),
                    () -> List.of(KeyRange.ALL), () -> database, checkpoint, (page, total) -> stop.set(true), stop::get))
                    .isInstanceOf(CancellationException.class);
        } finally {
            secondPage.countDown();
        }

        assertThat(store.rows.keySet()).containsExactly("a", "b");
        assertThat(checkpoint.remaining.getLast()).isEqualTo(new KeyRanges(List.of(range("b", null))));
        RunLease.acquire(database, "memory").close(); // released: another run takes it at once
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static KeyRange range(String after, String upTo) {
        return new KeyRange(Optional.ofNullable(after), Optional.ofNullable(upTo));
    }

    private static ParallelWalker<String> walker(Walk<String> walk) {
        return new ParallelWalker<>(walk, key -> key, "", WalkerSettings.of(4));
    }

    /** Keeps every remaining set committed. */
    private static final class RangeSetMemory implements RangeSetCheckpoint {
        final Optional<KeyRanges> stored;
        final List<KeyRanges> remaining = new ArrayList<>();

        RangeSetMemory(Optional<KeyRanges> stored) {
            this.stored = stored;
        }

        @Override
        public String leaseName() {
            return "memory";
        }

        @Override
        public Optional<KeyRanges> begin(Database database) {
            return stored;
        }

        @Override
        public void pagesCommitted(Connection connection, KeyRanges left, PageCounts counts, Instant now) {
            remaining.add(left);
        }
    }

    private RangeDiffEngine<String, String, MemoryDiff> engine(Walk<String> walk) {
        return new RangeDiffEngine<>(walk, page -> new Resolution<>(page.entries(), page.entries().size()),
                db -> store, CLOCK);
    }

    /** Two keys a page, over the given keys. */
    private static class ListWalk extends InMemoryWalk<String> {

        ListWalk(String... keys) {
            super(range -> twoAPage(Stream.of(keys).filter(range::contains).toList()), key -> key);
        }

        private static List<List<String>> twoAPage(List<String> keys) {
            List<List<String>> pages = new ArrayList<>();
            for (int i = 0; i < keys.size() || pages.isEmpty(); i += 2) {
                pages.add(keys.subList(Math.min(i, keys.size()), Math.min(i + 2, keys.size())));
            }
            return pages;
        }
    }

    private record MemoryDiff(List<String> inserted, List<String> updated, List<String> missing)
            implements RangeDiff<String> {
        @Override
        public boolean anyMissing() {
            return !missing.isEmpty();
        }
    }

    /** Keys to "live" flags; the engine's transaction does not cover it, which the tests do not need. */
    private static final class MemoryStore implements RangeStore<String, MemoryDiff> {
        final TreeMap<String, Boolean> rows = new TreeMap<>(KeyRange.KEY_ORDER);

        @Override
        public MemoryDiff compare(Connection connection, KeyRange range, List<String> listed) {
            List<String> inserted = listed.stream().filter(k -> !rows.containsKey(k)).toList();
            List<String> updated = listed.stream().filter(k -> Boolean.FALSE.equals(rows.get(k))).toList();
            List<String> missing = rows.entrySet().stream()
                    .filter(e -> e.getValue() && range.contains(e.getKey()) && !listed.contains(e.getKey()))
                    .map(java.util.Map.Entry::getKey).toList();
            return new MemoryDiff(inserted, updated, missing);
        }

        @Override
        public void upsert(Connection connection, List<String> entries, Instant now) {
            entries.forEach(k -> rows.put(k, true));
        }

        @Override
        public int markDeleted(Connection connection, KeyRange range, List<String> listed, MemoryDiff diff, Instant now) {
            diff.missing().forEach(k -> rows.put(k, false));
            return diff.missing().size();
        }
    }

    private static class MemoryCheckpoint implements RangeCheckpoint {
        final Optional<String> resumeAfter;
        final List<PageProgress> progress = new ArrayList<>();

        MemoryCheckpoint(Optional<String> resumeAfter) {
            this.resumeAfter = resumeAfter;
        }

        @Override
        public String leaseName() {
            return "memory";
        }

        @Override
        public Optional<String> begin(Database database, KeyRange range) {
            return resumeAfter;
        }

        @Override
        public void pageCommitted(Connection connection, PageProgress page, PageCounts counts, Instant now) {
            progress.add(page);
        }
    }
}
