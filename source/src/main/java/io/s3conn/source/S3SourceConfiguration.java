package io.s3conn.source;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.s3conn.core.s3.BucketNames;
import io.s3conn.source.content.ContentMode;
import io.s3conn.source.range.KeyRange;
import io.s3conn.source.restore.RestoreArchived;

/**
 * What an S3 source reads and how.
 *
 * @param bucket          the bucket
 * @param prefix          only keys starting with this
 * @param mode            snapshot, CDC or both
 * @param pollingPeriod   pause between CDC polls
 * @param content         inline bytes or metadata only
 * @param maxPayloadBytes objects larger than this are emitted without payload, never loaded
 * @param readAhead       objects read concurrently ahead of the one being emitted
 * @param stateName       the name the source's on-disk state (and saved position) is kept under
 * @param savePosition    save the position of every committed record, to resume from it later
 * @param range           only keys in this range (full keys, prefix included): a host that spreads a scope over
 *                        several sources, such as the Kafka Connect source's tasks, gives each its own range
 * @param listConcurrency listing requests in flight at most: the snapshot and each CDC poll list the range as
 *                        that many parts at once, still in key order ({@code 1}: one sequential walk)
 * @param restoreArchived present to restore archived objects and emit them with their payload once restored;
 *                        empty to emit them at once without payload, with their restore status
 */
public record S3SourceConfiguration(String bucket, String prefix, SourceMode mode, Duration pollingPeriod,
                                    ContentMode content, long maxPayloadBytes, int readAhead, String stateName,
                                    boolean savePosition, KeyRange range, int listConcurrency,
                                    Optional<RestoreArchived> restoreArchived) {

    /** Payloads above 10 MiB are left out unless configured otherwise. */
    public static final long DEFAULT_MAX_PAYLOAD_BYTES = 10L * 1024 * 1024;

    /** Checks every value: a bucket that is null or blank is refused by name ({@link BucketNames#require}). */
    public S3SourceConfiguration {
        BucketNames.require(bucket);
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(pollingPeriod, "pollingPeriod");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(stateName, "stateName");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(restoreArchived, "restoreArchived");
        if (maxPayloadBytes < 0) {
            throw new IllegalArgumentException("max payload bytes must not be negative");
        }
        if (readAhead < 1) {
            throw new IllegalArgumentException("read-ahead must be at least 1");
        }
        if (pollingPeriod.isNegative()) {
            throw new IllegalArgumentException("polling period must not be negative");
        }
        if (listConcurrency < 1) {
            throw new IllegalArgumentException("list concurrency must be at least 1, was " + listConcurrency);
        }
    }

    /** A copy that reads in {@code newMode}: the snapshot only, changes only, or both. */
    public S3SourceConfiguration withMode(SourceMode newMode) {
        return new S3SourceConfiguration(bucket, prefix, newMode, pollingPeriod, content, maxPayloadBytes, readAhead,
                stateName, savePosition, range, listConcurrency, restoreArchived);
    }

    /** A copy that pauses {@code period} between CDC polls. */
    public S3SourceConfiguration withPollingPeriod(Duration period) {
        return new S3SourceConfiguration(bucket, prefix, mode, period, content, maxPayloadBytes, readAhead,
                stateName, savePosition, range, listConcurrency, restoreArchived);
    }

    /** A copy that emits each object's bytes, or its metadata only. */
    public S3SourceConfiguration withContent(ContentMode newContent) {
        return new S3SourceConfiguration(bucket, prefix, mode, pollingPeriod, newContent, maxPayloadBytes, readAhead,
                stateName, savePosition, range, listConcurrency, restoreArchived);
    }

    /** A copy that emits objects larger than {@code bytes} without payload. */
    public S3SourceConfiguration withMaxPayloadBytes(long bytes) {
        return new S3SourceConfiguration(bucket, prefix, mode, pollingPeriod, content, bytes, readAhead,
                stateName, savePosition, range, listConcurrency, restoreArchived);
    }

    /** A copy that reads {@code objects} ahead of the one being emitted. */
    public S3SourceConfiguration withReadAhead(int objects) {
        return new S3SourceConfiguration(bucket, prefix, mode, pollingPeriod, content, maxPayloadBytes, objects,
                stateName, savePosition, range, listConcurrency, restoreArchived);
    }

    /**
     * A copy that keeps its state under {@code name} and saves the position of every committed record there: a
     * source started later with no position resumes after the last committed record.
     */
    public S3SourceConfiguration withSavedPosition(String name) {
        return new S3SourceConfiguration(bucket, prefix, mode, pollingPeriod, content, maxPayloadBytes, readAhead,
                name, true, range, listConcurrency, restoreArchived);
    }

    /** A copy restricted to {@code newRange}. */
    public S3SourceConfiguration withRange(KeyRange newRange) {
        return new S3SourceConfiguration(bucket, prefix, mode, pollingPeriod, content, maxPayloadBytes, readAhead,
                stateName, savePosition, newRange, listConcurrency, restoreArchived);
    }

    /** A copy listing with {@code concurrency} requests in flight at most. */
    public S3SourceConfiguration withListConcurrency(int concurrency) {
        return new S3SourceConfiguration(bucket, prefix, mode, pollingPeriod, content, maxPayloadBytes, readAhead,
                stateName, savePosition, range, concurrency, restoreArchived);
    }

    /** A copy that restores archived objects as {@code restore} says, or not at all when empty. */
    public S3SourceConfiguration withRestoreArchived(Optional<RestoreArchived> restore) {
        return new S3SourceConfiguration(bucket, prefix, mode, pollingPeriod, content, maxPayloadBytes, readAhead,
                stateName, savePosition, range, listConcurrency, restore);
    }

    /**
     * Snapshot then CDC every second, inline payloads up to 10 MiB, eight objects read ahead, state named after bucket
     * and prefix, no saved position, every key of the prefix listed by one sequential walk, archived objects emitted at
     * once without payload: the with* methods change one value each.
     */
    public static S3SourceConfiguration of(String bucket, String prefix) {
        return new S3SourceConfiguration(bucket, prefix, SourceMode.ALL, Duration.ofSeconds(1), ContentMode.INLINE,
                DEFAULT_MAX_PAYLOAD_BYTES, 8, bucket + ":" + prefix, false, KeyRange.ALL, 1, Optional.empty());
    }
}
