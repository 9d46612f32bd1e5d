package io.s3conn.source.change;

import java.util.Iterator;
import java.util.Optional;
import java.util.function.Function;

import io.s3conn.source.range.KeyRange;
import io.s3conn.source.walk.KeyHistory;
import io.s3conn.source.walk.Walk;
import io.s3conn.source.walk.WalkPage;

/**
 * What a listing shows of exactly one key, found by listing with the key as prefix: usually one request.
 * Resolving an event this way yields the very entry a full listing would, so events and the reconciling
 * listing compare alike with what was emitted.
 */
public final class KeyLookup {

    private final Function<String, Walk<KeyHistory>> walkUnderPrefix;

    /** @param walkUnderPrefix a walk over the keys starting with a given prefix (the walk of the bucket's kind) */
    public KeyLookup(Function<String, Walk<KeyHistory>> walkUnderPrefix) {
        this.walkUnderPrefix = walkUnderPrefix;
    }

    /** The key as a listing shows it now; empty when it does not exist (nor any of its versions). */
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
}
