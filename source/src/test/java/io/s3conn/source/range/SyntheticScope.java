package io.s3conn.source.range;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.s3conn.source.walk.ListedObject;

/** The pages of a parallel walk, as the tests against the synthetic bucket collect them. */
final class SyntheticScope {

    private SyntheticScope() {
    }

    /** Pages as the walker emitted them (the consumer runs on one thread). */
    static final class Collected {
        final List<RangePage<ListedObject>> pages = Collections.synchronizedList(new ArrayList<>());

        void add(RangePage<ListedObject> page) {
            pages.add(page);
        }

        /** Every key of every page, in key order of the pages' covered ranges. */
        List<String> keysInOrder() {
            List<String> keys = new ArrayList<>();
            for (RangePage<ListedObject> page : byCoveredStart()) {
                page.page().entries().forEach(e -> keys.add(e.key()));
            }
            return keys;
        }

        /** The pages sorted by the start of the range they cover (the open start first). */
        List<RangePage<ListedObject>> byCoveredStart() {
            List<RangePage<ListedObject>> sorted = new ArrayList<>(pages);
            sorted.sort(Comparator.comparing((RangePage<ListedObject> p) -> p.page().covered().after().orElse(""),
                    KeyRange.KEY_ORDER).thenComparing(p -> p.page().covered().after().isPresent()));
            return sorted;
        }

        /** The covered ranges, start to end; they must tile the key space. */
        List<KeyRange> covered() {
            return byCoveredStart().stream().map(p -> p.page().covered()).toList();
        }

        /** The pages of each range, in the order they arrived. */
        Map<Long, List<RangePage<ListedObject>>> byRange() {
            Map<Long, List<RangePage<ListedObject>>> byRange = new TreeMap<>();
            for (RangePage<ListedObject> page : pages) {
                byRange.computeIfAbsent(page.rangeId(), id -> new ArrayList<>()).add(page);
            }
            return byRange;
        }

        Optional<RangePage<ListedObject>> any() {
            return pages.stream().findFirst();
        }
    }
}
