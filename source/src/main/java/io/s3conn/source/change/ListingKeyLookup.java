package io.s3conn.source.change;

import java.util.Iterator;
import java.util.Optional;
import java.util.function.Function;

import io.s3conn.source.range.KeyRange;
import io.s3conn.source.walk.KeyHistory;
import io.s3conn.source.walk.Walk;
import io.s3conn.source.walk.WalkPage;

/**
 * {@link KeyLookup} by listing with the key as prefix: one request unless the key has more versions (or
 * longer keys sharing it as prefix come first) than a page holds. For versioned buckets.
 */
public final class ListingKeyLookup implements KeyLookup {

    private final Function<String, Walk<KeyHistory>> walkUnderPrefix;

    /** @param walkUnderPrefix a walk over the keys starting with a given prefix (the walk of the bucket's kind) */
    public ListingKeyLookup(Function<String, Walk<KeyHistory>> walkUnderPrefix) {
        this.walkUnderPrefix = walkUnderPrefix;
    }

    @Override
    public Optional<KeyHistory> find(String key) {
        Iterator<WalkPage<KeyHistory>> pages = walkUnderPrefix.apply(key).pages(KeyRange.ALL);
        while (pages.hasNext()) {
            WalkPage<KeyHistory> page = pages.next();
            for (KeyHistory history : page.entries()) {
                if (history.key().equals(key)) {
                    return Optional.of(history);
                }
                if (KeyRange.compareKeys(history.key(), key) > 0) {
                    return Optional.empty(); // the key itself would have come first
                }
            }
            if (page.last()) {
                break;
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean keepsVersions() {
        return true;
    }
}
