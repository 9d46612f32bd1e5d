package io.s3conn.source.walk;

import java.util.List;
import java.util.Objects;

/**
 * A key with what a listing shows of it: the current object, or on a versioned bucket every version
 * and delete marker, newest first.
 *
 * @param key         the key
 * @param newestFirst its versions, newest first (the one S3 marks {@code IsLatest} first); never empty
 */
public record KeyHistory(String key, List<ObjectVersion> newestFirst) {

    /** Refuses a null key and a history without versions; keeps an unmodifiable copy. */
    public KeyHistory {
        Objects.requireNonNull(key, "key");
        newestFirst = List.copyOf(newestFirst);
        if (newestFirst.isEmpty()) {
            throw new IllegalArgumentException("a key history needs at least one version");
        }
    }

    /** The newest entry: the current object, or a delete marker when the key is deleted. */
    public ObjectVersion latest() {
        return newestFirst.getFirst();
    }
}
