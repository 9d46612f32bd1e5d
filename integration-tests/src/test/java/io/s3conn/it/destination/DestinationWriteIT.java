package io.s3conn.it.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.s3conn.core.record.Metadata;
import io.s3conn.core.record.Operation;
import io.s3conn.core.record.Payload;
import io.s3conn.core.record.Position;
import io.s3conn.core.record.Record;
import io.s3conn.core.record.RecordJson;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.time.SettableClock;
import io.s3conn.destination.format.JsonLinesFormat;
import io.s3conn.destination.format.RecordFormat;
import io.s3conn.destination.format.parquet.ParquetFormat;
import io.s3conn.destination.s3.ObjectNamer;
import io.s3conn.destination.s3.S3BatchWriter;
import io.s3conn.destination.s3.S3DestinationConfiguration;
import io.s3conn.destination.FlushTimer;
import io.s3conn.destination.StoredBatch;
import io.s3conn.destination.WriterFailedException;
import io.s3conn.it.CountedRequests;
import io.s3conn.it.Fixtures;
import io.s3conn.testbed.FaultKind;
import io.s3conn.testbed.S3Server;
import io.s3conn.testbed.TestBed;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Batches of records written as JSON lines and read back: the round trip and multipart uploads on every S3
 * server ({@link Fixtures#servers()}), cuts, replays and injected faults on the test bed.
 */
class DestinationWriteIT {

    private final TestBed bed = Fixtures.testBed();
    private final List<StoredBatch> acknowledged = new CopyOnWriteArrayList<>();

    @AfterEach
    void clearFaults() {
        bed.emulator().clearFaults();
    }

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void everyOperationRoundTripsThroughGzippedJsonLines(S3Server server) throws IOException {
        String bucket = Fixtures.newBucket(server, "dst-json");
        List<Record> records = List.of(
                record(1, Operation.SNAPSHOT, "ünïcødé key\nline", new Payload(Optional.empty(), Optional.of(new byte[] {0, -1, 7}))),
                record(2, Operation.CREATE, "empty", new Payload(Optional.empty(), Optional.of(new byte[0]))),
                record(3, Operation.UPDATE, "k", new Payload(Optional.of("old".getBytes()), Optional.of("new".getBytes()))),
                record(4, Operation.DELETE, "k", new Payload(Optional.of("old".getBytes()), Optional.empty())));

        try (S3Client s3 = client(server);
             S3BatchWriter writer = writer(s3, bucket, new JsonLinesFormat(true), 100, Duration.ofHours(1))) {
            records.forEach(writer::write);
        }

        assertThat(acknowledged).hasSize(1);
        assertThat(readBack(server, bucket, acknowledged.getFirst().key(), true)).containsExactlyElementsOf(records);
    }

    @Test
    void batchesAreCutByRecordCount() {
        String bucket = Fixtures.newBucket("dst-count");

        try (S3Client s3 = client(); S3BatchWriter writer = writer(s3, bucket, new JsonLinesFormat(false), 10, Duration.ofHours(1))) {
            for (int i = 0; i < 25; i++) {
                writer.write(record(i, Operation.CREATE, "k" + i, Payload.after(new byte[10])));
            }
            assertThat(acknowledged).extracting(StoredBatch::records).containsExactly(10, 10);
        }

        assertThat(acknowledged).extracting(StoredBatch::records).containsExactly(10, 10, 5);
    }

    @Test
    void batchesAreCutByEncodedBytes() {
        String bucket = Fixtures.newBucket("dst-bytes");
        S3DestinationConfiguration config = new S3DestinationConfiguration(bucket, "", ObjectNamer.DEFAULT_TEMPLATE,
                new JsonLinesFormat(false), 1000, 4096, Duration.ofHours(1), S3DestinationConfiguration.DEFAULT_PART_SIZE,
                Optional.empty(), Optional.empty(), Optional.empty());

        try (S3Client s3 = client(); S3BatchWriter writer = new S3BatchWriter(s3, config, acknowledged::add, Clock.systemUTC())) {
            for (int i = 0; i < 20; i++) {
                writer.write(record(i, Operation.CREATE, "k" + i, Payload.after(new byte[1024])));
            }
        }

        assertThat(acknowledged).hasSizeGreaterThan(3);
        assertThat(acknowledged.stream().mapToInt(StoredBatch::records).sum()).isEqualTo(20);
        assertThat(acknowledged.subList(0, acknowledged.size() - 1)).allMatch(b -> b.records() < 20);
    }

    /**
     * Before, the rows Parquet held in memory (its row group in progress) were not counted: a batch was cut only once a
     * whole row group of about max-batch-bytes had been written after the first, at about twice max-batch-bytes.
     */
    @Test
    void parquetBatchesAreCutByEncodedBytesCountingTheRowsHeldInMemory() {
        String bucket = Fixtures.newBucket("dst-parquet-bytes");
        long maxBatchBytes = 100_000;
        S3DestinationConfiguration config = new S3DestinationConfiguration(bucket, "", ObjectNamer.DEFAULT_TEMPLATE,
                new ParquetFormat(ParquetFormat.Codec.UNCOMPRESSED), 100_000, maxBatchBytes, Duration.ofHours(1),
                S3DestinationConfiguration.DEFAULT_PART_SIZE, Optional.empty(), Optional.empty(), Optional.empty());
        Random random = new Random(42);

        try (S3Client s3 = client(); S3BatchWriter writer = new S3BatchWriter(s3, config, acknowledged::add, Clock.systemUTC())) {
            for (int i = 0; i < 1000; i++) {
                byte[] payload = new byte[1024];
                random.nextBytes(payload);
                writer.write(record(i, Operation.CREATE, "k" + i, Payload.after(payload)));
            }
        }

        assertThat(acknowledged.stream().mapToInt(StoredBatch::records).sum()).isEqualTo(1000);
        // A batch is cut once it reached the limit: past it by one record and the file's footer at most.
        assertThat(acknowledged).allSatisfy(batch -> assertThat(batch.bytes()).as(batch.key()).isLessThan(maxBatchBytes + 8 * 1024));
    }

    /**
     * The batch's age is read from the writer's clock, here one the test moves: before, the system clock, and a test
     * thread descheduled for the 200 ms between the write and the first {@code flushIfDue} (a loaded machine) saw the
     * batch stored already (reproduced with a 250 ms sleep there).
     */
    @Test
    void aBatchIsStoredOnceItsFirstRecordIsOlderThanTheFlushInterval() {
        String bucket = Fixtures.newBucket("dst-time");
        SettableClock clock = new SettableClock(Instant.now());

        try (S3Client s3 = client();
             S3BatchWriter writer = new S3BatchWriter(s3, config(bucket, new JsonLinesFormat(false), 1000, Duration.ofMillis(200)),
                     acknowledged::add, clock)) {
            writer.write(record(1, Operation.CREATE, "a", Payload.after(new byte[1])));
            clock.advance(Duration.ofMillis(199));
            writer.flushIfDue();
            assertThat(acknowledged).isEmpty();
            clock.advance(Duration.ofMillis(1));
            writer.flushIfDue();
            assertThat(acknowledged).hasSize(1);
        }
    }

    @Test
    void aBatchWrittenAgainFromTheSameFirstRecordReplacesItself() {
        String bucket = Fixtures.newBucket("dst-replay");
        try (S3Client s3 = client()) {
            try (S3BatchWriter first = writer(s3, bucket, new JsonLinesFormat(false), 3, Duration.ofHours(1))) {
                for (int i = 0; i < 3; i++) {
                    first.write(record(i, Operation.CREATE, "k" + i, Payload.after(new byte[1])));
                }
            }
            // A crash before the source checkpointed: the same records come again, in a different cut.
            try (S3BatchWriter again = writer(s3, bucket, new JsonLinesFormat(false), 5, Duration.ofHours(1))) {
                for (int i = 0; i < 5; i++) {
                    again.write(record(i, Operation.CREATE, "k" + i, Payload.after(new byte[1])));
                }
            }
            List<S3Object> objects = s3.listObjectsV2(b -> b.bucket(bucket)).contents();
            assertThat(objects).hasSize(1);
            assertThat(readBack(bucket, objects.getFirst().key(), false)).hasSize(5);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void injectedWriteFailuresAreRetriedAndNothingIsAcknowledgedBeforeItIsStored() throws IOException {
        String bucket = Fixtures.newBucket("dst-faults");
        bed.emulator().setFaults(0.5, Set.of(FaultKind.SLOW_DOWN, FaultKind.INTERNAL_ERROR, FaultKind.RESET), Duration.ZERO, 3L);
        List<String> storedWhenAcknowledged = new ArrayList<>();
        java.util.concurrent.atomic.AtomicLong faults = new java.util.concurrent.atomic.AtomicLong();

        try (S3Client s3 = client(); S3BatchWriter writer = new S3BatchWriter(s3,
                config(bucket, new JsonLinesFormat(false), 4, Duration.ofHours(1)), batch -> {
                    faults.set(bed.emulator().stats().totalFaults());
                    // The check goes through the faulty emulator too; the SDK retries it like the upload.
                    storedWhenAcknowledged.add(batch.key() + "=" + exists(s3, bucket, batch.key()));
                    acknowledged.add(batch);
                }, Clock.systemUTC())) {
            for (int i = 0; i < 12; i++) {
                writer.write(record(i, Operation.CREATE, "k" + i, Payload.after(new byte[16])));
            }
        }
        bed.emulator().clearFaults();

        assertThat(faults.get()).isPositive();
        assertThat(storedWhenAcknowledged).hasSize(3).allMatch(s -> s.endsWith("=true"));
    }

    @Test
    void aWriterWhoseBatchCouldNotBeStoredStoresAndAcknowledgesNothingMore() {
        String bucket = Fixtures.newBucket("dst-failed");

        try (S3Client s3 = clientWithoutRetries()) {
            S3BatchWriter writer = writer(s3, bucket, new JsonLinesFormat(false), 100, Duration.ofHours(1));
            writer.write(record(1, Operation.CREATE, "a", Payload.after(new byte[1])));
            bed.emulator().setFaults(1.0, Set.of(FaultKind.INTERNAL_ERROR), Duration.ZERO, 1L);
            assertThatThrownBy(writer::flush).isInstanceOf(S3Exception.class);
            bed.emulator().clearFaults();

            // Stored, this record's batch would acknowledge position 2, and so the lost record 1 with it.
            assertThatThrownBy(() -> writer.write(record(2, Operation.CREATE, "b", Payload.after(new byte[1]))))
                    .isInstanceOf(WriterFailedException.class).hasCauseInstanceOf(S3Exception.class);
            assertThatThrownBy(writer::close).isInstanceOf(WriterFailedException.class);
        }

        assertThat(acknowledged).isEmpty();
    }

    @Test
    void aBatchTheFlushTimerCouldNotStoreFailsTheHostsNextWrite() throws InterruptedException {
        String bucket = Fixtures.newBucket("dst-timer-failed");

        try (S3Client s3 = clientWithoutRetries()) {
            S3BatchWriter writer = writer(s3, bucket, new JsonLinesFormat(false), 100, Duration.ofMillis(100));
            bed.emulator().setFaults(1.0, Set.of(FaultKind.INTERNAL_ERROR), Duration.ZERO, 1L);
            try (FlushTimer ignored = FlushTimer.start(writer, Duration.ofMillis(100))) {
                writer.write(record(1, Operation.CREATE, "a", Payload.after(new byte[1])));
                // pending() waits for a flush in progress: 0 once the timer took the batch and its upload failed.
                while (writer.pending() > 0) {
                    Thread.sleep(10);
                }
                bed.emulator().clearFaults();

                assertThatThrownBy(() -> writer.write(record(2, Operation.CREATE, "b", Payload.after(new byte[1]))))
                        .isInstanceOf(WriterFailedException.class).hasCauseInstanceOf(S3Exception.class);
            }
        }

        assertThat(acknowledged).isEmpty();
    }

    /**
     * Before, closing the timer interrupted its upload: "S3 client error: Thread was interrupted", the batch not stored
     * and the writer failed, so that {@code destination write} whose stdin ended during a timed flush exited 1.
     */
    @Test
    void closingTheFlushTimerLetsTheUploadInProgressComplete() throws InterruptedException {
        String bucket = Fixtures.newBucket("dst-timer-close");

        try (S3Client s3 = clientWithoutRetries();
             S3BatchWriter writer = writer(s3, bucket, new JsonLinesFormat(false), 100, Duration.ofMillis(100))) {
            bed.emulator().setLatency(Duration.ofSeconds(1));
            try {
                try (FlushTimer ignored = FlushTimer.start(writer, Duration.ofMillis(100))) {
                    writer.write(record(1, Operation.CREATE, "a", Payload.after(new byte[1])));
                    Thread.sleep(400); // the batch was due after 100 ms: the timer's upload is under way
                }
            } finally {
                bed.emulator().setLatency(Duration.ZERO);
            }
        }

        assertThat(acknowledged).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void aBatchLargerThanThePartSizeIsStoredByMultipartUpload(S3Server server) throws IOException {
        String bucket = Fixtures.newBucket(server, "dst-multipart");
        long partSize = 5L * 1024 * 1024;
        S3DestinationConfiguration config = new S3DestinationConfiguration(bucket, "", ObjectNamer.DEFAULT_TEMPLATE,
                new JsonLinesFormat(false), 1000, 64L * 1024 * 1024, Duration.ofHours(1), partSize,
                Optional.empty(), Optional.empty(), Optional.empty());
        CountedRequests counted = new CountedRequests();

        try (S3Client s3 = counted.client(server);
             S3BatchWriter writer = new S3BatchWriter(s3, config, acknowledged::add, Clock.systemUTC())) {
            for (int i = 0; i < 12; i++) {
                writer.write(record(i, Operation.CREATE, "big" + i, Payload.after(new byte[1024 * 1024])));
            }
        }

        assertThat(acknowledged).hasSize(1);
        assertThat(acknowledged.getFirst().bytes()).isGreaterThan(2 * partSize);
        assertThat(counted.of("PutObject")).isZero();
        assertThat(counted.of("UploadPart")).isEqualTo((acknowledged.getFirst().bytes() + partSize - 1) / partSize);
        assertThat(counted.of("CompleteMultipartUpload")).isEqualTo(1);
        assertThat(readBack(server, bucket, acknowledged.getFirst().key(), false)).hasSize(12);
    }

    @Test
    void aTemplateWithoutIdIsRejected() {
        assertThatThrownBy(() -> ObjectNamer.validate("{yyyy}/batch.{ext}")).hasMessageContaining("{id}");
    }

    private boolean exists(S3Client s3, String bucket, String key) {
        return s3.listObjectsV2(b -> b.bucket(bucket).prefix(key)).keyCount() == 1;
    }

    private S3BatchWriter writer(S3Client s3, String bucket, RecordFormat format, int bufferSize, Duration interval) {
        return new S3BatchWriter(s3, config(bucket, format, bufferSize, interval), acknowledged::add, Clock.systemUTC());
    }

    private static S3DestinationConfiguration config(String bucket, RecordFormat format, int bufferSize, Duration interval) {
        return new S3DestinationConfiguration(bucket, "out/", ObjectNamer.DEFAULT_TEMPLATE, format, bufferSize,
                64L * 1024 * 1024, interval, S3DestinationConfiguration.DEFAULT_PART_SIZE, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    private List<Record> readBack(String bucket, String key, boolean gzip) throws IOException {
        return readBack(bed, bucket, key, gzip);
    }

    private static List<Record> readBack(S3Server server, String bucket, String key, boolean gzip) throws IOException {
        byte[] bytes = server.client().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        InputStream in = gzip ? new GZIPInputStream(new ByteArrayInputStream(bytes)) : new ByteArrayInputStream(bytes);
        return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(RecordJson::read).toList();
    }

    private static Record record(int n, Operation operation, String key, Payload payload) {
        return Record.of(Position.of("s3conn:v1:cdc:1000:" + n), operation,
                Map.of(Metadata.OPENCDC_VERSION, "v1", Metadata.OPENCDC_CREATED_AT, "1795424524973000000"),
                key.getBytes(StandardCharsets.UTF_8), payload);
    }

    private static S3Client client() {
        return client(Fixtures.testBed());
    }

    /** A client of the test bed that gives up after one attempt: an injected fault fails its request at once. */
    private static S3Client clientWithoutRetries() {
        return S3Clients.create(Fixtures.connection(Fixtures.testBed()).withMaxAttempts(1));
    }

    /** A client built the way the application builds one. */
    private static S3Client client(S3Server server) {
        return S3Clients.create(Fixtures.connection(server));
    }
}
