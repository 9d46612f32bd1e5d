package io.s3conn.source.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.s3conn.core.record.Operation;
import io.s3conn.core.time.SettableClock;
import io.s3conn.source.position.ResumedListing;
import io.s3conn.source.range.KeyRange;
import io.s3conn.source.state.EmittedObjects;
import io.s3conn.source.walk.InMemoryWalk;
import io.s3conn.source.walk.KeyHistory;
import io.s3conn.source.walk.ObjectVersion;
import io.s3conn.source.walk.Walk;

class ListingChangeDetectorTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final SettableClock clock = new SettableClock(START);
    private final Emitted emitted = new Emitted();

    @Test
    void theFirstPollStartsAtOnceAndReportsNewKeysAsCreates() throws Exception {
        ListingChangeDetector detector = detector(new PagedWalk(List.of(List.of("a", "b"))), START.minusSeconds(60));

        Detection detection = detector.detect(clock.instant());

        assertThat(detection.changes()).extracting(c -> c.operation() + " " + c.object().key())
                .containsExactly("CREATE a", "CREATE b");
    }

    @Test
    void anEmittedKeyMissingFromThePageThatCoversItIsADelete() throws Exception {
        emitted.put("b");
        ListingChangeDetector detector = detector(new PagedWalk(List.of(List.of("a"), List.of("c"))), START);

        Detection first = detector.detect(clock.instant());
        Detection second = detector.detect(clock.instant());

        assertThat(first.changes()).extracting(c -> c.operation() + " " + c.object().key()).containsExactly("CREATE a");
        assertThat(second.changes()).extracting(c -> c.operation() + " " + c.object().key())
                .containsExactly("DELETE b", "CREATE c");
    }

    /** A position names the last key committed: a delete after a later key's create would make it name that key early. */
    @Test
    void aPagesChangesComeInKeyOrderDeletesAmongTheOthers() throws Exception {
        emitted.put("b");
        ListingChangeDetector detector = detector(new PagedWalk(List.of(List.of("a", "c"))), START);

        Detection detection = detector.detect(clock.instant());

        assertThat(detection.changes()).extracting(c -> c.operation() + " " + c.object().key())
                .containsExactly("CREATE a", "DELETE b", "CREATE c");
    }

    /**
     * Before, the resumed poll emitted the change of "b" under the watermark and key of the stopped run's record of
     * "b": one position, two records, and a destination batch named after it replaced the earlier one.
     */
    @Test
    void aPollResumedAfterAKeyLeavesTheKeysUpToItToTheNextPollWhichStartsAtOnce() throws Exception {
        emitted.put("a");
        emitted.put("gone");
        PagedWalk walk = new PagedWalk(List.of(List.of("b", "c")));
        ListingChangeDetector detector = new ListingChangeDetector(walk, KeyRange.ALL, emitted, Duration.ofSeconds(5), clock,
                START, false, Optional.empty(), Optional.of(ResumedListing.exact("b")));

        Detection resumed = detector.detect(clock.instant());
        Detection next = detector.detect(clock.instant());

        assertThat(resumed.changes()).extracting(c -> c.operation() + " " + c.object().key())
                .containsExactly("CREATE c", "DELETE gone");
        assertThat(next.changes()).extracting(c -> c.operation() + " " + c.object().key())
                .containsExactly("DELETE a", "CREATE b", "CREATE c", "DELETE gone");
    }

    /**
     * No state says what the stopped run emitted up to its key: before, the keys up to it changed since the watermark
     * came again in the resumed poll, under the watermark and key of the records the stopped run had emitted for them.
     */
    @Test
    void aBaselinePollResumedAfterAKeyLeavesTheKeysUpToItThatChangedSinceTheWatermarkToTheNextPoll() throws Exception {
        ListingChangeDetector detector = new ListingChangeDetector(new PagedWalk(List.of(List.of("a", "b", "c"))),
                KeyRange.ALL, emitted, Duration.ofSeconds(5), clock, START.minusSeconds(60), true, Optional.empty(),
                Optional.of(ResumedListing.withoutState("b")));

        Detection resumed = detector.detect(clock.instant());
        Detection next = detector.detect(clock.instant());

        assertThat(resumed.changes()).extracting(c -> c.operation() + " " + c.object().key() + (c.silent() ? " silent" : ""))
                .containsExactly("CREATE c");
        assertThat(next.changes()).extracting(c -> c.operation() + " " + c.object().key() + (c.silent() ? " silent" : ""))
                .startsWith("CREATE a", "CREATE b");
    }

    @Test
    void aBaselinePollResumedAfterAKeyRecordsTheKeysUpToItThatAreOlderThanTheWatermark() throws Exception {
        ListingChangeDetector detector = new ListingChangeDetector(new PagedWalk(List.of(List.of("a", "b", "c"))),
                KeyRange.ALL, emitted, Duration.ofSeconds(5), clock, START, true, Optional.empty(),
                Optional.of(ResumedListing.withoutState("b")));

        Detection resumed = detector.detect(clock.instant());

        assertThat(resumed.changes()).extracting(c -> c.object().key() + (c.silent() ? " silent" : " emitted"))
                .containsExactly("a silent", "b silent", "c silent");
    }

    /**
     * A state saved behind the position holds the stopped run's records up to its own key: before, such a state was
     * dropped, and the delete of "a" was never emitted.
     */
    @Test
    void aPollResumedOnAStateBehindThePositionLeavesTheKeysUpToTheStatesKeyToTheNextPoll() throws Exception {
        emitted.put("a");
        ListingChangeDetector detector = resumedOnAStateBehind(new PagedWalk(List.of(List.of("c", "e"))), START, "b", "d");

        Detection resumed = detector.detect(clock.instant());
        Detection next = detector.detect(clock.instant());

        assertThat(resumed.changes()).extracting(c -> c.operation() + " " + c.object().key() + (c.silent() ? " silent" : ""))
                .containsExactly("CREATE c silent", "CREATE e");
        assertThat(next.changes()).extracting(c -> c.operation() + " " + c.object().key()).startsWith("DELETE a");
    }

    /**
     * Its delete may have been emitted by the stopped run, or made since: the next poll emits it (at-least-once), rather
     * than risk never emitting it.
     */
    @Test
    void aPollResumedOnAStateBehindThePositionLeavesTheDeleteOfAKeyGoneAfterTheStatesKeyToTheNextPoll() throws Exception {
        emitted.put("c");
        ListingChangeDetector detector = resumedOnAStateBehind(new PagedWalk(List.of(List.of("e"))), START, "b", "d");

        Detection resumed = detector.detect(clock.instant());
        Detection next = detector.detect(clock.instant());

        assertThat(resumed.changes()).extracting(c -> c.operation() + " " + c.object().key() + (c.silent() ? " silent" : ""))
                .containsExactly("CREATE e");
        assertThat(next.changes()).extracting(c -> c.operation() + " " + c.object().key() + (c.silent() ? " silent" : ""))
                .startsWith("DELETE c");
    }

    /** The stopped poll may have found it before it changed: the next poll emits it, at-least-once. */
    @Test
    void aPollResumedOnAStateBehindThePositionLeavesAKeyAfterTheStatesKeyChangedSinceTheWatermarkToTheNextPoll()
            throws Exception {
        ListingChangeDetector detector = resumedOnAStateBehind(new PagedWalk(List.of(List.of("c", "e"))), START.minusSeconds(60),
                "b", "d");

        Detection resumed = detector.detect(clock.instant());
        Detection next = detector.detect(clock.instant());

        assertThat(resumed.changes()).extracting(c -> c.operation() + " " + c.object().key()).containsExactly("CREATE e");
        assertThat(next.changes()).extracting(c -> c.operation() + " " + c.object().key() + (c.silent() ? " silent" : ""))
                .startsWith("CREATE c");
    }

    @Test
    void theLastPageCompletesThePollWithItsStartAsTheNextWatermark() throws Exception {
        Instant watermark = START.minusSeconds(60);
        ListingChangeDetector detector = detector(new PagedWalk(List.of(List.of("a"), List.of("b"))), watermark);

        Detection first = detector.detect(clock.instant());
        clock.advance(Duration.ofSeconds(3));
        Detection last = detector.detect(clock.instant());

        assertThat(first.pollCompleted()).isEmpty();
        assertThat(first.watermark()).isEqualTo(watermark);
        assertThat(last.watermark()).isEqualTo(watermark);
        assertThat(last.pollCompleted()).contains(START);
    }

    @Test
    void theNextPollWaitsForThePollingPeriod() throws Exception {
        ListingChangeDetector detector = detector(new PagedWalk(List.of(List.of("a"))), START);
        detector.detect(clock.instant());

        Detection tooEarly = detector.detect(clock.instant());
        clock.advance(Duration.ofSeconds(10));
        Detection due = detector.detect(clock.instant());

        assertThat(tooEarly).isEqualTo(Detection.nothing(START));
        assertThat(due.pollCompleted()).isPresent();
    }

    @Test
    void withABaselineKeysOlderThanTheWatermarkAreRecordedSilently() throws Exception {
        ListingChangeDetector detector = new ListingChangeDetector(new PagedWalk(List.of(List.of("old"))), KeyRange.ALL,
                emitted, Duration.ZERO, clock, START.plusSeconds(1), true, Optional.empty());

        Detection detection = detector.detect(clock.instant());

        assertThat(detection.changes()).singleElement().extracting(Change::silent).isEqualTo(true);
    }

    @Test
    void aBaselineCoversTheFirstPollOnly() throws Exception {
        ListingChangeDetector detector = new ListingChangeDetector(new PagedWalk(List.of(List.of("old"))), KeyRange.ALL,
                emitted, Duration.ZERO, clock, START.plusSeconds(1), true, Optional.empty());
        detector.detect(clock.instant());

        Detection second = detector.detect(clock.instant());

        assertThat(second.changes()).singleElement().satisfies(c -> {
            assertThat(c.operation()).isEqualTo(Operation.CREATE);
            assertThat(c.silent()).isFalse();
        });
    }

    /** Nothing emitted is not the same as no state: every key the source emitted may have been deleted since. */
    @Test
    void withoutABaselineAKeyOlderThanTheWatermarkIsACreateAlthoughNothingIsEmitted() throws Exception {
        ListingChangeDetector detector = detector(new PagedWalk(List.of(List.of("old"))), START.plusSeconds(1));

        Detection detection = detector.detect(clock.instant());

        assertThat(detection.changes()).singleElement().extracting(Change::silent).isEqualTo(false);
    }

    @Test
    void keysUpToTheBaselineKeyAreRecordedSilentlyInTheFirstPollOnly() throws Exception {
        emitted.put("z-known");
        PagedWalk walk = new PagedWalk(List.of(List.of("a", "b", "z-known")));
        ListingChangeDetector detector = new ListingChangeDetector(walk, KeyRange.ALL, emitted, Duration.ZERO, clock,
                START.plusSeconds(1), false, Optional.of("a"));

        Detection first = detector.detect(clock.instant());

        assertThat(first.changes()).extracting(c -> c.object().key() + (c.silent() ? " silent" : " emitted"))
                .containsExactly("a silent", "b emitted");
    }

    /** Resumed after {@code after} on a state saved at {@code stateKey} of the same poll, that of {@code watermark}. */
    private ListingChangeDetector resumedOnAStateBehind(Walk<KeyHistory> walk, Instant watermark, String stateKey, String after) {
        return new ListingChangeDetector(walk, KeyRange.ALL, emitted, Duration.ofSeconds(5), clock, watermark, false,
                Optional.empty(), Optional.of(new ResumedListing(after, Optional.of(stateKey))));
    }

    private ListingChangeDetector detector(Walk<KeyHistory> walk, Instant watermark) {
        return new ListingChangeDetector(walk, KeyRange.ALL, emitted, Duration.ofSeconds(5), clock, watermark, false,
                Optional.empty());
    }

    private static ObjectVersion object(String key) {
        return new ObjectVersion(key, Optional.empty(), "etag-" + key, 1, "STANDARD", START.minusSeconds(30), false);
    }

    /** A walk over fixed pages of keys (of the whole key space, as each detector here watches it). */
    private static final class PagedWalk extends InMemoryWalk<KeyHistory> {

        PagedWalk(List<List<String>> pageKeys) {
            super(range -> pageKeys.stream()
                    .map(keys -> keys.stream().map(k -> new KeyHistory(k, List.of(object(k)))).toList()).toList(),
                    KeyHistory::key);
        }
    }

    /** Emitted objects in memory. */
    private static final class Emitted implements EmittedObjects {
        private final SortedMap<String, ObjectVersion> rows = new TreeMap<>(KeyRange.KEY_ORDER);

        void put(String key) {
            rows.put(key, object(key));
        }

        @Override
        public SortedMap<String, ObjectVersion> between(KeyRange range) {
            SortedMap<String, ObjectVersion> copy = new TreeMap<>(KeyRange.KEY_ORDER);
            rows.forEach((key, value) -> {
                if (range.contains(key)) {
                    copy.put(key, value);
                }
            });
            return copy;
        }

        @Override
        public java.util.Optional<ObjectVersion> find(String key) {
            return java.util.Optional.ofNullable(rows.get(key));
        }
    }
}
