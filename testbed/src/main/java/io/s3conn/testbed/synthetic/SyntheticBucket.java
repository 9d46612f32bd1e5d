package io.s3conn.testbed.synthetic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongPredicate;
import java.util.function.Predicate;

/**
 * A named bucket of keys made by a {@link SyntheticLayout}, answering listing pages and lookups by
 * binary search over the key index: a page costs O(page × log size), memory is independent of the size.
 * Object attributes (size, ETag, last-modified, version id) are functions of the index too.
 *
 * @param name   the bucket name
 * @param layout the keys
 */
public record SyntheticBucket(String name, SyntheticLayout layout) {

    private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

    public SyntheticBucket {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(layout, "layout");
    }

    /** One listed object. */
    public record Entry(long index, String key) {
    }

    /**
     * One page, as ListObjectsV2 or ListObjectVersions (one version per key) return it.
     *
     * @param contents       the keys, in order
     * @param commonPrefixes the rolled-up prefixes, in order
     * @param truncated      whether anything follows
     * @param lastItem       the last key or common prefix of the page: where the next page resumes
     */
    public record Page(List<Entry> contents, List<String> commonPrefixes, boolean truncated,
                       Optional<String> lastItem) {
    }

    /**
     * The page of at most {@code maxKeys} keys and common prefixes under {@code prefix} after
     * {@code resumeAfter}. A resume point that is itself a common prefix (as a continuation after a
     * rolled-up prefix is) resumes after every key under it.
     */
    public Page list(String prefix, Optional<String> delimiter, Optional<String> resumeAfter, int maxKeys) {
        long i = firstIndex(k -> SyntheticKeyOrder.compare(k, prefix) >= 0);
        if (resumeAfter.isPresent()) {
            String after = resumeAfter.get();
            long resume = delimiter.flatMap(d -> commonPrefix(after, prefix, d)).filter(after::equals).isPresent()
                    ? firstPast(after)
                    : firstIndex(k -> SyntheticKeyOrder.compare(k, after) > 0);
            i = Math.max(i, resume);
        }
        List<Entry> contents = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        Optional<String> last = Optional.empty();
        while (i < layout.size() && contents.size() + prefixes.size() < maxKeys) {
            String key = layout.key(i);
            if (!key.startsWith(prefix)) {
                break;
            }
            Optional<String> rolledUp = delimiter.flatMap(d -> commonPrefix(key, prefix, d));
            if (rolledUp.isPresent()) {
                prefixes.add(rolledUp.get());
                last = rolledUp;
                i = firstPast(rolledUp.get());
            } else {
                contents.add(new Entry(i, key));
                last = Optional.of(key);
                i++;
            }
        }
        boolean truncated = i < layout.size() && layout.key(i).startsWith(prefix);
        return new Page(contents, prefixes, truncated, last);
    }

    /** The index of {@code key}, if the bucket holds it. */
    public OptionalLong indexOf(String key) {
        long i = firstIndex(k -> SyntheticKeyOrder.compare(k, key) >= 0);
        return i < layout.size() && layout.key(i).equals(key) ? OptionalLong.of(i) : OptionalLong.empty();
    }

    /** The object's size in bytes. */
    public long size(long index) {
        return 1 + Math.floorMod(mix(index), 65_536);
    }

    /** The object's ETag, quoted as S3 sends it. */
    public String eTag(long index) {
        return "\"" + HexFormat.of().toHexDigits(mix(index)) + HexFormat.of().toHexDigits(mix(~index)) + "\"";
    }

    public Instant lastModified(long index) {
        return EPOCH.plusSeconds(Math.floorMod(index, 31_536_000L));
    }

    /** The id of the object's only version. */
    public String versionId(long index) {
        return "synthetic-" + Long.toString(index, 36);
    }

    /** {@code prefix} + the part of {@code key} after it up to and including the first delimiter, if any. */
    private static Optional<String> commonPrefix(String key, String prefix, String delimiter) {
        if (delimiter.isEmpty() || !key.startsWith(prefix)) {
            return Optional.empty();
        }
        int at = key.indexOf(delimiter, prefix.length());
        return at < 0 ? Optional.empty() : Optional.of(key.substring(0, at + delimiter.length()));
    }

    /** The first index whose key is after every key starting with {@code rolledUp} (they are contiguous). */
    private long firstPast(String rolledUp) {
        return firstIndex(k -> SyntheticKeyOrder.compare(k, rolledUp) > 0 && !k.startsWith(rolledUp));
    }

    /** The first index whose key satisfies {@code test}, which must be false then true along the keys. */
    private long firstIndex(Predicate<String> test) {
        LongPredicate at = i -> test.test(layout.key(i));
        long low = 0;
        long high = layout.size();
        while (low < high) {
            long mid = (low + high) >>> 1;
            if (at.test(mid)) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    private static long mix(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
