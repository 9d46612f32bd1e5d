package io.s3conn.source.range;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.s3conn.source.walk.DirectoryBucketException;
import io.s3conn.source.walk.GuardedListings;
import io.s3conn.source.walk.WalkPage;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/**
 * Cuts a scope (bucket and prefix) into key ranges to walk at once, without listing it.
 *
 * <ol>
 *   <li>The folder layout, where there is one: one ListObjectsV2 with delimiter {@code /} returns the
 *       first common prefixes under the scope's prefix; each becomes the start of a range (grouped when
 *       there are more than wanted). Whatever the page did not reach stays in the last range.</li>
 *   <li>Where there are too few folders (a flat key space), the same listing's keys tell how keys are
 *       spread ({@link KeyDensity}) and the last range is cut evenly by that, up to where the keys end:
 *       the upper bound when the listing was complete, else where rounds of probes sent at once (at most
 *       8 round trips) find the scope's keys end (a page tells how densely keys lie, not where they stop); when they tell nothing, it is cut by
 *       {@link RangeSplitter#split} at points that probes show to hold keys.</li>
 * </ol>
 * A scope that holds one folder and nothing else is planned as that folder: one more listing a level. A
 * listing without delimiter, sent first, shows whether the scope fits one page: then it is one range, however many
 * folders it spreads over, and that page is the plan's only request (an empty scope's too); else the delimiter
 * listing follows, and the folders that page holds whole are one range, not one each.
 * The plan only balances the start; a walker splits ranges that turn out large while it walks them.
 * Ranges are consecutive and together cover exactly the range planned, so correctness never depends on
 * the plan.
 */
public final class RangePlanner {

    private static final String DELIMITER = "/";
    /** The most rounds of probes {@link #keysEnd} sends. */
    private static final int MAX_END_ROUNDS = 8;
    /** Probes {@link #keysEnd} sends at once: a round. */
    private static final int PROBES_AT_ONCE = 8;
    /** {@link #keysEnd} is done when what is left unknown is at most this fraction (1/n) of the keys found. */
    private static final int END_PRECISION = 32;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final KeyProbe probe;
    private final int pageSize;
    private final RangeSplitter splitter;
    /** Shared with the planners of one plan's folders. */
    private final AtomicInteger endRounds;

    /**
     * @param s3       the client, owned by the caller
     * @param bucket   the bucket
     * @param prefix   the scope: keys starting with this ({@code ""} for all)
     * @param probe    where keys of the same scope are
     * @param pageSize keys a page of the walk that lists the plan holds: a range that fits one costs one request
     */
    public RangePlanner(S3Client s3, String bucket, String prefix, KeyProbe probe, int pageSize) {
        this(s3, bucket, prefix, probe, pageSize, new AtomicInteger());
    }

