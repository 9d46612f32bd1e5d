package io.s3conn.testbed.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the keys of a synthetic bucket are made: {@link #key(long)} is a pure function of the index,
 * strictly increasing in UTF-8 byte order, so a listing finds its page by binary search over the
 * index and never holds the keys (memory does not grow with {@link #size()}).
 *
 * <p>Object names are 12 lower-case hex digits spread evenly over their range, as in buckets keyed by
 * hashes or ids; folders have fixed-width names.
 */
public sealed interface SyntheticLayout
        permits SyntheticLayout.Prefixes, SyntheticLayout.Flat, SyntheticLayout.Skewed, SyntheticLayout.Listed {

    /** Names accepted by {@link #named}. */
    List<String> NAMES = List.of("prefixes", "flat", "skewed");

    /** How many keys the bucket holds. */
    long size();

    /** The key at {@code index}, {@code 0 <= index < size()}. */
    String key(long index);

    /**
     * A layout by name: {@code prefixes} (50 folders {@code p00/}…{@code p49/}), {@code flat} (no
     * folders) or {@code skewed} (one folder holding 80% of the keys in the middle of 100 small ones).
     */
    static SyntheticLayout named(String name, long size) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "prefixes" -> new Prefixes(size, 50);
            case "flat" -> new Flat(size);
            case "skewed" -> new Skewed(size, 100, 0.8);
            default -> throw new IllegalArgumentException("unknown layout " + name + ", expected one of " + NAMES);
        };
    }

    /** Every key, in order: only for small layouts (tests). */
    default List<String> keys() {
        if (size() > 10_000_000) {
            throw new IllegalStateException("too many keys to materialise: " + size());
        }
        List<String> keys = new ArrayList<>((int) size());
        for (long i = 0; i < size(); i++) {
            keys.add(key(i));
        }
        return keys;
    }

    /**
     * {@code size} keys spread evenly over {@code folders} folders {@code p00/}, {@code p01/}, …
     *
     * @param size    number of keys
     * @param folders number of folders, at least 1
     */
    record Prefixes(long size, int folders) implements SyntheticLayout {
        public Prefixes {
            requireSize(size);
            if (folders < 1) {
                throw new IllegalArgumentException("folders must be at least 1, was " + folders);
            }
        }

        @Override
        public String key(long index) {
            checkIndex(index, size);
            // An estimate from the proportion, corrected where integer division put a boundary elsewhere.
            int folder = (int) Math.min(folders - 1, index * folders / size);
            while (folder > 0 && start(folder) > index) {
                folder--;
            }
            while (folder < folders - 1 && start(folder + 1) <= index) {
                folder++;
            }
            long count = start(folder + 1) - start(folder);
            return "p" + fixedWidth(folder, folders - 1) + "/" + objectName(index - start(folder), count);
        }

        private long start(int folder) {
            return folder * size / folders;
        }
    }

    /** {@code size} keys with no folder structure at all. */
    record Flat(long size) implements SyntheticLayout {
        public Flat {
            requireSize(size);
        }

        @Override
        public String key(long index) {
            checkIndex(index, size);
            return objectName(index, size);
        }
    }

    /**
     * {@code smallFolders} folders {@code f000/}, {@code f001/}, … sharing {@code 1 - hugeShare} of the
     * keys, and in their middle one more folder holding {@code hugeShare} of them: the bucket that leaves
     * all workers but one idle unless ranges are split while they are walked.
     */
    record Skewed(long size, int smallFolders, double hugeShare) implements SyntheticLayout {
        public Skewed {
            requireSize(size);
            if (smallFolders < 1 || !(hugeShare > 0 && hugeShare < 1)) {
                throw new IllegalArgumentException("need small folders and 0 < hugeShare < 1");
            }
        }

        @Override
        public String key(long index) {
            checkIndex(index, size);
            int folders = smallFolders + 1;
            int folder = 0;
            // At most a few hundred folders: a binary search over their starts.
            int low = 0;
            int high = folders - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                if (start(mid) <= index) {
                    folder = mid;
                    low = mid + 1;
                } else {
                    high = mid - 1;
                }
            }
            long count = start(folder + 1) - start(folder);
            return "f" + fixedWidth(folder, folders - 1) + "/" + objectName(index - start(folder), count);
        }

        private int hugeFolder() {
            return smallFolders / 2;
        }

        private long hugeCount() {
            return (long) (size * hugeShare);
        }

        /** First index of {@code folder}; {@code start(smallFolders + 1) == size}. */
        private long start(int folder) {
            long small = size - hugeCount();
            int smallBefore = Math.min(folder, hugeFolder()) + Math.max(0, folder - hugeFolder() - 1);
            long smallKeys = smallBefore * small / smallFolders;
            return smallKeys + (folder > hugeFolder() ? hugeCount() : 0);
        }
    }

    /** Exactly these keys (any UTF-8), for tests of awkward keys; sorted and de-duplicated here. */
    record Listed(List<String> given) implements SyntheticLayout {
        public Listed {
            given = given.stream().distinct().sorted(SyntheticKeyOrder.UTF8).toList();
        }

        @Override
        public long size() {
            return given.size();
        }

        @Override
        public String key(long index) {
            checkIndex(index, given.size());
            return given.get((int) index);
        }
    }

    private static void requireSize(long size) {
        if (size < 0 || size > (1L << 40)) {
            throw new IllegalArgumentException("size must be between 0 and 2^40, was " + size);
        }
    }

    private static void checkIndex(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size);
        }
    }

    /** The {@code index}-th of {@code count} names: 12 hex digits evenly spread, increasing with the index. */
    private static String objectName(long index, long count) {
        long spacing = (1L << 48) / Math.max(1, count);
        return String.format(Locale.ROOT, "%012x", index * spacing);
    }

    /** {@code n} zero-padded to the width of {@code max}, at least 2 digits. */
    private static String fixedWidth(int n, int max) {
        int width = Math.max(2, Integer.toString(max).length());
        return String.format(Locale.ROOT, "%0" + width + "d", n);
    }
}
