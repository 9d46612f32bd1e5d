package io.s3conn.source.range;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Points of the key space between two bounds, without knowing the keys: where to probe or cut.
 *
 * <p>Strings are compared by code point, which is S3's UTF-8 byte order ({@link KeyRange#KEY_ORDER}), and
 * every point made is a string of whole code points (never a surrogate), so it is valid UTF-8 and
 * usable as {@code StartAfter} and as a range bound. A point is the "middle" of the first code point
 * where the bounds differ, preferring printable ASCII, then ASCII, then the Basic Multilingual Plane:
 * keys mostly live there, and a point where no key lives only costs a probe that finds nothing.
 */
public final class KeySpace {

    /** Above every code point: an open upper bound within a prefix is the prefix followed by this. */
    private static final int OPEN = Character.MAX_CODE_POINT + 1;
    private static final int[][] TIERS = {{0x20, 0x7E}, {0x00, 0x7F}, {0x00, 0xFFFF}, {0x00, Character.MAX_CODE_POINT}};

    private KeySpace() {
    }

    /**
     * A string strictly between {@code low} and {@code high} in key order, within the keys starting with
     * {@code prefix}: {@code high} empty means the end of those keys, and a {@code low} before the prefix
     * counts as the prefix itself. Empty when no string lies between (as between {@code "a"} and
     * {@code "a\u0000"}).
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
        return middle(lo, hi).map(KeySpace::string);
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

    /** A code point strictly between {@code x} and {@code y}, not a surrogate, preferring where keys live. */
    private static Optional<Integer> pick(int x, int y) {
        for (int[] tier : TIERS) {
            int from = Math.max(x + 1, tier[0]);
            int to = Math.min(y - 1, tier[1]);
            if (from > to) {
                continue;
            }
            int mid = from + (to - from) / 2;
            if (mid < Character.MIN_SURROGATE || mid > Character.MAX_SURROGATE) {
                return Optional.of(mid);
            }
            if (Character.MIN_SURROGATE - 1 >= from) {
                return Optional.of(Character.MIN_SURROGATE - 1);
            }
            if (Character.MAX_SURROGATE + 1 <= to) {
                return Optional.of(Character.MAX_SURROGATE + 1);
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
     * A boundary that every server orders the same way against any key: {@code cut} up to its first code
     * point at or above U+D800, or empty when nothing is left. Amazon S3 and Ceph RGW order keys by UTF-8
     * bytes, but S3Proxy (and any server sorting Java strings) by UTF-16 units, which put U+E000..U+FFFF
     * after the supplementary characters instead of before them. Compared with a boundary made only of code
     * points below U+D800, both orders agree, so a key never falls on one side of a range boundary in the
     * listing and on the other in the comparison. The shorter boundary only moves where ranges meet; which
     * keys a scope holds does not depend on it.
     */
    public static java.util.Optional<String> orderSafe(String cut) {
        int end = 0;
        while (end < cut.length()) {
            int codePoint = cut.codePointAt(end);
            if (codePoint >= 0xD800) {
                break;
            }
            end += Character.charCount(codePoint);
        }
        return end == 0 ? java.util.Optional.empty() : java.util.Optional.of(cut.substring(0, end));
    }
}
