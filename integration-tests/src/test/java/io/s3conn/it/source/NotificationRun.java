package io.s3conn.it.source;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.record.Record;
import io.s3conn.it.Fixtures;
import io.s3conn.source.S3Source;
import io.s3conn.source.change.ChangeFeed;
import io.s3conn.source.change.sqs.SqsNotifications;
import io.s3conn.source.change.sqs.SqsSettings;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One source with {@code --notifications} on a bucket's queue, driven from the test thread as a host
 * does: every record returned is committed at once (unless told otherwise) and kept for assertions.
 */
final class NotificationRun implements AutoCloseable {

    /** One-second long polls, so that a drained queue is seen quickly. */
    static final SqsSettings SETTINGS = new SqsSettings(Duration.ofSeconds(1), Duration.ofSeconds(4), 1000);

    private final S3Source source;
    private final SqsNotifications queue;
    private final List<Record> records = new ArrayList<>();

    NotificationRun(String bucket, Database database, SqsClient sqs, String queueUrl, Duration reconcileEvery) {
        this.queue = new SqsNotifications(sqs, queueUrl, SETTINGS);
        this.source = new S3Source(SourceFixtures.sourceClient(), database, SourceFixtures.config(bucket, "it:" + bucket),
                Optional.empty(), Clock.systemUTC(), new ChangeFeed.Notifications(queue, reconcileEvery));
    }

    NotificationRun(String bucket, Database database, String queueUrl, Duration reconcileEvery) {
        this(bucket, database, Fixtures.sqs().client(), queueUrl, reconcileEvery);
    }

    /** Polls (committing) until the snapshot and the first reconciling listing are done. */
    NotificationRun started() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (source.progress().polls() == 0 && System.nanoTime() < deadline) {
            pollOnce(true);
        }
        return this;
    }

    /** Polls (committing) until {@code count} records in all were returned, or {@code timeout} passed. */
    List<Record> awaitRecords(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (records.size() < count && System.nanoTime() < deadline) {
            pollOnce(true);
        }
        return List.copyOf(records);
    }

    /** Polls (committing) for {@code duration}. */
    List<Record> pollFor(Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) {
            pollOnce(true);
        }
        return List.copyOf(records);
    }

    /** One poll; its records committed when {@code commit}. */
    List<Record> pollOnce(boolean commit) throws InterruptedException {
        List<Record> batch = source.poll(Duration.ofMillis(100));
        records.addAll(batch);
        if (commit) {
            batch.forEach(r -> source.commit(r.position()));
        }
        return batch;
    }

    void commit(Record record) {
        source.commit(record.position());
    }

    List<Record> records() {
        return List.copyOf(records);
    }

    SqsNotifications queue() {
        return queue;
    }

    S3Source source() {
        return source;
    }

    @Override
    public void close() {
        source.close();
    }
}
