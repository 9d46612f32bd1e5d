package io.s3conn.source.range;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Cuts key ranges of a scope into parts that all hold keys, without listing them: candidate points come
 * from {@link KeySpace}, and a {@link KeyProbe} per point tells whether keys lie on both sides.
 *
 * <p>Probes cost a request each; every method says how many it may send.
 */
final class RangeSplitter {

    private final KeyProbe probe;
    private final String prefix;
    private final int maxProbesPerSplit;

    /**
     * @param probe             where keys are
     * @param prefix            the scope's prefix: every key starts with it
     * @param maxProbesPerSplit the most probes {@link #splitPoint} sends, at least 2
     */
    public RangeSplitter(KeyProbe probe, String prefix, int maxProbesPerSplit) {
        this.probe = Objects.requireNonNull(probe, "probe");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        if (maxProbesPerSplit < 2) {
            throw new IllegalArgumentException("a split needs at least 2 probes, was " + maxProbesPerSplit);
        }
        this.maxProbesPerSplit = maxProbesPerSplit;
    }

    /** With at most 12 probes per split. */
    public RangeSplitter(KeyProbe probe, String prefix) {
        this(probe, prefix, 12);
    }

    /**
     * A point that cuts {@code remaining} in two parts that both hold keys: {@code (after, point]} and
     * {@code (point, upTo]}, verified by probes. This is what a walker calls for the part of a range it
     * has not listed yet ({@code after} = the last key listed), so a range that turned out large is shared.
     *
     * <p>One probe finds the first remaining key; then points halfway between it and the upper bound are
     * probed, halving the interval towards that key while nothing lies above the point. Empty when the
     * range holds fewer than two keys or no point was found within the probe budget.
     */
    public Optional<String> splitPoint(KeyRange remaining) {
        Optional<String> first = probe.firstKeyAfter(remaining.after());
        if (first.isEmpty() || remaining.beyond(first.get())) {
            return Optional.empty();
        }
        Optional<String> high = remaining.upTo();
        for (int probes = 1; probes < maxProbesPerSplit; probes++) {
            Optional<String> point = KeySpace.between(first.get(), high, prefix);
            if (point.isEmpty()) {
                return Optional.empty();
            }
            Optional<String> next = probe.firstKeyAfter(point);
            if (next.isPresent() && !remaining.beyond(next.get())) {
                return point;
            }
            high = point; // nothing above the point: look below it
        }
        return Optional.empty();
    }

    /**
     * {@code range} cut into at most {@code pieces} consecutive ranges, each holding keys (unless the range
     * holds none, when it is returned whole). Sends one probe for the first key, then one per candidate
     * point, those at the same time; parts found empty are merged into their neighbour.
     */
    public List<KeyRange> split(KeyRange range, int pieces) {
        Optional<String> first = probe.firstKeyAfter(range.after());
        if (pieces < 2 || first.isEmpty() || range.beyond(first.get())) {
            return List.of(range);
        }
        return cutHoldingKeys(range, first.get(), KeySpace.cuts(first.get(), range.upTo(), prefix, pieces));
    }

    /**
     * {@code range} cut at those of {@code cuts} (increasing, strictly inside it) that leave keys in every part: one
     * probe per cut, sent at once; a part found empty is merged into its neighbour.
     *
     * @param first a key of {@code range} before every cut (its first, or a later one: then a first part that
     *              holds keys before it only may be merged too)
     */
    List<KeyRange> cutHoldingKeys(KeyRange range, String first, List<String> cuts) {
        List<Optional<String>> firstAfterCut = probe.firstKeysAfter(cuts);
        List<String> kept = new ArrayList<>();
        // The first key of the part being built (after the last kept cut): the part holds keys iff it is
        // at or before the next cut.
        Optional<String> partFirst = Optional.of(first);
        for (int i = 0; i < cuts.size(); i++) {
            String cut = cuts.get(i);
            if (partFirst.isPresent() && KeyRange.compareKeys(partFirst.get(), cut) <= 0) {
                kept.add(cut);
                partFirst = firstAfterCut.get(i);
            }
        }
        if (!kept.isEmpty() && (partFirst.isEmpty() || range.beyond(partFirst.get()))) {
            kept.removeLast(); // the part after the last cut is empty: merge it into the one before
        }
        return range.cutAt(kept);
    }
}
