package io.s3conn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.s3conn.core.record.Record;
import io.s3conn.core.record.RecordJson;
import io.s3conn.testbed.ArchiveEmulator;
import io.s3conn.testbed.FaultKind;
import io.s3conn.testbed.S3Operation;
import io.s3conn.testbed.TestBed;

/**
 * {@code source read --restore-archived} as a user runs it: killed while a restore is pending, and against a
 * server that has no restores. Restores on the test bed run until the test completes them.
 */
@Timeout(120)
class SourceRestoreCliIT {

    private final TestBed bed = Fixtures.testBed();
    private final ArchiveEmulator emulator = bed.emulator();
    private final String database = Fixtures.newSqliteUrl();
    private final Cli cli = Cli.withTestBedCredentials();

    @BeforeEach
    void restoresRunUntilCompleted() {
        emulator.setRestoreDelay(Duration.ofHours(1));
    }

    @AfterEach
    void reset() {
        emulator.reset();
    }

    private String[] read(String bucket, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("source", "read", "--bucket", bucket,
                "--endpoint-url", bed.endpoint().toString(), "--database", database, "--state", "cold-" + bucket,
                "--restore-archived", "--restore-poll", "200ms"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private long restoreRequests(String bucket) {
        return emulator.restoreRequests().stream().filter(r -> r.bucket().equals(bucket)).count();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    @Test
    void killedWhileARestoreIsPendingTheNextRunEmitsTheObjectOnceWithItsPayload() throws Exception {
        String bucket = Fixtures.newBucket("cli-restore-kill");
        bed.put(bucket, "cold", "frozen bytes", "GLACIER");
        bed.put(bucket, "warm", "w", null);
        Process first = cli.start(read(bucket));
        await(() -> Cli.read(first, "stdout").contains("warm") && restoreRequests(bucket) == 1);
        Thread.sleep(500); // a few HEAD polls: the wait is in the state
        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertThat(Cli.read(first, "stdout").lines()).as(Cli.read(first, "stderr")).hasSize(1);

        emulator.completeRestores();
        Cli.Result second = cli.run(read(bucket, "--max-records", "1"));

        assertThat(second.exitCode()).as(second.toString()).isZero();
        List<Record> records = second.stdout().lines().map(RecordJson::read).toList();
        assertThat(records).as(second.toString()).singleElement().satisfies(record -> {
            assertThat(new String(record.key())).isEqualTo("cold");
            assertThat(new String(record.payload().after().orElseThrow())).isEqualTo("frozen bytes");
        });
        assertThat(restoreRequests(bucket)).as("the restore is asked for once").isEqualTo(1);
    }

    @Test
    void aRunThatStopsWhileRestoresArePendingSaysHowManyWait() {
        String bucket = Fixtures.newBucket("cli-restore-summary");
        bed.put(bucket, "cold", "frozen bytes", "GLACIER");
        bed.put(bucket, "warm", "w", null);

        Cli.Result result = cli.run(read(bucket, "--stop-when-idle"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout().lines()).as(result.toString()).hasSize(1);
        assertThat(result.stderr()).as(result.toString()).contains("s3conn: 1 record, ")
                .contains("archived objects waiting for their restores: 1 (kept in the state: the next run emits them)");
    }

    @Test
    void aPipelineFileWithRestoreArchivedStoresTheArchivedObjectWithItsPayload() throws Exception {
        String source = Fixtures.newBucket("pipe-restore-src");
        String target = Fixtures.newBucket("pipe-restore-dst");
        bed.put(source, "cold", "frozen bytes", "GLACIER");
        bed.put(source, "warm", "w", null);
        Path file = Files.createTempFile("pipeline", ".yaml");
        Files.writeString(file, """
                source:
                  bucket: %s
                  mode: snapshot
                  restoreArchived: true
                  restorePoll: 200ms
                destination:
                  bucket: %s
                  format: json
                  bufferSize: 1
                state: thaw
                """.formatted(source, target));
        Process process = cli.start("pipeline", "run", "--file", file.toString(), "--endpoint-url", bed.endpoint().toString(),
                "--database", database);
        await(() -> restoreRequests(source) == 1);

        emulator.completeRestores();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("a snapshot pipeline ends once its restores are in").isTrue();
        assertThat(process.exitValue()).as(Cli.read(process, "stderr")).isZero();
        List<Record> stored = PipelineCliIT.destinationRecords(bed, target);
        assertThat(stored).extracting(record -> new String(record.key())).containsExactlyInAnyOrder("warm", "cold");
        assertThat(stored).filteredOn(record -> new String(record.key()).equals("cold")).singleElement()
                .satisfies(record -> assertThat(new String(record.payload().after().orElseThrow())).isEqualTo("frozen bytes"));
    }

    /**
     * RestoreObject still throttled after the client's retries stops the read, to be run again later. Before, the object
     * was taken as refused and emitted without its payload, and positions moved on past it: its bytes never came.
     */
    @Test
    void restoreRequestsKeptThrottledEndTheReadWithExitCodeTenAndEmitNoRecordWithoutPayload() {
        String bucket = Fixtures.newBucket("cli-restore-throttled");
        bed.put(bucket, "cold", "frozen bytes", "GLACIER");
        emulator.setFaults(1.0, java.util.EnumSet.of(FaultKind.SLOW_DOWN), java.util.EnumSet.of(S3Operation.RESTORE_OBJECT));

        Cli.Result result = cli.run(read(bucket, "--mode", "snapshot", "--max-attempts", "2"));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(10);
        assertThat(result.stdout()).as(result.toString()).isEmpty();
        assertThat(result.stderr()).as(result.toString()).isEqualTo("s3conn: S3 request to bucket " + bucket + " failed at " + bed.endpoint()
                + ": SlowDown (HTTP 503) after retries\n");
    }

    /** The read after a throttled one asks for the restore, and emits the object once, with its payload. */
    @Test
    void theReadAfterAThrottledOneEmitsTheArchivedObjectWithItsPayload() {
        String bucket = Fixtures.newBucket("cli-restore-throttled-rerun");
        bed.put(bucket, "cold", "frozen bytes", "GLACIER");
        emulator.setFaults(1.0, java.util.EnumSet.of(FaultKind.SLOW_DOWN), java.util.EnumSet.of(S3Operation.RESTORE_OBJECT));
        cli.run(read(bucket, "--mode", "snapshot", "--max-attempts", "2"));
        emulator.clearFaults();
        emulator.setRestoreDelay(Duration.ZERO);

        Cli.Result result = cli.run(read(bucket, "--mode", "snapshot"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout().lines().map(RecordJson::read).toList()).as(result.toString()).singleElement()
                .satisfies(record -> assertThat(new String(record.payload().after().orElseThrow())).isEqualTo("frozen bytes"));
        assertThat(restoreRequests(bucket)).isEqualTo(1);
    }

    @Test
    void aServerWithoutRestoresEndsTheReadWithExitCodeNineInOneLine() {
        String bucket = Fixtures.newBucket("cli-restore-501");
        bed.put(bucket, "cold-1", "one", "GLACIER");
        bed.put(bucket, "cold-2", "two", "DEEP_ARCHIVE");
        emulator.setRestoresNotImplemented(true);

        Cli.Result result = cli.run(read(bucket, "--mode", "snapshot"));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(9);
        assertThat(result.stderr().strip()).as(result.toString()).isEqualTo("s3conn: the server of bucket " + bucket
                + " does not implement restores (RestoreObject answered 501 NotImplemented)");
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stdout() + result.stderr()).doesNotContain(bed.secretAccessKey());
        assertThat(restoreRequests(bucket)).as("stops at the first answer").isEqualTo(1);
    }
}
