package io.s3conn.source.range;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
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

    /** Compares two keys by their UTF-8 bytes, as S3 lists them. */
    public static int compareKeys(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
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
