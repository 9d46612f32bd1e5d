package io.s3conn.source.walk;

import java.util.Objects;
import java.util.Optional;

import io.s3conn.core.model.ObjectSummary;
import io.s3conn.glacier.ListedRestore;

/**
 * One entry of the current-objects walk: the object, and the {@code RestoreStatus} element if the
 * entry carried one.
 *
 * @param summary       what every listing reports
 * @param restoreStatus the listing's restore element; empty when the entry had none (never restored,
 *                      or a server that does not report it)
 */
public record ListedObject(ObjectSummary summary, Optional<ListedRestore> restoreStatus) {

    /** Refuses a null value, by its name. */
    public ListedObject {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(restoreStatus, "restoreStatus");
    }

    /** The key. */
    public String key() {
        return summary.key();
    }
}
