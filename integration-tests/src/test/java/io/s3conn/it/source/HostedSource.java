package io.s3conn.it.source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.s3conn.core.record.Record;
import io.s3conn.source.S3Source;

/**
 * A source driven from the test thread as a host does: every record returned is committed at once (unless
 * told otherwise) and kept for assertions. Closing it closes the source without committing anything more,
 * which is all a killed process leaves behind.
 */
class HostedSource implements AutoCloseable {

    private final S3Source source;
    private final List<Record> records = new ArrayList<>();

    HostedSource(S3Source source) {
        this.source = source;
    }

    /** Polls (committing) until {@code done} holds, or {@code timeout} passed. */
    HostedSource pollUntil(BooleanSupplier done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            pollOnce(true);
        }
        return this;
    }

    /** Polls (committing) until the snapshot and the first CDC poll are done. */
    HostedSource started() throws InterruptedException {
        return pollUntil(() -> source.progress().polls() > 0, Duration.ofSeconds(30));
    }

    /** Polls (committing) until {@code count} records in all were returned, or {@code timeout} passed. */
    List<Record> awaitRecords(int count, Duration timeout) throws InterruptedException {
        pollUntil(() -> records.size() >= count, timeout);
        return List.copyOf(records);
    }

    /** Polls (committing) for {@code duration}. */
    List<Record> pollFor(Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        pollUntil(() -> System.nanoTime() >= deadline, duration.plusSeconds(1));
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

    S3Source source() {
        return source;
    }

    @Override
    public void close() {
        source.close();
    }
}
