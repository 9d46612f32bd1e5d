package io.s3conn.source.range;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link KeyProbe} that answers from what its earlier probes found, for one plan: a probe at {@code p} that found
 * {@code n} as the first key after it also tells the first key after every point from {@code p} up to {@code n}
 * (and one that found none, after every point from {@code p} on), so such a point costs no request.
 *
 * <p>A plan probes the same gaps several times over: where keys end, then its cuts, then cuts halving the key space.
 * Numbered keys with a few after them ({@code k/000000} ... {@code k/002100}, then {@code k/new-0} ... {@code k/new-3})
 * put nearly every later point in the one gap before {@code k/new-0}, which the first probe had found. Answers are
 * taken only for points made of characters below U+D800 (every point a plan makes), against which a server
 * listing in UTF-16 order agrees with UTF-8 order (see {@link KeySpace}), and are kept for one plan only: keys change
 * between plans.
 */
final class RememberedProbe implements KeyProbe {

    private final KeyProbe probe;
    /** Points probed, and the first key found after each; guarded by this. */
    private final NavigableMap<String, Optional<String>> found = new TreeMap<>(KeyRange.KEY_ORDER);

    RememberedProbe(KeyProbe probe) {
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    @Override
    public Optional<String> firstKeyAfter(Optional<String> after) {
        String point = after.orElse("");
        Optional<Optional<String>> known = known(point);
        if (known.isPresent()) {
            return known.get();
        }
        Optional<String> first = probe.firstKeyAfter(after);
        remember(point, first);
        return first;
    }

    @Override
    public List<Optional<String>> firstKeysAfter(List<String> points) {
        Map<String, Optional<String>> answers = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String point : points) {
            known(point).ifPresentOrElse(first -> answers.put(point, first), () -> {
                if (!unknown.contains(point)) {
                    unknown.add(point);
                }
            });
        }
        List<Optional<String>> probed = unknown.isEmpty() ? List.of() : probe.firstKeysAfter(unknown);
        for (int i = 0; i < unknown.size(); i++) {
            remember(unknown.get(i), probed.get(i));
            answers.put(unknown.get(i), probed.get(i));
        }
        return points.stream().map(answers::get).toList();
    }

    /** The first key after {@code point} as an earlier probe found it, or empty when none tells. */
    private synchronized Optional<Optional<String>> known(String point) {
        if (!KeySpace.safePrefix(point, "").equals(point)) {
            return Optional.empty();
        }
        Map.Entry<String, Optional<String>> below = found.floorEntry(point);
        if (below == null) {
            return Optional.empty();
        }
        Optional<String> first = below.getValue();
        return first.isEmpty() || KeyRange.compareKeys(point, first.get()) < 0 ? Optional.of(first) : Optional.empty();
    }

    private synchronized void remember(String point, Optional<String> first) {
        if (KeySpace.safePrefix(point, "").equals(point)) {
            found.put(point, first);
        }
    }
}
