package io.s3conn.source.change;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.s3conn.source.position.ResumedListing;
import io.s3conn.source.range.KeyRange;
import io.s3conn.source.range.OrderedParallelWalk;
import io.s3conn.source.state.EmittedObjects;
import io.s3conn.source.walk.KeyHistory;
import io.s3conn.source.walk.ObjectVersion;
import io.s3conn.source.walk.Walk;
import io.s3conn.source.walk.WalkPage;

/**
 * Change detection by listing: every poll lists the whole scope and compares each page with the emitted
 * objects of exactly that page's key range: new keys are creates, different versions updates (on
 * versioned buckets every version in between, in order), keys gone or behind a delete marker deletes.
 * Memory stays flat however large the bucket is. A poll starts at once the first time, then a polling
 * period after the changes of the one before were taken. Pages come in the walk's order: in key order,
 * also from an {@link OrderedParallelWalk} listing several parts of the range at once.
 */
public final class ListingChangeDetector implements ChangeDetector {

    private final Walk<KeyHistory> listing;
    private final KeyRange range;
    private final EmittedObjects emitted;
    private final Duration period;
    private final Clock clock;
    private Instant watermark;
    private boolean baseline;
    private Optional<String> baselineUpTo;
    private Optional<ResumedListing> resumed;
    private Optional<Instant> nextPollAt;
    private Poll poll;

    /**
     * @param listing      the walk over the scope
     * @param range        the keys to compare: only these are listed, and only their emitted objects compared
     * @param emitted      what the source emitted
     * @param period       pause between polls
     * @param clock        the time of polls
     * @param watermark    where the source's view of the bucket is complete from (the snapshot's start, or the
     *                     position's)
     * @param baseline     the state holds nothing from before the source's position (one brought from elsewhere, or
     *                     CDC from now): in the first poll, objects older than the watermark count as emitted already
     *                     and are recorded, not emitted. Never after: a state that became empty since (every key it
     *                     held deleted) still knows what it emitted, so a version a removed delete marker uncovers is
     *                     a create
     * @param baselineUpTo keys up to this one were emitted by whatever made the source's position: in the first
     *                     poll, those not in the state and older than the watermark are recorded, not emitted
     */
    public ListingChangeDetector(Walk<KeyHistory> listing, KeyRange range, EmittedObjects emitted, Duration period, Clock clock,
                                 Instant watermark, boolean baseline, Optional<String> baselineUpTo) {
        this(listing, range, emitted, period, clock, watermark, baseline, baselineUpTo, Optional.empty());
    }

    /**
     * As {@link #ListingChangeDetector(Walk, KeyRange, EmittedObjects, Duration, Clock, Instant, boolean, Optional)}, for
     * a source resuming in the middle of the poll of {@code watermark}.
     *
     * @param resumed the poll of {@code watermark} a stopped run was inside of, after the key of its last record the host
     *                has: the first poll leaves keys up to it to the next one, which starts as soon as it completes. The
     *                first poll's records carry that watermark as the stopped run's did, and a key that changed again
     *                since would otherwise come under the very position of the record the stopped run emitted for it (a
     *                destination names batches after positions: the later batch replaced the earlier one). The keys up
     *                to it the state may lack the records of ({@link ResumedListing#unsure}: no state, the position came
     *                from elsewhere, or a state saved behind the position) are reconciled by the first poll instead: a
     *                key whose latest object is older than the watermark is recorded as it is now (the stopped poll
     *                found it, and its record, if any, is the host's), the others, and the keys
     *                listed no more, are left to the next poll, which emits what differs from the state (at-least-once:
     *                the stopped run may have emitted them, under other positions)
     */
    public ListingChangeDetector(Walk<KeyHistory> listing, KeyRange range, EmittedObjects emitted, Duration period, Clock clock,
                                 Instant watermark, boolean baseline, Optional<String> baselineUpTo,
                                 Optional<ResumedListing> resumed) {
        this.resumed = resumed;
        this.listing = listing;
        this.range = range;
        this.emitted = emitted;
        this.period = period;
        this.clock = clock;
        this.watermark = watermark;
        this.baseline = baseline;
        this.baselineUpTo = baselineUpTo;
        this.nextPollAt = Optional.of(clock.instant());
    }

