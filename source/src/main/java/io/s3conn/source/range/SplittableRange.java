package io.s3conn.source.range;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import io.s3conn.source.walk.WalkPage;

/**
 * A range listed one page at a time that idle workers may share: how far it was listed, what its last
 * page tells of where its remaining keys lie ({@link KeyDensity}), and the cuts that hand part of that
 * remainder to other workers. The one splitting rule of the {@link ParallelWalker} and the
 * {@link OrderedParallelWalk}.
 *
 * <p>Not thread-safe: its walker guards it with its own lock. A split only lowers the upper bound, and a
 * page listed before the split is {@link #take trimmed} to it, so the range and the parts split off it
 * still hold every key once.
 *
 * @param <E> the entry type of the walk
 */
final class SplittableRange<E> {

    /** Keys of a page kept to estimate where the rest of its range lies. */
    private static final int SAMPLE_SIZE = 64;

    private final Function<E, String> keyOf;
    private final String prefix;
    private final Optional<String> after;
    private Optional<String> cursor;
    private Optional<String> upTo;
    private int pages;
    private int pageEntries;
    private Optional<KeyDensity> density = Optional.empty();
    private boolean listedSinceSplit;
    private boolean done;

    /**
     * @param range  the keys to list
     * @param keyOf  the key of an entry
     * @param prefix the scope's prefix: every key starts with it
     */
    SplittableRange(KeyRange range, Function<E, String> keyOf, String prefix) {
        this.keyOf = Objects.requireNonNull(keyOf, "keyOf");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.after = range.after();
        this.cursor = range.after();
        this.upTo = range.upTo();
    }

    /** The range as it stands: a split may since have lowered its upper bound. */
    KeyRange range() {
        return new KeyRange(after, upTo);
    }

    /** What is left to list: after the last page taken. */
    KeyRange remaining() {
        return new KeyRange(cursor, upTo);
    }

    /** Whether its last page was taken. */
    boolean done() {
        return done;
    }

    /** Pages taken. */
    int pages() {
        return pages;
    }

    /**
     * Takes a page listed from {@link #remaining()}, trimmed to the range as it stands now (a split while it
     * was listed lowers the upper bound; what lies above belongs to the part split off), and learns from it
     * where the rest lies.
     */
    WalkPage<E> take(WalkPage<E> listed) {
        WalkPage<E> page = trim(listed);
        pages++;
        if (page.last()) {
            done = true;
        } else {
            cursor = page.covered().upTo();
            learn(page);
        }
        return page;
    }

    /**
     * The page as it stands against the upper bound. It ends the range when it covers up to the bound or
     * beyond, even without keys beyond: a page's covered bound may lie past its last key (a server listing in
     * UTF-16 order holds back keys past a character above U+D7FF), and the next page would cover keys of the
     * part after the bound.
     */
    private WalkPage<E> trim(WalkPage<E> listed) {
        if (upTo.isEmpty()) {
            return listed;
        }
        String bound = upTo.get();
        boolean reachedEnd = listed.last()
                || listed.covered().upTo().map(u -> KeyRange.compareKeys(u, bound) >= 0).orElse(true);
        if (!reachedEnd) {
            return listed; // its keys all lie at or before its covered bound, below ours
        }
        List<E> entries = new ArrayList<>(listed.entries().size());
        for (E entry : listed.entries()) {
            if (KeyRange.compareKeys(keyOf.apply(entry), bound) <= 0) {
                entries.add(entry);
            }
        }
        return new WalkPage<>(remaining(), entries, true, listed.restoreStatusRequested());
    }

    /** What a full page says of where the range's remaining keys lie. */
    private void learn(WalkPage<E> page) {
        List<E> entries = page.entries();
        int step = Math.max(1, entries.size() / SAMPLE_SIZE);
        List<String> sample = new ArrayList<>(SAMPLE_SIZE + 1);
        for (int i = 0; i < entries.size(); i += step) {
            sample.add(keyOf.apply(entries.get(i)));
        }
        String lastKey = keyOf.apply(entries.getLast());
        if (!sample.getLast().equals(lastKey)) {
            sample.add(lastKey);
        }
        pageEntries = Math.max(pageEntries, entries.size());
        KeyDensity.of(sample, entries.size(), prefix).ifPresent(d -> density = Optional.of(d));
        listedSinceSplit = true;
    }

