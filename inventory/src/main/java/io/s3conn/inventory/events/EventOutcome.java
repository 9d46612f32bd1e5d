package io.s3conn.inventory.events;

/** What applying one event did to {@code s3_objects}. */
public enum EventOutcome {
    /** The key's row was written as a HEAD found the object (inserted, rewritten or brought back). */
    WRITTEN,
    /** The key's row was marked deleted: a HEAD found no object. */
    DELETED,
    /** The restore status (and expiry) of the key's row was set from the event alone. */
    RESTORE_UPDATED,
    /** Nothing to change: the row already says what the event does. */
    UNCHANGED
}
