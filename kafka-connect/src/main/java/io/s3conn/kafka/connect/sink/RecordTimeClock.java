package io.s3conn.kafka.connect.sink;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The time of the record being written, as the batch writer's clock: a batch's age is then measured in record
 * time, so that where batches are cut depends on the records only, never on when they were read.
 */
final class RecordTimeClock extends Clock {

    private volatile Instant now = Instant.EPOCH;

    /** The next record's time. */
    void set(Instant recordTime) {
        now = recordTime;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("record time has no zone");
    }
}
