package io.s3conn.source;

import io.s3conn.core.record.Record;

/**
 * Receives records from a {@link RecordPump}, one at a time. When {@link #accept} returns, the record
 * must be durably handed on (written and flushed): the pump commits its position right after, so a
 * crash re-emits at most the record in flight.
 */
@FunctionalInterface
public interface RecordHandler {

    /** Takes one record; throwing stops the pump without committing the record. */
    void accept(Record record) throws Exception;
}
