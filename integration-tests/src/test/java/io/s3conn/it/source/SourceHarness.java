package io.s3conn.it.source;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.record.Record;
import io.s3conn.source.RecordHandler;
import io.s3conn.source.RecordPump;
import io.s3conn.source.S3Source;
import io.s3conn.source.S3SourceConfiguration;
import io.s3conn.source.SourceRun;
import io.s3conn.source.position.SourcePosition;
import io.s3conn.testbed.S3Server;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One source's on-disk state (a fresh SQLite database) and configuration; every {@link #run} makes a
 * new {@link S3Source} on it, as a restarted process would, and stops when a CDC poll finds nothing.
 */
final class SourceHarness implements AutoCloseable {

    private final Database database;
    private final S3Client s3;
    private S3SourceConfiguration config;
    private SourceRun lastRun;

    SourceHarness(S3Client s3, S3SourceConfiguration config) {
        this(s3, config, SourceFixtures.newDatabase());
    }

    /** A source whose state lives in {@code database} (closed with the harness). */
    SourceHarness(S3Client s3, S3SourceConfiguration config, Database database) {
        this.database = database;
        this.s3 = s3;
        this.config = config;
    }

    /** Snapshot then CDC of {@code bucket} on the test bed, inline content, positions saved. */
    static SourceHarness of(String bucket) {
        return of(SourceFixtures.testBed(), bucket);
    }

    /** Snapshot then CDC of {@code bucket} on {@code server}, inline content, positions saved. */
    static SourceHarness of(S3Server server, String bucket) {
        return new SourceHarness(SourceFixtures.sourceClient(server), SourceFixtures.config(bucket, "it:" + bucket));
    }

    S3SourceConfiguration config() {
        return config;
    }

    SourceHarness with(S3SourceConfiguration newConfig) {
        this.config = newConfig;
        return this;
    }

    /** A new source on this state, as after a restart, from its saved position. */
    S3Source newSource() {
        return newSource(Optional.empty());
    }

    /** A new source on this state, as after a restart, from {@code start} (else its saved position). */
    S3Source newSource(Optional<SourcePosition> start) {
        return new S3Source(s3, database, config, start, Clock.systemUTC());
    }

    /** Runs a new source from its saved position (a snapshot when there is none) until idle. */
    List<Record> run() throws Exception {
        return run(Optional.empty(), Long.MAX_VALUE, record -> { });
    }

    List<Record> run(Optional<SourcePosition> start) throws Exception {
        return run(start, Long.MAX_VALUE, record -> { });
    }

    List<Record> run(Optional<SourcePosition> start, long maxRecords) throws Exception {
        return run(start, maxRecords, record -> { });
    }

    /**
     * Runs a new source until idle (or {@code maxRecords}); {@code afterEach} sees each record once it is
     * collected, while the source waits: changes it makes to the bucket happen during the run.
     */
    List<Record> run(Optional<SourcePosition> start, long maxRecords, RecordHandler afterEach) throws Exception {
        try (S3Source source = newSource(start)) {
            return run(source, maxRecords, afterEach);
        }
    }

    /** Drives {@code source} as {@code source read} does: each record committed once {@code afterEach} returned. */
    List<Record> run(S3Source source, long maxRecords, RecordHandler afterEach) throws Exception {
        List<Record> records = new ArrayList<>();
        lastRun = new RecordPump(source).run(record -> {
            records.add(record);
            afterEach.accept(record);
        }, maxRecords, true);
        return records;
    }

    /** What the last run reported. */
    SourceRun lastRun() {
        return lastRun;
    }

    /** Sleeps until just after the next whole second, so that a few quick writes share one LastModified second. */
    static void waitForTheNextSecond() {
        long now = System.currentTimeMillis();
        try {
            Thread.sleep(1000 - now % 1000 + 20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        database.close();
    }
}
