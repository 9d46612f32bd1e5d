package io.s3conn.source.diff;

/** Hears about committed pages, for progress output and metrics. Called on the run's thread. */
@FunctionalInterface
public interface DiffListener {

    /** A page was committed; {@code total} is what this run committed so far. */
    void pageCommitted(PageCounts page, PageCounts total);

    /** A listener that ignores everything. */
    DiffListener NONE = (page, total) -> { };
}