    @Override
    public Detection detect(Instant deadline) throws InterruptedException {
        if (poll == null) {
            Instant due = nextPollAt.orElseGet(() -> clock.instant().plus(period));
            nextPollAt = Optional.of(due);
            Instant now = clock.instant();
            if (now.isBefore(due)) {
                Instant until = due.isBefore(deadline) ? due : deadline;
                if (now.isBefore(until)) {
                    Thread.sleep(Math.max(1, Duration.between(now, until).toMillis()));
                }
                if (clock.instant().isBefore(due)) {
                    return Detection.nothing(watermark);
                }
            }
            poll = new Poll(clock.instant(), resumed, listing.pages(range));
        }
        WalkPage<KeyHistory> page = poll.pages.next();
        List<Change> changes = compare(page);
        if (!page.last()) {
            return new Detection(changes, watermark, Optional.empty());
        }
        Detection detection = new Detection(changes, watermark, Optional.of(poll.start));
        watermark = poll.start;
        baseline = false;
        baselineUpTo = Optional.empty();
        // The keys a resumed poll left are compared at once, not a polling period later.
        nextPollAt = resumed.map(stopped -> clock.instant());
        resumed = Optional.empty();
        poll = null;
        return detection;
    }

    /** The page against the emitted objects of exactly the key range it covers. */
    private List<Change> compare(WalkPage<KeyHistory> page) {
        // Without state (a position brought from elsewhere), objects older than the watermark are taken as
        // already emitted. At or after it (whole seconds, so nothing sharing the watermark's second is
        // skipped, as Conduit does), they are creates.
        Instant wholeSeconds = watermark.truncatedTo(ChronoUnit.SECONDS);
        Map<String, ObjectVersion> known = emitted.between(page.covered());
        List<Change> changes = new ArrayList<>();
        for (KeyHistory history : page.entries()) {
            Optional<ObjectVersion> before = Optional.ofNullable(known.remove(history.key()));
            if (poll.passed(history.key())) {
                if (poll.unsure(history.key())) {
                    changes.addAll(reconciled(before, history, wholeSeconds));
                }
                continue; // compared by the next poll, under a watermark of its own
            }
            boolean vouched = baseline || baselineUpTo.filter(
                    upTo -> KeyRange.compareKeys(history.key(), upTo) <= 0).isPresent();
            changes.addAll(Change.between(before, history, vouched, wholeSeconds));
        }
        // A key the stopped run went through and that is gone stays in the state, even where the state may lack its
        // record: its delete may be the host's already, or made since, and which, nothing tells. The next poll emits
        // it (at-least-once, as for the objects changed since), rather than risk never emitting it.
        known.values().stream().filter(vanished -> !poll.passed(vanished.key()))
                .forEach(vanished -> changes.add(Change.deleted(vanished, Optional.empty())));
        // In key order, deletes of keys gone among the others: a position names the last key committed, and a source
        // resuming in this poll leaves the keys up to it to the next poll (a stable sort: a key's versions keep theirs).
        changes.sort(Comparator.comparing((Change change) -> change.object().key(), KeyRange.KEY_ORDER));
        return changes;
    }

    /**
     * A key the stopped run went through and whose record the host may have without the state: recorded as it is now
     * when its latest object is older than the watermark (the stopped poll found it so), else left to the next poll.
     */
    private static List<Change> reconciled(Optional<ObjectVersion> before, KeyHistory history, Instant wholeSeconds) {
        if (!history.latest().lastModified().isBefore(wholeSeconds)) {
            return List.of();
        }
        return Change.between(before, history, true, wholeSeconds).stream().map(Change::silently).toList();
    }

    @Override
    public void close() {
        if (poll != null) {
            OrderedParallelWalk.close(poll.pages);
        }
        poll = null;
    }

    /** A poll in progress. */
    private static final class Poll {
        private final Instant start;
        private final Optional<ResumedListing> resumed;
        private final Iterator<WalkPage<KeyHistory>> pages;

        Poll(Instant start, Optional<ResumedListing> resumed, Iterator<WalkPage<KeyHistory>> pages) {
            this.start = start;
            this.resumed = resumed;
            this.pages = pages;
        }

        /** Whether the stopped run this poll resumes went through {@code key} in it already. */
        boolean passed(String key) {
            return resumed.filter(r -> r.passed(key)).isPresent();
        }

        /** Whether the stopped run went through {@code key} and the state may lack its record. */
        boolean unsure(String key) {
            return resumed.filter(r -> r.unsure(key)).isPresent();
        }
    }
}
