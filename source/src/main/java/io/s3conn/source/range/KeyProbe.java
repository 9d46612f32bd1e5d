package io.s3conn.source.range;

import java.util.Optional;

/**
 * Where keys actually are: the first key of a scope after a point, as one {@code max-keys=1} listing
 * finds it. Splitting ranges asks this instead of listing them.
 */
@FunctionalInterface
public interface KeyProbe {

    /** The first key of the scope after {@code after} (exclusive), or after the start when empty; empty when none. */
    Optional<String> firstKeyAfter(Optional<String> after);
}
