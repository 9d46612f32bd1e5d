package io.s3conn.source;

/** What a source reads. */
public enum SourceMode {
    /** Only what is there now, then stop. */
    SNAPSHOT,
    /** Only changes from now (or from a given position) on. */
    CDC,
    /** The snapshot, then changes. */
    ALL
}
