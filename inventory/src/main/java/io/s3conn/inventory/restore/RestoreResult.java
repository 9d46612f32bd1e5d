package io.s3conn.inventory.restore;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the restore requests came to.
 *
 * @param byOutcome  how many requests ended how: started, extended, in-progress, refused, failed
 * @param failures   one line per refused or failed object
 * @param requested  the keys S3 accepted (started or extended): what {@code --wait} waits for
 */
public record RestoreResult(Map<String, Long> byOutcome, List<String> failures, List<String> requested) {

    public RestoreResult {
        byOutcome = Collections.unmodifiableMap(new TreeMap<>(byOutcome));
        failures = List.copyOf(failures);
        requested = List.copyOf(requested);
    }
}
