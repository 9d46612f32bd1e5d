package io.s3conn.source.state;

import java.util.Optional;
import java.util.SortedMap;

import io.s3conn.source.range.KeyRange;
import io.s3conn.source.walk.ObjectVersion;

/** What a source has emitted, per key, as change detection compares it with the bucket. */
public interface EmittedObjects {

    /** The emitted objects with keys in exactly {@code range}, in S3 key order. A fresh map the caller may change. */
    SortedMap<String, ObjectVersion> between(KeyRange range);

    /** The emitted object of {@code key}, if any: one key, for change detection fed by events. */
    Optional<ObjectVersion> find(String key);
}
