package io.s3conn.source.range;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
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
    private long listedKeys;
    /** How many keys the range holds in all, as the folders it was cut at tell; empty when unknown. */
    private OptionalLong expectedKeys = OptionalLong.empty();
    /** What the last page tells of the folders around its last key, where they are smaller than a page. */
    private Optional<SmallFolders> smallFolders = Optional.empty();
    /** The folder of the last page's keys, when they all lay in one. */
    private Optional<String> pageFolder = Optional.empty();
    /** Pages in a row, up to the last, that lay wholly in {@link #pageFolder}. */
    private int pagesInFolder;

    /**
     * Folders directly below {@code parent} that hold fewer keys than a page: the last page held at least one
     * of them whole.
     *
     * @param parent          the folder above them
     * @param keysPerFolder   keys the folders the page held whole held on average, at least 1
     */
    record SmallFolders(String parent, long keysPerFolder) {
    }

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
        listedKeys += page.entries().size();
        if (expectedKeys.isPresent() && listedKeys >= expectedKeys.getAsLong()) {
            expectedKeys = OptionalLong.empty(); // its folders hold more than the folders before them told
        }
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
        String lastFolder = KeyDensity.folderOf(lastKey, prefix);
        boolean oneFolder = KeyDensity.folderOf(sample.getFirst(), prefix).equals(lastFolder);
        pagesInFolder = !oneFolder ? 0 : pageFolder.equals(Optional.of(lastFolder)) ? pagesInFolder + 1 : 1;
        pageFolder = oneFolder ? Optional.of(lastFolder) : Optional.empty();
        learnFolders(entries);
        listedSinceSplit = true;
    }

    /**
     * Which folders the page ran through: where it held one of them whole, those folders are small, and the
     * range is better cut at the names of the folders after it ({@link #foldersToList()}) than by density. A
     * page within one folder shows the folder is larger than the folders it was cut at said: what they said
     * of the keys left no longer holds.
     */
    private void learnFolders(List<E> entries) {
        String lastFolder = KeyDensity.folderOf(keyOf.apply(entries.getLast()), prefix);
        if (lastFolder.equals(prefix)) {
            smallFolders = Optional.empty();
            return;
        }
        String parent = lastFolder.substring(0, lastFolder.lastIndexOf('/', lastFolder.length() - 2) + 1);
        String above = parent.length() < prefix.length() ? prefix : parent;
        // Runs of keys in the same folder below the parent (or in none): all but the first and the last are whole.
        List<String> names = new ArrayList<>();
        List<Long> runs = new ArrayList<>();
        for (E entry : entries) {
            String key = keyOf.apply(entry);
            int slash = key.startsWith(above) ? key.indexOf('/', above.length()) : -1;
            String folder = slash < 0 ? "" : key.substring(0, slash + 1);
            if (runs.isEmpty() || !folder.equals(names.getLast())) {
                names.add(folder);
                runs.add(0L);
            }
            runs.set(runs.size() - 1, runs.getLast() + 1);
        }
        if (runs.size() == 1) {
            smallFolders = Optional.empty();
            expectedKeys = OptionalLong.empty();
            return;
        }
        List<Long> whole = new ArrayList<>();
        for (int i = 1; i < runs.size() - 1; i++) {
            if (!names.get(i).isEmpty()) {
                whole.add(runs.get(i));
            }
        }
        smallFolders = whole.isEmpty() ? Optional.empty() : Optional.of(new SmallFolders(above,
                Math.max(1, whole.stream().mapToLong(Long::longValue).sum() / whole.size())));
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
        long byDensity = d.keysInFolder(cursor.get(), upTo) + (d.reachesPast(upTo) ? 2L * pageEntries : 0);
        // Numbered names spread over the whole alphabet put the end of a folder far past its last key: the
        // folders a range was cut at tell better.
        return expectedKeys.isPresent() ? Math.min(byDensity, Math.max(0, expectedKeys.getAsLong() - listedKeys)) : byDensity;
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
        return !done && listedSinceSplit && cursor.isPresent() && keysLeft() > 2L * pageEntries && densityHolds();
    }

    /**
     * Whether what the density says of the keys left is worth a split: not where it reads numbered names
     * ({@link KeyDensity#numbered()}) of a folder that has not yet filled two pages in a row. A folder of about a page
     * ({@code batch-0003/object-00003000} ... {@code 00003999}) then looks endless, and the parts cut past its last key
     * each cost a request that lists the next folder's page to find nothing of its own: at the end of a walk of 20
     * such folders, 15 requests where the walk listed 20 pages. Cut at folder names ({@link #foldersToList()}), small
     * folders are split as before.
     */
    private boolean densityHolds() {
        return smallFolders.isPresent() || density.map(d -> !d.numbered()).orElse(true) || pagesInFolder >= 2;
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
        // Numbered names: one part after what this range keeps (and the folder's end), not parts spread through the
        // rest of the folder's alphabet, where no key lies.
        return cutAt(density
                .map(d -> d.numbered() ? d.cuts(from, upTo, keep(), 1)
                        : d.cuts(from, upTo, Math.max(keep(), d.keysInFolder(from, upTo) / (parts + 1)), parts))
                .orElseGet(() -> KeySpace.cuts(from, upTo, prefix, parts + 1)));
    }

    /**
     * The folder whose folders to list ({@link io.s3conn.source.walk.Walk#foldersAfter}) before this range is
     * split: where its last page held small folders whole and what is left reaches past the folder it ended in.
     * Then {@link #splitAtFolders} cuts at their names, as a plan does; cuts by density would fall mostly where
     * no key lies when names are numbered ({@code obj-000123}), each costing a request.
     */
    Optional<String> foldersToList() {
        // Not once done: its last page (which learns nothing) may have come while its folders were listed, and a cut
        // of a range listed to its end would have its keys listed again.
        if (done || cursor.isEmpty() || density.map(d -> !d.reachesPast(upTo)).orElse(false)) {
            return Optional.empty();
        }
        return smallFolders.map(SmallFolders::parent);
    }

    /**
     * Cuts the unlisted remainder at {@code folders} (names of folders after the cursor, as
     * {@link #foldersToList()} asked for) into this range, which keeps the rest of the folder it is listing and the
     * folders a page holds after it (what its worker's next page lists anyway), and
     * up to {@code parts} more ranges of whole folders, each expected to hold whole pages (as many as needed to
     * share what is left among the parts) with room to spare, so that each costs the requests its pages would
     * cost a sequential walk. What is left after the last folder goes to the last part. Nothing is cut when
     * what is left fits two pages: splitting it would only cost requests. Empty when nothing was cut; then the
     * range is not split again before its next page. Sends nothing.
     */
    List<SplittableRange<E>> splitAtFolders(List<String> folders, int parts) {
        SmallFolders small = smallFolders.orElseThrow(() -> new IllegalStateException("no small folders to cut at"));
        List<String> after = KeySpace.boundaries(folders, cursor, upTo);
        long perFolder = small.keysPerFolder();
        int perPage = (int) Math.max(1, (pageEntries - 1) / perFolder); // whole folders a page holds, with room
        // The page its worker may be listing now reaches through the rest of the cursor's folder and the folders a
        // page holds after it: the range keeps those, so that page ends it instead of being cut short and listed
        // again by the next range.
        int kept = Math.min(after.size(), perPage);
        List<String> inside = after.subList(kept, after.size());
        expectedKeys = OptionalLong.of(listedKeys + perFolder * (kept + 1));
        int pageGroups = (inside.size() + perPage - 1) / perPage;
        if (inside.isEmpty() || pageGroups <= 2) {
            expectedKeys = OptionalLong.of(listedKeys + perFolder * (after.size() + 1));
            listedSinceSplit = false;
            return List.of();
        }
        int perPart = perPage * Math.max(1, (pageGroups + parts - 1) / Math.max(1, parts));
        List<String> cuts = new ArrayList<>();
        for (int i = 0; i < inside.size(); i += perPart) {
            cuts.add(inside.get(i));
        }
        boolean allFolders = folders.size() < pageEntries; // the listing was not cut short
        List<SplittableRange<E>> split = cutAt(cuts);
        for (int i = 0; i < split.size(); i++) {
            int count = Math.min(perPart, inside.size() - i * perPart);
            boolean last = i == split.size() - 1;
            split.get(i).expectedKeys = last && !allFolders ? OptionalLong.empty() : OptionalLong.of(count * perFolder);
        }
        return split;
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
            // What was learned of the folder holds for the parts cut inside it.
            part.pageFolder = pageFolder;
            part.pagesInFolder = pagesInFolder;
            split.add(part);
        }
        return split;
    }
}
