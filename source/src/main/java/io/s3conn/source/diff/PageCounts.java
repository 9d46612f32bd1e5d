package io.s3conn.source.diff;

/**
 * What the engine did for one committed page, or (added with {@link #plus}) for several: the one way
 * counters are added up.
 *
 * @param pages    pages committed
 * @param listed   entries listed
 * @param inserted rows created for entries never seen
 * @param updated  rows rewritten because the entry changed or came back
 * @param deleted  rows marked deleted
 * @param lookups  requests sent to resolve entries (HEADs, probes)
 */
public record PageCounts(long pages, long listed, long inserted, long updated, long deleted, long lookups) {

    /** Nothing done. */
    public static final PageCounts ZERO = new PageCounts(0, 0, 0, 0, 0, 0);

    /** These counts and {@code other}'s together. */
    public PageCounts plus(PageCounts other) {
        return new PageCounts(pages + other.pages, listed + other.listed, inserted + other.inserted,
                updated + other.updated, deleted + other.deleted, lookups + other.lookups);
    }
}
