package io.s3conn.source.s3;

import java.util.Iterator;
import java.util.Optional;

/** A walk over a bucket's keys in S3 order, as pages of complete key histories. */
public interface ChangeListing {

    /** The pages of keys after {@code startAfter} (all keys when empty). */
    Iterator<HistoryPage> pages(Optional<String> startAfter);

    /** List requests sent so far. */
    long requestCount();
}
