package io.s3conn.source.range;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The keys after {@code after} (exclusive) up to {@code upTo} (inclusive): the range (after, upTo].
 * An empty bound is open. Keys compare as S3 orders them, by their UTF-8 bytes ({@link #KEY_ORDER}),
 * which differs from {@link String#compareTo} for characters outside the Basic Multilingual Plane.
 *
 * <p>A walk's page covers exactly such a range: nothing else exists between the previous page's last
 * key and its own last key, and nothing after the final page's up to the walk's bound. So a page can be
 * compared with the stored rows of exactly its range, and a scope can later be cut into several
 * ranges walked at once.
 *
 * @param after the exclusive lower bound; empty for the start of the key space
 * @param upTo  the inclusive upper bound; empty for the end of the key space
 */
public record KeyRange(Optional<String> after, Optional<String> upTo) {

    /** S3's key order: unsigned UTF-8 bytes. The only place keys are compared. */
    public static final Comparator<String> KEY_ORDER = KeyRange::compareKeys;

    /** Every key. */
    public static final KeyRange ALL = new KeyRange(Optional.empty(), Optional.empty());

    /** Refuses a null bound and a lower bound that sorts after the upper one. */
    public KeyRange {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(upTo, "upTo");
        if (after.isPresent() && upTo.isPresent() && compareKeys(after.get(), upTo.get()) > 0) {
            throw new IllegalArgumentException("a key range's lower bound " + after.get()
                    + " sorts after its upper bound " + upTo.get());
        }
    }

    /** The keys after {@code key} (all keys when empty), to the end. */
    public static KeyRange after(Optional<String> key) {
        return new KeyRange(key, Optional.empty());
    }

    /**
     * Compares two keys by their UTF-8 bytes, as S3 lists them: by code point, which is the same order. Done on
     * the strings' UTF-16 units without encoding them (a walk compares every key it lists): at the first unit
     * that differs, a surrogate (of a code point above U+FFFF) must sort after U+E000..U+FFFF, as it does in
     * UTF-8 and does not in UTF-16, so both are moved to where their code points lie.
     */
    public static int compareKeys(String a, String b) {
        int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return inCodePointOrder(x) - inCodePointOrder(y);
            }
        }
        return a.length() - b.length();
    }

    private static int inCodePointOrder(char unit) {
        if (unit < Character.MIN_SURROGATE) {
            return unit;
        }
        return Character.isSurrogate(unit) ? unit + 0x2000 : unit - 0x800;
    }

    /**
     * This range cut at {@code cuts} into consecutive ranges that together cover exactly it: {@code (after,
     * cut1]}, {@code (cut1, cut2]}, ..., {@code (cutN, upTo]}.
     *
     * @param cuts keys strictly inside the range, strictly increasing
     */
    public List<KeyRange> cutAt(List<String> cuts) {
        List<KeyRange> parts = new ArrayList<>(cuts.size() + 1);
        Optional<String> from = after;
        for (String cut : cuts) {
            parts.add(new KeyRange(from, Optional.of(cut)));
            from = Optional.of(cut);
        }
        parts.add(new KeyRange(from, upTo));
        return List.copyOf(parts);
    }

    /** Whether {@code key} lies in the range. */
    public boolean contains(String key) {
        return after.map(a -> compareKeys(key, a) > 0).orElse(true)
                && upTo.map(u -> compareKeys(key, u) <= 0).orElse(true);
    }

    /** Whether {@code key} sorts after the upper bound (never, for an open one). */
    public boolean beyond(String key) {
        return upTo.map(u -> compareKeys(key, u) > 0).orElse(false);
    }

    /** The part of this range after {@code key}: where a walk resumes. Empty {@code key} keeps the range. */
    public KeyRange resumedAfter(Optional<String> key) {
        if (key.isEmpty() || after.map(a -> compareKeys(key.get(), a) <= 0).orElse(false)) {
            return this;
        }
        return new KeyRange(key, upTo);
    }

    /**
     * The SQL condition on {@code column}, to follow a {@code WHERE ...}; bind with {@link #bind}. The
     * column must compare as bytes ({@code Dialect.keyType()} makes key columns do so).
     */
    public String sql(String column) {
        return (after.isPresent() ? " AND " + column + " > ?" : "") + (upTo.isPresent() ? " AND " + column + " <= ?" : "");
    }

    /** {@link #sql(String)} on the column {@code key}. */
    public String sql() {
        return sql("key");
    }

    /** Binds the bounds from {@code index} on; returns the next free index. */
    public int bind(PreparedStatement statement, int index) throws SQLException {
        int next = index;
        if (after.isPresent()) {
            statement.setString(next++, after.get());
        }
        if (upTo.isPresent()) {
            statement.setString(next++, upTo.get());
        }
        return next;
    }

    /** {@code (after, upTo]} with {@code -∞}/{@code +∞} for open bounds. */
    @Override
    public String toString() {
        return "(" + after.orElse("-∞") + ", " + upTo.orElse("+∞") + "]";
    }
}
