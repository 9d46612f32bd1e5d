package io.s3conn.core.record;

/** The parts of a record that carry data: its key and the two sides of its payload. */
public enum DataPart {
    /** {@link Record#key()}. */
    KEY,
    /** {@link Payload#before()}. */
    BEFORE,
    /** {@link Payload#after()}. */
    AFTER
}
