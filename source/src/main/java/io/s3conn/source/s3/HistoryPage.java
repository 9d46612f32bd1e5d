package io.s3conn.source.s3;

import java.util.List;
import java.util.Optional;

/**
 * One page of key histories, in key order, each complete.
 *
 * @param keys the histories
 * @param last true for the final page: no key sorts after its last one
 */
record HistoryPage(List<KeyHistory> keys, boolean last) {

    HistoryPage {
        keys = List.copyOf(keys);
    }

    /** The last key of the page. */
    Optional<String> lastKey() {
        return keys.isEmpty() ? Optional.empty() : Optional.of(keys.getLast().key());
    }
}
