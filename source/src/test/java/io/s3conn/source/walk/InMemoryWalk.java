package io.s3conn.source.walk;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.s3conn.source.range.KeyRange;

/**
 * A walk over entries held in memory, the stand-in for a listing in the tests of what consumes a walk: each group
 * of entries that {@code groups} makes of a range is one page, covering from where the page before ended up to its
 * own last key, the final page up to the end of the range. It sends no request and asks for no restore status.
 *
 * @param <E> the entries
 */
public class InMemoryWalk<E> implements Walk<E> {

    private final Function<KeyRange, List<List<E>>> groups;
    private final Function<E, String> keyOf;

    /**
     * @param groups the entries of each page of a range, in key order; at least one (empty for an empty range)
     * @param keyOf  the key of an entry
     */
    public InMemoryWalk(Function<KeyRange, List<List<E>>> groups, Function<E, String> keyOf) {
        this.groups = groups;
        this.keyOf = keyOf;
    }

    @Override
    public Iterator<WalkPage<E>> pages(KeyRange range) {
        List<List<E>> entries = groups.apply(range);
        List<WalkPage<E>> pages = new ArrayList<>();
        Optional<String> after = range.after();
        for (int i = 0; i < entries.size(); i++) {
            boolean last = i == entries.size() - 1;
            Optional<String> upTo = last ? range.upTo() : Optional.of(keyOf.apply(entries.get(i).getLast()));
            pages.add(new WalkPage<>(new KeyRange(after, upTo), entries.get(i), last, false));
            after = upTo;
        }
        return pages.iterator();
    }

    @Override
    public long requestCount() {
        return 0;
    }

    @Override
    public boolean restoreStatusRequested() {
        return false;
    }

    @Override
    public boolean restoreStatusRejected() {
        return false;
    }
}