    private RangePlanner(S3Client s3, String bucket, String prefix, KeyProbe probe, int pageSize, AtomicInteger endRounds) {
        this.endRounds = endRounds;
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        DirectoryBucketException.refuseDirectoryBucket(bucket);
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.probe = Objects.requireNonNull(probe, "probe");
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("page size must be 1 to 1000, was " + pageSize);
        }
        this.pageSize = pageSize;
        this.splitter = new RangeSplitter(probe, prefix);
    }

    /** A planner for walks of 1000 keys a page, S3's most. */
    public RangePlanner(S3Client s3, String bucket, String prefix, KeyProbe probe) {
        this(s3, bucket, prefix, probe, 1000);
    }

    /** A planner probing through an {@link S3KeyProbe} on the same client, for walks of 1000 keys a page. */
    public static RangePlanner of(S3Client s3, String bucket, String prefix) {
        return of(s3, bucket, prefix, 1000);
    }

    /** A planner probing through an {@link S3KeyProbe} on the same client, for walks of {@code pageSize} keys a page. */
    public static RangePlanner of(S3Client s3, String bucket, String prefix, int pageSize) {
        return new RangePlanner(s3, bucket, prefix, new S3KeyProbe(s3, bucket, prefix), pageSize);
    }

    /**
     * Up to {@code targetRanges} consecutive ranges covering exactly {@code within}. Sends one listing without
     * delimiter (whether the scope fits one page: then nothing more) and, when more keys follow, one with a delimiter
     * (one more for each level of a scope that is a single folder), then, if that found too few folders: up to 8 rounds of up to 8 probes sent at once, for where the keys end when the listing
     * was truncated, and one round of a probe per cut placed, sent at once, for whether every range holds keys (when
     * some do not, probes as {@link RangeSplitter#split} too); or, if it found too few keys to place cuts, probes as
     * {@link RangeSplitter#split}; nothing for a target of one range.
     */
    public List<KeyRange> plan(KeyRange within, int targetRanges) {
        return plan(within, targetRanges, this::firstPage);
    }

    /**
     * As {@link #plan(KeyRange, int)}, with the first page listed by {@code walk}, the walk that lists the plan, instead
     * of a ListObjectsV2 of its own: when that page holds all of {@code within}, the plan is {@code within} and the walk
     * hands the page over as its first, listing nothing more (an empty or one-page scope costs the walk's one request
     * alone).
     */
    public List<KeyRange> plan(KeyRange within, int targetRanges, FirstPageWalk<?> walk) {
        walk.forget();
        return plan(within, targetRanges, range -> FirstPage.of(walk.firstPage(range)));
    }

    private List<KeyRange> plan(KeyRange within, int targetRanges, Function<KeyRange, FirstPage> firstPages) {
        if (targetRanges < 1) {
            throw new IllegalArgumentException("target ranges must be at least 1, was " + targetRanges);
        }
        if (targetRanges == 1) {
            return List.of(within); // one sequential walk: nothing to find out
        }
        // Before the delimiter listing, not beside it: a scope of one page is one range, however many folders it
        // spreads over (each range costs a request, however few keys it holds), so an empty or small scope costs this
        // request alone, where sending both at once cost two; a larger one waits one round trip more for its folders.
        FirstPage page = firstPages.apply(within);
        if (page.whole()) {
            return List.of(within);
        }
        // Probes of this plan answer later ones in the gaps they found; keys change before the next plan.
        return new RangePlanner(s3, bucket, prefix, new RememberedProbe(probe), pageSize, endRounds)
                .planWithFolders(within, targetRanges, page);
    }

    private List<KeyRange> planWithFolders(KeyRange within, int targetRanges, FirstPage page) {
        FirstFolders first = folders(within);
        List<String> folders = KeySpace.boundaries(first.names(), within.after(), within.upTo());
        int step = Math.max(1, (folders.size() + targetRanges - 1) / targetRanges);
        // Folders the first page holds whole are in the first range, which ends at the first folder it does not hold
        // (or later, as a step of folders): each range costs a request, however few keys it holds.
        int heldWhole = (int) folders.stream().takeWhile(page::holdsWhole).count();
        if (first.names().size() == 1 && first.keys().isEmpty() && !first.truncated()) {
            // The scope is one folder and nothing else (data/...): its layout shows one level down.
            return new RangePlanner(s3, bucket, first.names().getFirst(), probe, pageSize, endRounds)
                    .planWithFolders(within, targetRanges, FirstPage.UNKNOWN);
        }
        List<KeyRange> ranges = new ArrayList<>();
        Optional<String> after = within.after();
        // A folder's keys sort after its name, so the range before a folder ends at the name itself.
        for (int i = Math.max(step, heldWhole); i < folders.size(); i += step) {
            ranges.add(new KeyRange(after, Optional.of(folders.get(i))));
            after = Optional.of(folders.get(i));
        }
        KeyRange rest = new KeyRange(after, within.upTo());
        // The rest is one folder, unless the layout gave too little to go on (no folders, or more than a page).
        boolean restUnknown = folders.size() < 2 || first.truncated();
        int missing = targetRanges - ranges.size();
        ranges.addAll(restUnknown && missing > 1 ? cut(rest, missing, first.keys(), first.truncated()) : List.of(rest));
        return ranges;
    }

    /**
     * {@code rest} in up to {@code pieces} ranges, none expected to hold less than a page: by the density
     * of the listed keys, else by probes. When the listing was truncated, the density is used only up to
     * where {@link #keysEnd probes} find the keys end, the last range reaches on to the upper bound, and probes
     * at the cuts make sure every range holds keys.
     */
    private List<KeyRange> cut(KeyRange rest, int pieces, List<String> listed, boolean truncated) {
        List<String> inRest = listed.stream().filter(rest::contains).toList();
        Optional<KeyDensity> density = KeyDensity.of(inRest, inRest.size(), prefix);
        if (density.isEmpty()) {
            return splitter.split(rest, pieces);
        }
        // Extrapolated to the upper bound, one page of numbered keys (obj-00000 ... obj-00999 of 10,000)
        // would put every cut past the last key, and fixed ranges (Kafka Connect tasks) cannot be split later.
        Optional<String> end = truncated ? keysEnd(rest, density.get(), inRest, listed.size()) : rest.upTo();
        // No part smaller than the listing just made (a page): a small scope stays one range.
        long keys = density.get().keysIn(inRest.getFirst(), end).orElse(Long.MAX_VALUE);
        long pages = keys / Math.max(1, listed.size());
        int count = (int) Math.max(1, Math.min(pieces, pages));
        // The first cut one part after the first key, not at it: a first key shorter than the others (obj-1
        // before obj-10) lies before its own position's key, which would make one range too many.
        List<String> cuts = density.get().cuts(inRest.getFirst(), end, keys / count, count - 1);
        if (!truncated || cuts.isEmpty()) {
            return rest.cutAt(cuts);
        }
        // Past the page, the density is a guess: keys that start otherwise than the page's (digits on the page;
        // then upper case, lower case, letters beyond ASCII) all sit where the page's alphabet ends, so cuts spread
        // evenly through that alphabet left ranges without a key between them, and a Kafka Connect task with
        // nothing to read. One round of probes, sent at once, shows which ranges hold keys.
        List<KeyRange> checked = splitter.cutHoldingKeys(rest, inRest.getFirst(), cuts);
        if (checked.size() == cuts.size() + 1) {
            return checked;
        }
        // Some were empty and merged: cut points halving the key space, probed as well, may find more ranges
        // that hold keys.
        List<KeyRange> halved = splitter.split(rest, count);
        return halved.size() > checked.size() ? halved : checked;
    }

    /**
     * Where the keys of {@code rest} end, about, when its first page ended at {@code listed}'s last key:
     * found by probes, because a page shows how densely keys lie but not where they stop.
     *
     * <p>The search is done once the interval between the last key found and the nearest point known to
     * have no key of {@code rest} after it (at first the upper bound) holds at most 1/{@value #END_PRECISION}
     * of the keys before it, by the density; that point is the answer. The first round is one probe: whether
     * keys reach close enough to the upper bound; keys spread over their whole alphabet (hash-named) do, and
     * cost that probe alone. Then rounds of up to {@value #PROBES_AT_ONCE} probes sent at once, each round one
     * round trip however many probes it holds: steps that double from the last key found (one page of keys,
     * two, four, ...: galloping on), and points spread evenly through what is still unknown (narrowing down).
     * 10,000 numbered keys take four rounds (25 probes; one probe after another took ten round trips), keys
     * that run on for millions of pages six, and never more than {@value #MAX_END_ROUNDS}: past that the answer
     * is the last key found, and the keys not reached go to the last range, which stays open. A few keys far
     * after all the others (one {@code zzz} after {@code obj-...}) are taken for the end.
     */
    private Optional<String> keysEnd(KeyRange rest, KeyDensity density, List<String> listed, long page) {
        String first = listed.getFirst();
        String found = listed.getLast();
        Optional<String> empty = rest.upTo(); // no key of rest lies after it
        long step = page;
        for (int round = 0; round < MAX_END_ROUNDS; round++) {
            long known = density.keysIn(first, Optional.of(found)).orElse(0);
            long unknown = density.keysIn(found, empty).orElse(0);
            if (unknown <= known / END_PRECISION) {
                return empty;
            }
            // The first round is one probe: whether keys reach close enough to the bound (hash-named keys do).
            List<Long> aheads = round == 0 ? List.of(unknown - (known + unknown) / (END_PRECISION + 1)) : aheads(unknown, step);
            List<EndProbe> probes = points(density, found, empty, aheads);
            if (probes.isEmpty()) {
                return empty; // no cut point fits between the two any more
            }
            endRounds.incrementAndGet();
            List<Optional<String>> firstKeys = probe.firstKeysAfter(probes.stream().map(EndProbe::point).toList());
            for (int i = 0; i < probes.size(); i++) {
                Optional<String> next = firstKeys.get(i);
                String point = probes.get(i).point();
                if (next.isPresent() && rest.contains(next.get())) {
                    if (KeyRange.compareKeys(next.get(), found) > 0) {
                        found = next.get();
                        step = round == 0 ? step : 2 * probes.get(i).ahead(); // gallop on from there
                    }
                } else if (KeyRange.compareKeys(point, found) >= 0
                        && empty.map(e -> KeyRange.compareKeys(point, e) < 0).orElse(true)) {
                    empty = Optional.of(point);
                }
            }
        }
        return Optional.of(found); // out of rounds: as far as keys are known to reach
    }

    /**
     * How many keys after the last one found the probes of a round are placed, by the density: steps that
     * double from {@code step} while they stay within half of what is unknown (galloping on from the last key
     * found), and the rest evenly through what is unknown (narrowing down where keys stop).
     */
    private static List<Long> aheads(long unknown, long step) {
        List<Long> aheads = new ArrayList<>();
        for (long ahead = step; aheads.size() < PROBES_AT_ONCE && ahead <= unknown / 2; ahead <<= 1) {
            aheads.add(ahead);
        }
        for (int i = 1; aheads.size() < PROBES_AT_ONCE && i <= PROBES_AT_ONCE; i++) {
            aheads.add(unknown * i / (PROBES_AT_ONCE + 1));
        }
        return aheads.stream().filter(ahead -> ahead > 0).distinct().sorted().toList();
    }

    /** A probe of {@link #keysEnd}: a point placed {@code ahead} keys after the last key found, by the density. */
    private record EndProbe(long ahead, String point) {
    }

    /** The points {@code aheads} keys after {@code found} by the density, strictly increasing. */
    private static List<EndProbe> points(KeyDensity density, String found, Optional<String> empty, List<Long> aheads) {
        List<EndProbe> probes = new ArrayList<>(aheads.size());
        for (long ahead : aheads) {
            density.cuts(found, empty, ahead, 1).stream().findFirst()
                    .filter(point -> probes.isEmpty() || KeyRange.compareKeys(point, probes.getLast().point()) > 0)
                    .ifPresent(point -> probes.add(new EndProbe(ahead, point)));
        }
        return probes;
    }

    /** Rounds of probes sent by this planner to find where keys end, for tests: each costs one round trip. */
    int endRounds() {
        return endRounds.get();
    }

    /** Every key of the scope in up to {@code targetRanges} ranges. */
    public List<KeyRange> plan(int targetRanges) {
        return plan(KeyRange.ALL, targetRanges);
    }

    /**
     * The common prefixes of the first delimiter page strictly inside the range planned, whether more
     * followed, and the page's keys (in a flat key space, a sample of how keys are spread).
     */
    private record FirstFolders(List<String> names, boolean truncated, List<String> keys) {
    }

    /**
     * What the first page of a plain listing of the range showed.
     *
     * @param whole   whether it held every key of the range
     * @param lastKey its last key, when it had one and did not hold every key
     */
    private record FirstPage(boolean whole, Optional<String> lastKey) {
        /** Nothing known: a page not listed. */
        static final FirstPage UNKNOWN = new FirstPage(false, Optional.empty());

        /** What a walk's first page of the range shows: all of it when it is the last, else the keys it covers. */
        static FirstPage of(WalkPage<?> page) {
            return page.last() ? new FirstPage(true, Optional.empty()) : new FirstPage(false, page.covered().upTo());
        }

        /** Whether every key of {@code folder} lies before the page's last key, outside the folder of that key. */
        boolean holdsWhole(String folder) {
            return lastKey.filter(last -> KeyRange.compareKeys(folder, last) < 0 && !last.startsWith(folder)).isPresent();
        }
    }

    /**
     * The first page of a plain listing of {@code within} as the walk lists it (one request): whether it holds every
     * key, and its last.
     */
    private FirstPage firstPage(KeyRange within) {
        ListObjectsV2Response page = s3.listObjectsV2(firstPageRequest(within, pageSize).build());
        if (!Boolean.TRUE.equals(page.isTruncated()) || page.contents().isEmpty()) {
            return new FirstPage(true, Optional.empty());
        }
        String last = page.contents().getLast().key();
        // A full page that already reaches past the range's upper bound holds all of the range too.
        boolean whole = within.upTo().map(upTo -> KeyRange.compareKeys(last, upTo) >= 0).orElse(false);
        return new FirstPage(whole, whole ? Optional.empty() : Optional.of(last));
    }

    /** The first page of the scope's keys within {@code within}: a listing from the range's start. */
    private ListObjectsV2Request.Builder firstPageRequest(KeyRange within, int maxKeys) {
        ListObjectsV2Request.Builder request = GuardedListings.listObjectsV2().bucket(bucket).maxKeys(maxKeys)
                .encodingType(EncodingType.URL);
        if (!prefix.isEmpty()) {
            request.prefix(prefix);
        }
        within.after().ifPresent(request::startAfter);
        return request;
    }

    private FirstFolders folders(KeyRange within) {
        ListObjectsV2Response page = s3.listObjectsV2(firstPageRequest(within, 1000).delimiter(DELIMITER).build());
        List<String> names = page.commonPrefixes().stream().map(CommonPrefix::prefix)
                .filter(folder -> within.contains(folder) && !within.upTo().equals(Optional.of(folder)))
                .sorted(KeyRange.KEY_ORDER)
                .toList();
        List<String> keys = page.contents().stream().map(o -> o.key())
                .toList();
        return new FirstFolders(names, Boolean.TRUE.equals(page.isTruncated()), keys);
    }
}
