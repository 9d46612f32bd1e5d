package io.s3conn.inventory.restore;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the restore requests came to.
 *
 * @param byOutcome  how many requests ended how: started, extended, in-progress, gone (deleted since listed), refused,
 *                   failed
 * @param failures   one line per refused or failed object
 * @param requested  the keys S3 accepted (started or extended): what {@code --wait} waits for
 * @param fellBack   of those, how many were accepted with the fallback tier because Expedited capacity was not
 *                   available: a summary must not let them pass for Expedited restores, which take minutes, not hours
 */
public record RestoreResult(Map<String, Long> byOutcome, List<String> failures, List<String> requested, long fellBack) {

    /** Keeps unmodifiable copies of the lists and counts. */
    public RestoreResult {
        byOutcome = Collections.unmodifiableMap(new TreeMap<>(byOutcome));
        failures = List.copyOf(failures);
        requested = List.copyOf(requested);
    }

    /**
     * The plan's objects asked for (or refused up front): each has one outcome; all of them unless a stop ended the
     * requests.
     */
    public long handled() {
        return byOutcome.values().stream().mapToLong(Long::longValue).sum();
    }
}
