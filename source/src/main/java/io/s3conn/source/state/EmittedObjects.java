package io.s3conn.source.state;

import java.util.Optional;
import java.util.SortedMap;

import io.s3conn.source.s3.ObjectVersion;

/** What a source has emitted, per key, as change detection compares it with the bucket. */
public interface EmittedObjects {

    /** True when nothing was ever emitted (or recorded) for this source. */
    boolean isEmpty();

    /**
     * The emitted objects with keys after {@code after} (exclusive) up to {@code upTo} (inclusive), in S3 key
     * order (UTF-8 bytes); open bounds when empty. A fresh map the caller may change.
     */
    SortedMap<String, ObjectVersion> between(Optional<String> after, Optional<String> upTo);
}
