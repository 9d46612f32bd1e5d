package io.s3conn.destination.s3;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

import io.s3conn.core.record.Record;
import io.s3conn.destination.RecordWriter;
import io.s3conn.destination.StoredBatch;
import io.s3conn.destination.WriterFailedException;
import io.s3conn.destination.format.RecordEncoder;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Writes records into a bucket in batches. A batch is encoded into a temporary file as its records
 * arrive (memory does not grow with it) and is cut by record count, encoded bytes or age; then it
 * is uploaded, and only once S3 stored it are its records acknowledged through the callback. Upload
 * failures are retried by the SDK's retry strategy; one that still fails propagates, nothing of
 * that batch is acknowledged, and the writer stores nothing more ({@link WriterFailedException}).
 *
 * <p>Thread-safe: {@link #write} and {@link #flushIfDue} may be called from different threads (a
 * reader and a timer).
 */
public final class S3BatchWriter implements RecordWriter {

    private final S3DestinationConfiguration config;
    private final ObjectUploader uploader;
    private final BatchIdentity identity;
    private final Consumer<StoredBatch> acknowledge;
    private final Clock clock;
    private Batch current;
    /** Why a batch could not be stored, once one could not: nothing after it may be acknowledged. */
    private Throwable failure;

    /**
     * A writer that names each batch after its first record's position ({@link BatchIdentity#FIRST_POSITION}).
     *
     * @param s3          a client, owned by the caller
     * @param config      where and how to write
     * @param acknowledge called, in order, with each batch once it is stored
     * @param clock       for batch ages
     */
    public S3BatchWriter(S3Client s3, S3DestinationConfiguration config, Consumer<StoredBatch> acknowledge, Clock clock) {
        this(s3, config, BatchIdentity.FIRST_POSITION, acknowledge, clock);
    }

    /**
     * A writer that names and files each batch by {@code identity}: for a host whose replayed batch may start with
     * another record than before (a pipeline names it after the position the batch resumes after).
     *
     * @param s3          a client, owned by the caller
     * @param config      where and how to write
     * @param identity    what each batch's object is named after
     * @param acknowledge called, in order, with each batch once it is stored
     * @param clock       for batch ages
     */
    public S3BatchWriter(S3Client s3, S3DestinationConfiguration config, BatchIdentity identity,
                         Consumer<StoredBatch> acknowledge, Clock clock) {
        // Checked here: a null callback would fail only once the first batch was uploaded, unacknowledged.
        this.config = Objects.requireNonNull(config, "config");
        this.uploader = new ObjectUploader(Objects.requireNonNull(s3, "s3"), config);
        this.identity = Objects.requireNonNull(identity, "identity");
        this.acknowledge = Objects.requireNonNull(acknowledge, "acknowledge");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Adds a record; stores the batch when it is full. */
    @Override
    public synchronized void write(Record record) {
        Objects.requireNonNull(record, "record");
        checkNotFailed();
        if (current == null) {
            current = new Batch(record, clock.instant());
        }
        current.add(record);
        if (current.records >= config.bufferSize() || current.bytes() >= config.maxBatchBytes()) {
            flush();
        }
    }

    /** Stores the batch if its first record is older than the flush interval. */
    @Override
    public synchronized void flushIfDue() {
        checkNotFailed();
        if (current != null && !clock.instant().isBefore(current.startedAt.plus(config.flushInterval()))) {
            flush();
        }
    }

    /** Stores the batch in progress, if any. */
    @Override
    public synchronized void flush() {
        checkNotFailed();
        if (current == null) {
            return;
        }
        Batch batch = current;
        current = null;
        try {
            Path file = batch.finish();
            String key = ObjectNamer.name(config.prefix(), config.keyTemplate(), batch.filedAt, batch.identity, config.format().extension());
            uploader.upload(key, file);
            acknowledge.accept(new StoredBatch(config.bucket(), key, batch.records, Files.size(file),
                    batch.first.position(), batch.last.position()));
        } catch (IOException e) {
            failure = e;
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            batch.discard();
        }
    }

    private void checkNotFailed() {
        if (failure != null) {
            throw new WriterFailedException(failure);
        }
    }

    /**
     * Drops the batch in progress without storing it. Its records are not acknowledged: a host that resumes
     * from the last acknowledged position writes them again, into a batch that starts with the same record
     * and so gets the same name.
     */
    @Override
    public synchronized void discard() {
        if (current != null) {
            Batch batch = current;
            current = null;
            batch.discard();
        }
    }

    /** Records waiting in the batch in progress. */
    public synchronized int pending() {
        return current == null ? 0 : current.records;
    }

    /** Stores what is buffered; throws {@link WriterFailedException} when a batch failed before. */
    @Override
    public void close() {
        flush();
    }

    /** One batch being encoded into its temporary file. */
    private final class Batch {
        private final Record first;
        private final byte[] identity;
        private final Instant filedAt;
        private final Instant startedAt;
        private final Path file;
        private final CountingStream counter;
        private final RecordEncoder encoder;
        private Record last;
        private int records;

        Batch(Record first, Instant startedAt) {
            this.first = first;
            this.identity = S3BatchWriter.this.identity.of(first);
            this.filedAt = S3BatchWriter.this.identity.filedAt(first, startedAt);
            this.startedAt = startedAt;
            try {
                this.file = Files.createTempFile("s3conn-batch-", "." + config.format().extension());
                this.counter = new CountingStream(new BufferedOutputStream(Files.newOutputStream(file), 256 * 1024));
                // Parquet's row groups wait in memory until written: no larger than a batch may be, so that a batch (a Kafka
                // sink holds one per partition) takes at most about max-batch-bytes of memory.
                this.encoder = config.format().open(counter, config.maxBatchBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void add(Record record) {
            try {
                encoder.write(record);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            last = record;
            records++;
        }

        /** The batch's encoded size: what reached its file and what the encoder still holds in memory. */
        long bytes() {
            return counter.count + encoder.bufferedBytes();
        }

        Path finish() throws IOException {
            encoder.close();
            counter.close();
            return file;
        }

        void discard() {
            try {
                counter.close();
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A leftover temporary file is harmless; the batch itself was stored or reported.
            }
        }
    }

    /** Counts bytes as the encoder writes them, so batches are cut by their encoded size. */
    private static final class CountingStream extends java.io.FilterOutputStream {
        private long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count += length;
        }
    }

}
