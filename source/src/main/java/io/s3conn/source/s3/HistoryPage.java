package io.s3conn.source.s3;

import java.util.List;
import java.util.Optional;

/**
 * One page of key histories, in key order, each complete: a key never straddles two pages.
 *
 * @param keys the histories
 * @param last true for the final page: no key sorts after its last one
 */
public record HistoryPage(List<KeyHistory> keys, boolean last) {

    public HistoryPage {
        keys = List.copyOf(keys);
    }

    /** The last key of the page, empty for a page without keys. */
    public Optional<String> lastKey() {
        return keys.isEmpty() ? Optional.empty() : Optional.of(keys.getLast().key());
    }
}
