package io.s3conn.it.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.record.Operation;
import io.s3conn.core.record.Record;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.glacier.RequestRate;
import io.s3conn.glacier.RestoreTier;
import io.s3conn.it.Fixtures;
import io.s3conn.source.S3SourceConfiguration;
import io.s3conn.source.SourceMode;
import io.s3conn.source.content.ContentMode;
import io.s3conn.source.restore.RestoreArchived;
import io.s3conn.testbed.S3Server;
import io.s3conn.testbed.TestBed;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;

/**
 * The source tests' fixtures: the shared S3 servers ({@link Fixtures#servers()}), one S3 client per server for
 * the sources under test, unique buckets and SQLite files per test.
 */
final class SourceFixtures {

    private static final Map<String, S3Client> SOURCE_CLIENTS = new ConcurrentHashMap<>();

    private SourceFixtures() {
    }

    /** The test bed all integration tests share: S3Proxy behind the archive emulator, on loopback. */
    static TestBed testBed() {
        return Fixtures.testBed();
    }

    /** An S3 client built the way the application builds one, for the emulator endpoint. */
    static S3Client sourceClient() {
        return sourceClient(testBed());
    }

    /** An S3 client built the way the application builds one, for {@code server}; shared, never closed. */
    static S3Client sourceClient(S3Server server) {
        return SOURCE_CLIENTS.computeIfAbsent(server.name(), name -> S3Clients.create(Fixtures.connection(server)));
    }

    /** A new, empty bucket on the test bed with a name no other test uses. */
    static String newBucket(String purpose) {
        return newBucket(testBed(), purpose);
    }

    /** A new, empty bucket on {@code server} with a name no other test uses. */
    static String newBucket(S3Server server, String purpose) {
        return Fixtures.newBucket(server, "src-" + purpose);
    }

    /** A new bucket on the test bed with versioning enabled. */
    static String newVersionedBucket(String purpose) {
        return newVersionedBucket(testBed(), purpose);
    }

    /** A new bucket on {@code server} with versioning enabled. */
    static String newVersionedBucket(S3Server server, String purpose) {
        return Fixtures.newVersionedBucket(server, "src-" + purpose);
    }

    /** A fresh SQLite database in a new temporary directory, migrated. */
    static Database newDatabase() {
        try {
            return Database.open("jdbc:sqlite:" + Files.createTempDirectory("s3conn-source-it-").resolve("s3conn.db"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Snapshot then CDC, inline content, default cap, positions saved under {@code stateName}. */
    static S3SourceConfiguration config(String bucket, String stateName) {
        return config(bucket, stateName, SourceMode.ALL, ContentMode.INLINE);
    }

    static S3SourceConfiguration config(String bucket, String stateName, SourceMode mode, ContentMode content) {
        return S3SourceConfiguration.of(bucket, "").withMode(mode).withPollingPeriod(Duration.ofMillis(100))
                .withContent(content).withSavedPosition(stateName);
    }

    /**
     * Snapshot then CDC (or as {@code mode} says), inline content, positions saved, archived objects restored
     * ({@code --restore-archived}: Bulk, one day, no rate limit) and looked at every {@code poll}.
     */
    static S3SourceConfiguration restoring(String bucket, SourceMode mode, Duration poll) {
        return config(bucket, "it:" + bucket, mode, ContentMode.INLINE).withRestoreArchived(Optional.of(
                new RestoreArchived(RestoreTier.BULK, 1, new RequestRate(0), poll)));
    }

    /**
     * A client of the test bed that overwrites {@code key} with {@code content} just before its first GET or HEAD of
     * that key is sent: after the listing, before the read, as a writer racing the source would.
     */
    static S3Client overwritingBeforeItsRead(String bucket, String key, String content) {
        AtomicBoolean overwritten = new AtomicBoolean();
        ExecutionInterceptor overwrite = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                boolean read = context.request() instanceof GetObjectRequest get && get.key().equals(key)
                        || context.request() instanceof HeadObjectRequest head && head.key().equals(key);
                if (read && overwritten.compareAndSet(false, true)) {
                    testBed().put(bucket, key, content, null);
                }
            }
        };
        return TestBed.clientBuilder(testBed().endpoint()).overrideConfiguration(c -> c.addExecutionInterceptor(overwrite)).build();
    }

    static Clock clock() {
        return Clock.systemUTC();
    }

    static String key(Record record) {
        return new String(record.key(), StandardCharsets.UTF_8);
    }

    static String after(Record record) {
        return new String(record.payload().after().orElseThrow(), StandardCharsets.UTF_8);
    }

    static String before(Record record) {
        return new String(record.payload().before().orElseThrow(), StandardCharsets.UTF_8);
    }

    /** "operation key", for compact assertions on a stream of records. */
    static String describe(Record record) {
        return record.operation().wireName() + " " + key(record);
    }

    static List<String> describeAll(List<Record> records) {
        return records.stream().map(SourceFixtures::describe).toList();
    }

    static List<Record> only(List<Record> records, Operation operation) {
        return records.stream().filter(r -> r.operation() == operation).toList();
    }
}