    /**
     * About how many keys are left, as far as the last page tells: those of its folder, and a couple of
     * pages for what lies past the folder (a split carves that off as a range of its own, to be sized when
     * walked). Without a density, unknown: many.
     */
    long keysLeft() {
        if (density.isEmpty() || cursor.isEmpty()) {
            return Long.MAX_VALUE;
        }
        KeyDensity d = density.get();
        return d.keysInFolder(cursor.get(), upTo) + (d.reachesPast(upTo) ? 2L * pageEntries : 0);
    }

    /**
     * About how many pages are left ({@link #keysLeft()} in pages of the size listed so far); at least 1
     * while not done.
     */
    long pagesLeft() {
        long keys = keysLeft();
        return keys == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(1, keys / Math.max(1, pageEntries));
    }

    /**
     * Has listed a full page since it was last split (so splits never outnumber pages) and has more than
     * two pages left as far as is known: a split of a range about to end only costs requests.
     */
    boolean splittable() {
        return !done && listedSinceSplit && cursor.isPresent() && keysLeft() > 2L * pageEntries;
    }

    /**
     * Cuts the unlisted remainder into this range and {@code parts} more ranges, returned in key order, as
     * even as the last page's density tells; empty when no cut fell inside it. This range keeps an equal
     * share, and at least a page and a quarter after the cursor (what its worker may be listing now): had
     * it kept only that, its worker would soon be idle and split another range, and every split ends a
     * range with a page that is not full (a skewed bucket cost a quarter more requests so). The cut points
     * come from the density (spread over the rest of its folder, with one more at the folder's end), else
     * from {@link KeySpace#cuts}; both are order-safe. Sends nothing. Only for a {@link #splittable()} range.
     */
    List<SplittableRange<E>> split(int parts) {
        String from = cursor.orElseThrow(() -> new IllegalStateException("a range is split only after a page"));
        return cutAt(density
                .map(d -> d.cuts(from, upTo, Math.max(keep(), d.keysInFolder(from, upTo) / (parts + 1)), parts))
                .orElseGet(() -> KeySpace.cuts(from, upTo, prefix, parts + 1)));
    }

    /**
     * As {@link #split}, but the {@code parts} ranges split off lie right after what this range keeps, about
     * {@code pagesEach} pages each, and the rest of the remainder is one more range: for a walker that hands
     * pages over in key order, where pages listed far ahead only wait. Spread as {@link #split} when the
     * folder ends before those parts would, or when the last page gave no density.
     */
    List<SplittableRange<E>> splitNear(int parts, int pagesEach) {
        String from = cursor.orElseThrow(() -> new IllegalStateException("a range is split only after a page"));
        Optional<String> near = density.flatMap(d -> d.cuts(from, upTo, keep() + (long) parts * pagesEach * pageEntries, 1)
                .stream().findFirst().filter(point -> point.startsWith(d.folder())));
        List<String> cuts = new ArrayList<>(near.map(n -> density.get().cuts(from, near, keep(), parts)).orElse(List.of()));
        if (cuts.isEmpty()) {
            return split(parts);
        }
        cuts.add(near.get());
        return cutAt(cuts);
    }

    /** What the worker listing this range keeps of it at a split: about a page and a quarter. */
    private long keep() {
        return pageEntries + pageEntries / 4;
    }

    /** This range ended at the first of {@code cuts} (increasing, inside the remainder), and the ranges after it. */
    private List<SplittableRange<E>> cutAt(List<String> cuts) {
        listedSinceSplit = false;
        if (cuts.isEmpty()) {
            return List.of();
        }
        Optional<String> end = upTo;
        upTo = Optional.of(cuts.getFirst());
        List<SplittableRange<E>> split = new ArrayList<>(cuts.size());
        for (int i = 0; i < cuts.size(); i++) {
            Optional<String> partEnd = i + 1 < cuts.size() ? Optional.of(cuts.get(i + 1)) : end;
            SplittableRange<E> part = new SplittableRange<>(new KeyRange(Optional.of(cuts.get(i)), partEnd), keyOf, prefix);
            part.density = density;
            part.pageEntries = pageEntries;
            split.add(part);
        }
        return split;
    }
}
