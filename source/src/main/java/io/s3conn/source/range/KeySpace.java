package io.s3conn.source.range;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Points of the key space between two bounds, without knowing the keys: where to probe or cut.
 *
 * <p>Every point made here is <em>order-safe</em>: made only of code points below U+D800. Amazon S3 and
 * Ceph RGW order keys by UTF-8 bytes ({@link KeyRange#KEY_ORDER}), but S3Proxy (and any server sorting
 * Java strings) by UTF-16 units, which put U+E000..U+FFFF after the supplementary characters instead of
 * before them. Against a point without such code points both orders agree for every key, so a range
 * bounded by it holds the same keys whichever order the server lists in. A point that is not safe
 * loses keys there: a range ending at {@code "\uE01F"} is told "done" by the first emoji key the server
 * lists, and the range after it is listed from a marker the server puts after that key.
 *
 * <p>Strings are compared by code point, which is the UTF-8 byte order. A point is the "middle" of the
 * first code point where the bounds differ, preferring printable ASCII, then ASCII: keys mostly live
 * there, and a point where no key lives only costs a probe that finds nothing. Where only points with
 * higher code points would lie between the bounds, there is none: cut points only balance the work.
 */
public final class KeySpace {

    /** Above every code point: an open upper bound within a prefix is the prefix followed by this. */
    private static final int OPEN = Character.MAX_CODE_POINT + 1;
    /** Below the surrogates: where UTF-8 and UTF-16 order agree. */
    private static final int SAFE_BELOW = Character.MIN_SURROGATE;
    /** The longest key S3 stores, in bytes of UTF-8. */
    private static final int MAX_KEY_BYTES = 1024;
    private static final int[][] TIERS = {{0x20, 0x7E}, {0x00, 0x7F}, {0x00, SAFE_BELOW - 1}};

    private KeySpace() {
    }

    /**
     * An order-safe string strictly between {@code low} and {@code high} in key order, within the keys
     * starting with {@code prefix}: {@code high} empty means the end of those keys, and a {@code low} before
     * the prefix counts as the prefix itself. Empty when no such string lies between (as between {@code "a"}
     * and {@code "a\u0000"}, or after {@code "\uD83D\uDE00"}).
     */
    public static Optional<String> between(String low, Optional<String> high, String prefix) {
        int[] lo = low.codePoints().toArray();
        int[] pre = prefix.codePoints().toArray();
        if (KeyRange.compareKeys(low, prefix) < 0) {
            lo = pre;
        }
        int[] hi = high.map(h -> h.codePoints().toArray()).orElseGet(() -> append(pre, OPEN));
        if (compare(lo, hi) >= 0) {
            return Optional.empty();
        }
        // The order-safe start of the middle is still below hi; above lo only if it kept enough of it.
        Optional<String> after = Optional.of(string(lo));
        return middle(lo, hi).flatMap(m -> boundaries(List.of(string(m)), after, Optional.empty()).stream().findFirst());
    }

    /**
     * Whether a point is no longer than a key may be (1,024 bytes of UTF-8). Between two keys no longer
     * than that, a longer point separates no key from another, and a server may refuse it as a marker.
     */
    private static boolean fitsAKey(String point) {
        return point.length() <= MAX_KEY_BYTES / 3
                || point.getBytes(StandardCharsets.UTF_8).length <= MAX_KEY_BYTES;
    }

    /** How many leading code points of {@code codePoints} are order-safe. */
    private static int safeLength(int[] codePoints) {
        int end = 0;
        while (end < codePoints.length && codePoints[end] < SAFE_BELOW) {
            end++;
        }
        return end;
    }

    /**
     * Up to {@code pieces - 1} increasing points strictly between {@code low} and {@code high} (as in
     * {@link #between}) that cut the interval into {@code pieces} parts, by repeated halving.
     */
    public static List<String> cuts(String low, Optional<String> high, String prefix, int pieces) {
        List<String> cuts = new ArrayList<>();
        cut(low, high, prefix, pieces, cuts);
        return cuts;
    }

    private static void cut(String low, Optional<String> high, String prefix, int pieces, List<String> into) {
        if (pieces < 2) {
            return;
        }
        Optional<String> middle = between(low, high, prefix);
        if (middle.isEmpty()) {
            return;
        }
        cut(low, middle, prefix, pieces / 2, into);
        into.add(middle.get());
        cut(middle.get(), high, prefix, pieces - pieces / 2, into);
    }

    /** The middle of {@code lo < hi}; {@code hi} may end with {@link #OPEN}. */
    private static Optional<int[]> middle(int[] lo, int[] hi) {
        int[] out = new int[Math.max(lo.length, hi.length) + 2];
        int length = 0;
        for (int i = 0; ; i++) {
            int x = i < lo.length ? lo[i] : -1;
            if (i >= hi.length) {
                return Optional.empty(); // only after following hi to its end: nothing lies between
            }
            int y = hi[i];
            if (x == y) {
                out = ensure(out, length);
                out[length++] = x;
                continue;
            }
            Optional<Integer> pick = pick(x, y);
            out = ensure(out, length);
            if (pick.isPresent()) {
                out[length++] = pick.get();
                return Optional.of(Arrays.copyOf(out, length));
            }
            if (x >= 0) {
                // Adjacent code points: keep lo's, then anything after the rest of lo is below hi.
                out[length++] = x;
                hi = append(Arrays.copyOf(out, length), OPEN);
                continue;
            }
            // lo is a prefix of what we have and hi continues with U+0000: that prefix of hi, if shorter than hi.
            out[length++] = y;
            return i + 1 < hi.length ? Optional.of(Arrays.copyOf(out, length)) : Optional.empty();
        }
    }

    /** An order-safe code point strictly between {@code x} and {@code y}, preferring where keys live. */
    private static Optional<Integer> pick(int x, int y) {
        for (int[] tier : TIERS) {
            int from = Math.max(x + 1, tier[0]);
            int to = Math.min(y - 1, tier[1]);
            if (from <= to) {
                return Optional.of(from + (to - from) / 2);
            }
        }
        return Optional.empty();
    }

    private static int compare(int[] a, int[] b) {
        return Arrays.compare(a, b);
    }

    private static int[] append(int[] codePoints, int last) {
        int[] out = Arrays.copyOf(codePoints, codePoints.length + 1);
        out[codePoints.length] = last;
        return out;
    }

    private static int[] ensure(int[] out, int length) {
        return length < out.length ? out : Arrays.copyOf(out, out.length * 2 + 1);
    }

    private static String string(int[] codePoints) {
        return new String(codePoints, 0, codePoints.length);
    }

    /**
     * The order-safe {@code candidates}, each cut before its first code point at or above U+D800, that lie
     * strictly inside {@code (after, upTo)}, kept strictly increasing: the one filter for cut points taken
     * from elsewhere (folder names a server listed, keys estimated from a density), so that every range
     * boundary is order-safe (see the class comment). The shorter boundary only moves where ranges meet;
     * which keys a scope holds does not depend on it. Candidates longer than a key may be are dropped.
     */
    public static List<String> boundaries(List<String> candidates, Optional<String> after, Optional<String> upTo) {
        List<String> kept = new ArrayList<>(candidates.size());
        for (String candidate : candidates) {
            int[] codePoints = candidate.codePoints().toArray();
            int end = safeLength(codePoints);
            if (end == 0) {
                continue;
            }
            String cut = string(Arrays.copyOf(codePoints, end));
            Optional<String> previous = kept.isEmpty() ? after : Optional.of(kept.getLast());
            if (fitsAKey(cut) && previous.map(p -> KeyRange.compareKeys(cut, p) > 0).orElse(true)
                    && upTo.map(u -> KeyRange.compareKeys(cut, u) < 0).orElse(true)) {
                kept.add(cut);
            }
        }
        return kept;
    }

    /**
     * {@code key} cut before its first code point at or above U+D800 after {@code prefix}: the largest
     * point at or before {@code key} that every server orders alike against every key starting with
     * {@code prefix} (the prefix itself is common to them all). A walk that has listed everything up to
     * {@code key} in its server's order has listed everything up to this point in both orders.
     */
    public static String safePrefix(String key, String prefix) {
        int start = key.startsWith(prefix) ? prefix.length() : 0;
        int end = start;
        while (end < key.length() && key.codePointAt(end) < SAFE_BELOW) {
            end += Character.charCount(key.codePointAt(end));
        }
        return key.substring(0, end);
    }
}
