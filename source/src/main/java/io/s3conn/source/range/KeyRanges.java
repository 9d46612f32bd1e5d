package io.s3conn.source.range;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Disjoint key ranges: what a run over several ranges at once still has to walk. Taking away each
 * committed page's covered range keeps it exact whatever order pages of different ranges arrive in,
 * and however the walker split ranges meanwhile, so it is the whole of a parallel run's progress.
 *
 * @param ranges the ranges, none empty, none overlapping, in key order
 */
public record KeyRanges(List<KeyRange> ranges) {

    /** Drops empty ranges, sorts the rest, and refuses ranges that overlap. */
    public KeyRanges {
        ranges = ranges.stream().filter(r -> !isEmpty(r)).sorted((a, b) -> compareLower(a.after(), b.after())).toList();
        for (int i = 1; i < ranges.size(); i++) {
            Optional<String> previousEnd = ranges.get(i - 1).upTo();
            Optional<String> start = ranges.get(i).after();
            if (previousEnd.isEmpty() || start.isEmpty() || KeyRange.compareKeys(previousEnd.get(), start.get()) > 0) {
                throw new IllegalArgumentException("key ranges overlap: " + ranges.get(i - 1) + " and " + ranges.get(i));
            }
        }
    }

    /** Nothing left. */
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** These ranges without the keys of {@code done}. */
    public KeyRanges minus(KeyRange done) {
        List<KeyRange> left = new ArrayList<>(ranges.size() + 1);
        for (KeyRange range : ranges) {
            below(range, done).ifPresent(left::add);
            above(range, done).ifPresent(left::add);
        }
        return new KeyRanges(left);
    }

    /** The part of {@code range} up to {@code done}'s lower bound. */
    private static Optional<KeyRange> below(KeyRange range, KeyRange done) {
        if (done.after().isEmpty() || range.after().filter(a -> KeyRange.compareKeys(a, done.after().get()) >= 0).isPresent()) {
            return Optional.empty();
        }
        String end = done.after().get();
        Optional<String> upTo = range.upTo().filter(u -> KeyRange.compareKeys(u, end) < 0).or(() -> Optional.of(end));
        return Optional.of(new KeyRange(range.after(), upTo));
    }

    /** The part of {@code range} after {@code done}'s upper bound. */
    private static Optional<KeyRange> above(KeyRange range, KeyRange done) {
        if (done.upTo().isEmpty() || range.upTo().filter(u -> KeyRange.compareKeys(u, done.upTo().get()) <= 0).isPresent()) {
            return Optional.empty();
        }
        String start = done.upTo().get();
        Optional<String> after = range.after().filter(a -> KeyRange.compareKeys(a, start) > 0).or(() -> Optional.of(start));
        return Optional.of(new KeyRange(after, range.upTo()));
    }

    private static boolean isEmpty(KeyRange range) {
        return range.after().isPresent() && range.after().equals(range.upTo());
    }

    private static int compareLower(Optional<String> a, Optional<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(a.isPresent(), b.isPresent());
        }
        return KeyRange.compareKeys(a.get(), b.get());
    }
}
