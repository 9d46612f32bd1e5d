package io.s3conn.source.walk;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.s3conn.source.range.KeyRange;
import io.s3conn.source.range.KeySpace;

/**
 * Where a page of a walk may end, whichever order its server lists keys in.
 *
 * <p>Amazon S3 and Ceph RGW list by UTF-8 bytes; S3Proxy (and any server that sorts Java strings) by
 * UTF-16 units, which put U+E000..U+FFFF after the characters beyond U+FFFF. After a response ending on
 * key {@code L}, the server has listed every key up to {@code L} in its own order. In UTF-8 order that is
 * every key up to {@code L}'s {@link KeySpace#safePrefix safe prefix}, but not every key up to {@code L}:
 * {@code "x\uE000"} comes after {@code "x\uD83D\uDE00"} on S3Proxy and before it in UTF-8 order. So a page
 * hands over the keys up to that point and covers exactly up to it; keys listed beyond it wait for a
 * later page, and the next request still continues after {@code L}, in the server's order. The page's
 * bound is order-safe, so a walk resumed from it (a checkpoint, a parallel walker's next request) lists
 * the same keys on every server. On a server listing in UTF-8 order, nothing is ever held but the key a
 * versions walk holds because its versions may continue.
 */
final class PageRelease {

    private PageRelease() {
    }

    /**
     * What a page hands over now, and what waits.
     *
     * @param released the entries handed over, in key order (empty: no page yet)
     * @param upTo     the page's covered upper bound; empty when nothing is released
     * @param held     the entries that wait for a later page, in key order
     * @param <T>      the entry type
     */
    record Split<T>(List<T> released, Optional<String> upTo, List<T> held) {
    }

    /**
     * @param listed         entries listed and not handed over yet, sorted by key in UTF-8 order
     * @param keyOf          an entry's key
     * @param lastInDocument the key of the response's last entry
     * @param continues      whether that key's entries may continue in the next response (a key's versions):
     *                       then none of them is handed over yet
     * @param prefix         the walk's prefix: every key starts with it
     * @param maxHeld        entries held at most. Beyond, everything but a continuing key is handed over up
     *                       to the last key, as on a server listing in UTF-8 order: a scope whose keys differ
     *                       only past a character beyond U+FFFF would otherwise be held whole
     */
    static <T> Split<T> split(List<T> listed, Function<T, String> keyOf, String lastInDocument, boolean continues,
                              String prefix, int maxHeld) {
        String listedUpTo = KeySpace.safePrefix(lastInDocument, prefix);
        Optional<String> bound = Optional.of(listedUpTo);
        int count = countUpTo(listed, keyOf, listedUpTo);
        if (continues && listedUpTo.equals(lastInDocument)) {
            // The continuing key is a bound of its own: end before it, on the last key before it if that is safe.
            count = (int) listed.stream().filter(e -> KeyRange.compareKeys(keyOf.apply(e), lastInDocument) < 0).count();
            bound = count == 0 ? Optional.empty() : Optional.of(KeySpace.safePrefix(keyOf.apply(listed.get(count - 1)), prefix));
            count = bound.map(b -> countUpTo(listed, keyOf, b)).orElse(0);
        }
        if (count == 0 && listed.size() > maxHeld) {
            count = continues
                    ? (int) listed.stream().filter(e -> KeyRange.compareKeys(keyOf.apply(e), lastInDocument) < 0).count()
                    : listed.size();
            bound = count == 0 ? Optional.empty() : Optional.of(keyOf.apply(listed.get(count - 1)));
        }
        if (count == 0) {
            return new Split<>(List.of(), Optional.empty(), listed);
        }
        return new Split<>(List.copyOf(listed.subList(0, count)), bound, List.copyOf(listed.subList(count, listed.size())));
    }

    /** How many of the sorted {@code listed} lie at or before {@code bound}. */
    private static <T> int countUpTo(List<T> listed, Function<T, String> keyOf, String bound) {
        int count = 0;
        while (count < listed.size() && KeyRange.compareKeys(keyOf.apply(listed.get(count)), bound) <= 0) {
            count++;
        }
        return count;
    }
}
