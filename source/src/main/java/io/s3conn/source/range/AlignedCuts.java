package io.s3conn.source.range;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where to cut a range for the next walk of it (the next CDC poll), learnt from the keys this walk handed
 * over: after every {@code step}-th key, the step a whole number of pages. Each part of the next walk then
 * holds whole pages and ends with the last key of one, so it costs the requests its pages would cost a
 * sequential walk: cuts placed by density end parts with a short page each, which made a parallel poll cost
 * about twice the requests of a sequential one.
 *
 * <p>Memory stays bounded however many keys pass: once the cuts reach twice the parts allowed, every other
 * one is dropped and the step doubles.
 */
final class AlignedCuts {

    private final int most;
    private long step;
    private long seen;
    private List<String> cuts = new ArrayList<>();
    private Optional<String> lastKey = Optional.empty();

    /**
     * @param pageSize entries a full page holds
     * @param most     parts a plan may have, at least 1
     */
    AlignedCuts(int pageSize, int most) {
        if (pageSize < 1 || most < 1) {
            throw new IllegalArgumentException("page size and parts must be at least 1, were " + pageSize + " and " + most);
        }
        this.step = pageSize;
        this.most = most;
    }

    /** The entries of the next page handed over, in key order after those of the pages before. */
    <E> void add(List<E> entries, Function<E, String> keyOf) {
        if (entries.isEmpty()) {
            return;
        }
        for (long next = (seen / step + 1) * step; next <= seen + entries.size(); next = (next / step + 1) * step) {
            cut(keyOf.apply(entries.get((int) (next - seen - 1))));
        }
        seen += entries.size();
        lastKey = Optional.of(keyOf.apply(entries.getLast()));
    }

    /**
     * As {@link #add}, for keys known without their pages (a started source's committed keys): the key at
     * 1-based position {@code position} of the walk. Given, in order, every key whose position is a multiple
     * of the page size, and the last key, it learns the cuts a walk of those keys would have taught.
     */
    void addAt(long position, String key) {
        if (position <= seen) {
            throw new IllegalArgumentException("positions must increase: " + position + " after " + seen);
        }
        if (position % step == 0) {
            cut(key);
        }
        seen = position;
        lastKey = Optional.of(key);
    }

    /** A cut after {@code key}, the key at a multiple of the step; past twice the parts allowed, the step doubles. */
    private void cut(String key) {
        cuts.add(key);
        if (cuts.size() >= 2 * most) {
            cuts = everyOther(cuts);
            step *= 2;
        }
    }

    /** {@code range} cut into at most {@code most} parts at the cuts learnt, in key order. */
    List<KeyRange> parts(KeyRange range) {
        return parts(range, most);
    }

    /** {@code range} cut into at most {@code fewer} parts (at most {@code most}) at the cuts learnt, in key order. */
    List<KeyRange> parts(KeyRange range, int fewer) {
        int most = Math.max(1, Math.min(this.most, fewer));
        List<String> kept = new ArrayList<>(cuts);
        if (!kept.isEmpty() && lastKey.equals(Optional.of(kept.getLast()))) {
            kept.removeLast(); // a part after the last key would hold nothing and still cost a request
        }
        while (kept.size() >= most) {
            kept = everyOther(kept);
        }
        // Keys with code points from U+D800 on are cut shorter: servers order them two ways (see KeySpace).
        return range.cutAt(KeySpace.boundaries(kept, range.after(), range.upTo()));
    }

    /** The 2nd, 4th, ... cut: those at multiples of twice the step. */
    private static List<String> everyOther(List<String> cuts) {
        List<String> kept = new ArrayList<>(cuts.size() / 2 + 1);
        for (int i = 1; i < cuts.size(); i += 2) {
            kept.add(cuts.get(i));
        }
        return kept;
    }
}
