package io.s3conn.source.s3;

import io.s3conn.core.record.Record;

/**
 * Receives a source's records, one at a time. When {@link #accept} returns, the record must be
 * durably handed on (written and flushed): only then does the source record it as emitted and move
 * its position, so a crash re-emits at most the record in flight.
 */
@FunctionalInterface
public interface RecordHandler {

    /** Takes one record; throwing stops the source without recording the record as emitted. */
    void accept(Record record) throws Exception;
}
