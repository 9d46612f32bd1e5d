package io.s3conn.source.snapshot;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import io.s3conn.source.change.Change;
import io.s3conn.source.range.KeyRange;
import io.s3conn.source.range.KeySpace;
import io.s3conn.source.range.OrderedParallelWalk;
import io.s3conn.source.walk.KeyHistory;
import io.s3conn.source.walk.Walk;
import io.s3conn.source.walk.WalkPage;

/**
 * The snapshot: every current object of a key range of the scope after a key, one listing page at a time, in key order.
 * Keys whose latest entry is a delete marker are not there. Lists lazily: nothing is requested before
 * the first {@link #nextPage()}. The walk must hand its pages over in key order (a sequential walk, or an
 * {@link OrderedParallelWalk}): a position is the last key emitted, and a snapshot resumes after it.
 */
public final class SnapshotReader {

    private final Walk<KeyHistory> listing;
    private final KeyRange range;
    private final String prefix;
    private final Optional<String> after;
    private Iterator<WalkPage<KeyHistory>> pages;

    /**
     * @param listing the walk over the scope
     * @param range   the keys to read
     * @param prefix  the scope's prefix: every key starts with it
     * @param after   the last key already emitted; empty to start at the beginning of the range
     */
    public SnapshotReader(Walk<KeyHistory> listing, KeyRange range, String prefix, Optional<String> after) {
        this.listing = listing;
        this.range = range;
        this.prefix = prefix;
        this.after = after;
    }

    /** The snapshot changes of the next page (possibly none); empty once the end of the scope was reached. */
    public Optional<List<Change>> nextPage() {
        if (pages == null) {
            // From the last key's safe prefix: a server listing in UTF-16 order puts keys that follow the last
            // key in UTF-8 order before it (see PageRelease), and listing after the key itself would skip them.
            pages = listing.pages(range.resumedAfter(after.map(key -> KeySpace.safePrefix(key, prefix))));
        }
        if (!pages.hasNext()) {
            return Optional.empty();
        }
        return Optional.of(pages.next().entries().stream()
                .filter(history -> after.map(a -> KeyRange.compareKeys(history.key(), a) > 0).orElse(true))
                .map(KeyHistory::latest).filter(v -> !v.deleteMarker()).map(Change::snapshot).toList());
    }

    /** Stops listing ahead, for a snapshot left before its end. */
    public void close() {
        if (pages != null) {
            OrderedParallelWalk.close(pages);
        }
    }
}
