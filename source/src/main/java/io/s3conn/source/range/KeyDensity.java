package io.s3conn.source.range;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Where keys lie, estimated from keys just listed, so cut points can be placed without probes.
 *
 * <p>Keys below one folder (the last key's path up to its last {@code /}, or the scope's prefix) are
 * read as numbers: each code point of the rest is a digit in the alphabet of code points the sample
 * used. Hash- or id-named objects ({@code f050/3fa0c1...}) are then spread evenly over [0, 1), and the
 * sample's first and last key give how many keys a unit holds. Cuts spaced evenly in that number
 * split the folder's remaining keys evenly; keys outside the alphabet only make parts uneven, never
 * wrong, because every cut is a valid key strictly inside the range it cuts.
 *
 * @param folder   the folder the estimate is about; every sampled key starts with it
 * @param alphabet the code points seen after the folder, ascending
 * @param digits   the most code points seen after the folder
 * @param first    the position of the sample's first key in the folder, 0 to 1
 * @param last     the position of its last key
 * @param keys     how many keys lie from the first to the last sampled key
 * @param scope    whether the folder is the scope's prefix itself: then no key of the scope lies after it
 */
record KeyDensity(String folder, int[] alphabet, int digits, double first, double last, long keys,
                         boolean scope) {

    /** More keys in one folder than this (ten million pages) is not a bucket's folder but numbered names misread. */
    static final double NUMBERED_KEYS = 1e10;

    public KeyDensity {
        Objects.requireNonNull(folder, "folder");
        alphabet = alphabet.clone();
        if (alphabet.length < 2 || digits < 1 || keys < 2 || !(last > first)) {
            throw new IllegalArgumentException("a density needs two keys apart in an alphabet of two symbols");
        }
    }

    /**
     * The density around {@code sample}'s last key, from the sampled keys in its folder; empty when fewer
     * than two of them differ there.
     *
     * @param sample  keys listed, ascending in key order (e.g. some of the last page's keys, its last one included)
     * @param spanned how many keys the page held from the sample's first key to its last
     * @param prefix  the scope's prefix: the folder is never shorter
     */
    public static Optional<KeyDensity> of(List<String> sample, long spanned, String prefix) {
        if (sample.size() < 2) {
            return Optional.empty();
        }
        String lastKey = sample.getLast();
        String folder = folderOf(lastKey, prefix);
        List<String> inFolder = sample.stream().filter(k -> k.startsWith(folder)).toList();
        if (inFolder.size() < 2) {
            return Optional.empty();
        }
        TreeSet<Integer> symbols = new TreeSet<>();
        int digits = 0;
        for (String key : inFolder) {
            int[] rest = key.substring(folder.length()).codePoints().toArray();
            digits = Math.max(digits, rest.length);
            Arrays.stream(rest).forEach(symbols::add);
        }
        if (symbols.size() < 2) {
            return Optional.empty();
        }
        int[] alphabet = symbols.stream().mapToInt(Integer::intValue).toArray();
        double first = position(inFolder.getFirst().substring(folder.length()), alphabet, digits);
        double last = position(lastKey.substring(folder.length()), alphabet, digits);
        // The sample's keys in the folder stand for the page's keys in proportion.
        long keys = Math.max(2, spanned * (inFolder.size() - 1) / Math.max(1, sample.size() - 1));
        if (!(last > first)) {
            return Optional.empty();
        }
        return Optional.of(new KeyDensity(folder, alphabet, digits, first, last, keys, folder.equals(prefix)));
    }

    /** {@code key} up to its last {@code /} after the prefix, or the prefix when there is none. */
    static String folderOf(String key, String prefix) {
        if (!key.startsWith(prefix)) {
            return prefix;
        }
        int slash = key.lastIndexOf('/');
        return slash >= prefix.length() ? key.substring(0, slash + 1) : prefix;
    }

    /**
     * About how many keys lie in {@code (cursor, upTo]}, or empty when the range reaches past the folder
     * (where this sample says nothing) below the scope's prefix.
     */
    public OptionalLong keysIn(String cursor, Optional<String> upTo) {
        boolean toScopeEnd = scope && upTo.isEmpty();
        if (!cursor.startsWith(folder) || !toScopeEnd && (upTo.isEmpty() || !upTo.get().startsWith(folder))) {
            return OptionalLong.empty();
        }
        double end = toScopeEnd ? 1.0 : position(upTo.get().substring(folder.length()));
        double width = end - position(cursor.substring(folder.length()));
        return OptionalLong.of(Math.max(0, Math.round(width * perUnit())));
    }

    /** Whether {@code (.., upTo]} reaches past this folder into keys this sample says nothing of. */
    public boolean reachesPast(Optional<String> upTo) {
        return !scope && (upTo.isEmpty() || !upTo.get().startsWith(folder));
    }

    /** About how many keys lie after {@code cursor} up to {@code upTo} or the folder's end, whichever comes first. */
    public long keysInFolder(String cursor, Optional<String> upTo) {
        if (!cursor.startsWith(folder)) {
            return 0;
        }
        double end = upTo.filter(u -> u.startsWith(folder)).map(u -> position(u.substring(folder.length()))).orElse(1.0);
        return Math.max(0, Math.round((end - position(cursor.substring(folder.length()))) * perUnit()));
    }

    /**
     * Cut points for {@code (cursor, upTo]}, increasing and strictly inside it: the first about
     * {@code keep} keys after the cursor (what its walker is listing now), then evenly spaced ones so that
     * the rest of the folder falls into {@code parts} parts; when the range reaches past a folder below
     * the scope's prefix, a last cut at the folder's end leaves what follows it as one more part. Empty when the cursor is not
     * in the folder.
     */
    public List<String> cuts(String cursor, Optional<String> upTo, long keep, int parts) {
        if (!cursor.startsWith(folder) || parts < 1) {
            return List.of();
        }
        boolean upToInFolder = upTo.isPresent() && upTo.get().startsWith(folder);
        double low = position(cursor.substring(folder.length()));
        double high = upToInFolder ? position(upTo.get().substring(folder.length())) : 1.0;
        double start = low + keep / perUnit();
        List<String> cuts = new ArrayList<>(parts + 1);
        if (start < high && parts > 0) {
            double step = (high - start) / parts;
            for (int i = 0; i < parts; i++) {
                cuts.add(key(start + i * step));
            }
        }
        if (!upToInFolder && !scope) {
            cuts.add(folder + new String(alphabet, alphabet.length - 1, 1).repeat(digits + 1));
        }
        return KeySpace.boundaries(cuts, Optional.of(cursor), upTo);
    }

    /**
     * Whether the sample reads as numbered names ({@code object-00003000} ... {@code object-00003999}): keys that vary
     * only in their last symbols, so their density, which takes every symbol for spread over the alphabet, puts more
     * keys in the folder than any listing could walk (over {@value #NUMBERED_KEYS} in the folder, where hash-named keys
     * give about as many as the folder holds). Past the sample's last key it then says nothing: the folder may end
     * right there, and cuts spread through the rest of it fall where no key lies, each costing a request.
     */
    public boolean numbered() {
        return perUnit() > NUMBERED_KEYS;
    }

    private double perUnit() {
        return (keys - 1) / (last - first);
    }

    private double position(String rest) {
        return position(rest, alphabet, digits);
    }

    /** {@code rest} as a fraction in base {@code alphabet.length}; a symbol outside the alphabet ends it. */
    private static double position(String rest, int[] alphabet, int digits) {
        int[] symbols = rest.codePoints().toArray();
        double position = 0;
        double unit = 1;
        for (int i = 0; i < Math.min(digits, symbols.length); i++) {
            unit /= alphabet.length;
            int index = Arrays.binarySearch(alphabet, symbols[i]);
            if (index >= 0) {
                position += index * unit;
                continue;
            }
            // Between two symbols of the alphabet (or outside it): as far as the ones below it, then stop.
            position += (-index - 1) * unit;
            break;
        }
        return Math.min(position, 1.0);
    }

    /** The key of the folder at {@code position}: {@code digits} symbols of the alphabet. */
    private String key(double position) {
        StringBuilder key = new StringBuilder(folder);
        double rest = Math.max(0, Math.min(position, Math.nextDown(1.0)));
        for (int i = 0; i < digits; i++) {
            rest *= alphabet.length;
            int digit = (int) Math.min(alphabet.length - 1, Math.floor(rest));
            key.appendCodePoint(alphabet[digit]);
            rest -= digit;
        }
        return key.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyDensity d && folder.equals(d.folder) && Arrays.equals(alphabet, d.alphabet)
                && digits == d.digits && first == d.first && last == d.last && keys == d.keys && scope == d.scope;
    }

    @Override
    public int hashCode() {
        return Objects.hash(folder, Arrays.hashCode(alphabet), digits, first, last, keys, scope);
    }

    @Override
    public String toString() {
        return "KeyDensity[" + folder + ", " + alphabet.length + " symbols x " + digits + ", " + keys + " keys in ("
                + first + ", " + last + ")]";
    }
}
