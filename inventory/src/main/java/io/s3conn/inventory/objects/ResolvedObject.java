package io.s3conn.inventory.objects;

import java.util.Objects;

import io.s3conn.core.model.ObjectSummary;
import io.s3conn.core.model.RestoreStatus;

/**
 * A listed object with its restore status settled.
 *
 * @param summary the listing entry
 * @param restore whether and how it can be read
 */
public record ResolvedObject(ObjectSummary summary, RestoreStatus restore) {

    /** Refuses a null value, by its name. */
    public ResolvedObject {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(restore, "restore");
    }
}
