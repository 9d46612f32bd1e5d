package io.s3conn.source.diff;

import java.util.List;

/**
 * A page's entries after resolution.
 *
 * @param entries the resolved entries, in page order
 * @param lookups requests sent to resolve them (HEADs, probes), counted into {@link PageCounts#lookups()}
 */
public record Resolution<E>(List<E> entries, long lookups) {

    /** Refuses a negative number of lookups; keeps an unmodifiable copy of the entries. */
    public Resolution {
        entries = List.copyOf(entries);
        if (lookups < 0) {
            throw new IllegalArgumentException("lookups must not be negative, was " + lookups);
        }
    }
}
