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

    /**
     * As {@code bench/list-concurrency.sh} fills the test bed's demo bucket: nine small top-level folders and
     * {@code load/}, whose 10,000 numbered objects lie in 50 folders of 200 ({@code load/fNN/obj-NNNNNN}).
     */
    static List<String> demoLikeKeys() {
        List<String> keys = new ArrayList<>();
        for (String folder : List.of("awkward", "deep-archive", "glacier", "glacier-ir", "intelligent-tiering",
                "onezone-ia", "reduced-redundancy", "standard", "standard-ia")) {
            keys.add(folder + "/a.txt");
            keys.add(folder + "/b.txt");
        }
        for (int i = 0; i < 10_000; i++) {
            keys.add(String.format(java.util.Locale.ROOT, "load/f%02d/obj-%06d", i % 50, i));
        }
        return keys;
    }

    /**
     * As {@code bench/inventory.sh} fills its bucket: {@code folders} folders of 1000 numbered objects, a page each
     * ({@code inventory/batch-0000/object-00000000.json} ...).
     */
    static List<String> inventoryBenchKeys(int folders) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < folders * 1000; i++) {
            keys.add(String.format(java.util.Locale.ROOT, "inventory/batch-%04d/object-%08d.json", i / 1000, i));
        }
        return keys;
    }

    /**
     * Numbered names that are not uniform, each kind in a folder of its own: widths that grow ({@code mix/a9},
     * {@code mix/a10}), numbers with gaps, a folder of exactly a page and one of a page and a key, numbers followed by
     * symbols at the top of the key space (U+FFFD, an emoji) or by {@code + % space newline}, and keys of 1,024 bytes
     * numbered at their end or at their start.
     */
    static List<String> unevenNumberedKeys() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            keys.add("mix/a" + i);
        }
        for (int i = 0; i < 30_000; i += i % 7 == 0 ? 97 : 1) {
            keys.add(String.format(java.util.Locale.ROOT, "gaps/object-%08d", i));
        }
        for (int i = 0; i < 1000; i++) {
            keys.add(String.format(java.util.Locale.ROOT, "page/o-%06d", i));
        }
        for (int i = 0; i < 1001; i++) {
            keys.add(String.format(java.util.Locale.ROOT, "page-and-one/o-%06d", i));
        }
        List<String> suffixes = List.of("\uFFFD", "\uD83D\uDE00", "+", "%", " ", "\n", "");
        for (int i = 0; i < 2200; i++) {
            keys.add(String.format(java.util.Locale.ROOT, "suffixed/object-%08d%s", i, suffixes.get(i % suffixes.size())));
        }
        for (int i = 0; i < 2100; i++) {
            String number = String.format(java.util.Locale.ROOT, "%06d", i);
            keys.add("long-end/" + "L".repeat(1024 - "long-end/".length() - number.length()) + number);
            keys.add("long-start/" + number + "L".repeat(1024 - "long-start/".length() - number.length()));
        }
        return keys;
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
