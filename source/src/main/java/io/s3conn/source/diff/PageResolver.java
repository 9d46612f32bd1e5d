package io.s3conn.source.diff;

import io.s3conn.source.walk.WalkPage;

/**
 * Settles what a listing page alone does not say (restore status, content where needed), outside the
 * page's transaction, so that a slow lookup never holds the database.
 *
 * @param <L> the walk's entry type
 * @param <E> the resolved entry type the store keeps
 */
@FunctionalInterface
public interface PageResolver<L, E> {

    /** The page's entries resolved, in page order, and how many lookups that took. */
    Resolution<E> resolve(WalkPage<L> page);
}
