package io.s3conn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.s3conn.core.record.RecordJson;
import io.s3conn.testbed.S3Server;
import io.s3conn.testbed.ceph.CephRgwServer;
import io.s3conn.testbed.TestBed;

/** {@code s3conn destination write}, fed by {@code s3conn source read}, as a user pipes them. */
class DestinationCliIT {

    private final TestBed bed = Fixtures.testBed();
    private final Cli cli = Cli.withTestBedCredentials();

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void recordsFromTheSourceAreStoredAndEachBatchIsAcknowledgedOnStdout(S3Server server) throws IOException {
        Cli cli = Cli.withCredentials(server);
        String bucket = Fixtures.newBucket(server, "dst-cli");
        server.putMany(bucket, List.of("a", "b+c", "d%zz"), 3);
        Path records = Files.createTempFile("records", ".jsonl");
        Files.writeString(records, cli.run("source", "read", "--bucket", bucket, "--endpoint-url", server.endpoint().toString(),
                "--database", Fixtures.newSqliteUrl(), "--mode", "snapshot").stdout());

        Cli.Result result = cli.runWithInput(records, "destination", "write", "--bucket", bucket, "--prefix", "copy/",
                "--format", "json", "--buffer-size", "2", "--endpoint-url", server.endpoint().toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout().lines().map(this::records)).containsExactly(2, 1);
        assertThat(server.client().listObjectsV2(b -> b.bucket(bucket).prefix("copy/")).keyCount()).isEqualTo(2);
    }

    /**
     * Before, a line longer than Jackson's default string limit (20,000,000 characters: an object of 15 MB in base64)
     * stopped the write with exit 1 and "unexpected failure: NullPointerException", storing nothing.
     */
    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void anObjectOfSixteenMegabytesThatTheSourcePrintedIsStored(S3Server server) throws IOException {
        Cli cli = Cli.withCredentials(server);
        String bucket = Fixtures.newBucket(server, "dst-cli-large");
        byte[] bytes = new byte[16_000_000];
        Arrays.fill(bytes, (byte) 'x');
        server.put(bucket, "large", bytes, null);
        Path records = Files.createTempFile("records", ".jsonl");
        Files.writeString(records, cli.run("source", "read", "--bucket", bucket, "--endpoint-url", server.endpoint().toString(),
                "--database", Fixtures.newSqliteUrl(), "--mode", "snapshot", "--max-payload-bytes", "20000000").stdout());

        Cli.Result result = cli.runWithInput(records, "destination", "write", "--bucket", bucket, "--prefix", "copy/",
                "--format", "json", "--endpoint-url", server.endpoint().toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        String key = new ObjectMapper().readTree(result.stdout()).get("key").asText();
        String stored = server.client().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
        assertThat(RecordJson.read(stored.strip()).payload().after()).hasValueSatisfying(
                after -> assertThat(after).isEqualTo(bytes));
    }

    @Test
    void aMalformedLineIsReportedWithItsNumberAfterTheLinesBeforeItAreStored() throws IOException {
        String bucket = Fixtures.newBucket("dst-cli-bad");

        Cli.Result result = writeJson(bucket, """
                {"position":"cDE=","operation":"create","metadata":{},"key":"YQ==","payload":{"before":null,"after":"YQ=="}}

                {"position":"cDI=","operation":"create","metadata":{},"key":"Yg==","payload":{"before":null,"after":"Yg=="}}
                {"position":"cDM=","operation":"upsert","key":"Yw=="}
                """);

        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.stderr()).contains("line 4").contains("upsert").hasLineCount(1);
        assertThat(result.stdout().lines().map(this::records)).containsExactly(2);
    }

    /** Before, the byte that is not UTF-8 was stored as U+FFFD: the record altered, exit 0, nothing said. */
    @Test
    void aLineThatIsNotUtf8IsReportedWithItsNumberAfterTheLinesBeforeItAreStored() throws IOException {
        String bucket = Fixtures.newBucket("dst-cli-notutf8");
        Path input = Files.createTempFile("records", ".jsonl");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.writeBytes("""
                {"position":"cDE=","operation":"create","key":"YQ=="}
                {"position":"cDI=","operation":"create","metadata":{"m":\"""".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xe9); // é in Latin-1, not UTF-8
        bytes.writeBytes("\"}}\n".getBytes(StandardCharsets.UTF_8));
        Files.write(input, bytes.toByteArray());

        Cli.Result result = cli.runWithInput(input, "destination", "write", "--bucket", bucket, "--format", "json",
                "--endpoint-url", bed.endpoint().toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(6);
        assertThat(result.stderr()).contains("line 2", "not valid UTF-8").hasLineCount(1);
        assertThat(result.stdout().lines().map(this::records)).containsExactly(1);
    }

    /**
     * Before, the thread reading stdin died of OutOfMemoryError with a stack trace and the write waited for its next
     * line for ever; a SIGTERM then ended it with exit 0 and "0 records read, all stored", the record before the long
     * line never stored.
     */
    @Test
    void aLineTooLongForMemoryIsReportedWithItsNumberAfterTheLinesBeforeItAreStored() throws IOException {
        String bucket = Fixtures.newBucket("dst-cli-toolong");
        Path input = Files.createTempFile("records", ".jsonl");
        try (OutputStream out = Files.newOutputStream(input)) {
            out.write("""
                    {"position":"cDE=","operation":"create","key":"YQ=="}
                    """.getBytes(StandardCharsets.UTF_8));
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'x');
            for (int i = 0; i < 200; i++) { // 200 MiB in one line, for a heap of 96 MiB
                out.write(chunk);
            }
            out.write('\n');
        }

        Cli.Result result = cli.jvmArg("-Xmx96m").runWithInput(input, "destination", "write", "--bucket", bucket,
                "--format", "json", "--endpoint-url", bed.endpoint().toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(6);
        assertThat(result.stderr()).contains("line 2", "too long").hasLineCount(1);
        assertThat(result.stdout().lines().map(this::records)).containsExactly(1);
    }

    /** Before, exit 0 and nothing said: a script reading the acknowledgements missed every one of them. */
    @Test
    void acknowledgementsThatCannotBeWrittenToAFullDeviceExitOneAfterStoringEveryRecord() throws Exception {
        String bucket = Fixtures.newBucket("dst-cli-full");
        Path input = Files.createTempFile("records", ".jsonl");
        Files.writeString(input, """
                {"position":"cDE=","operation":"create","metadata":{},"key":"YQ==","payload":{"before":null,"after":"YQ=="}}
                {"position":"cDI=","operation":"create","metadata":{},"key":"Yg==","payload":{"before":null,"after":"Yg=="}}
                {"position":"cDM=","operation":"create","metadata":{},"key":"Yw==","payload":{"before":null,"after":"Yw=="}}
                """);

        Process write = cli.startWritingTo(input, Path.of("/dev/full"), "destination", "write", "--bucket", bucket,
                "--format", "json", "--endpoint-url", bed.endpoint().toString(), "--buffer-size", "1");
        assertThat(write.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String stderr = Cli.read(write, "stderr");

        assertThat(write.exitValue()).as(stderr).isEqualTo(1);
        assertThat(stderr.strip()).isEqualTo("s3conn: writing acknowledgements to stdout failed (it is a file or device,"
                + " not a pipe whose reader left: a full disk?); all 3 records read were stored");
        assertThat(bed.client().listObjectsV2(b -> b.bucket(bucket)).keyCount()).isEqualTo(3);
    }

    @Test
    void recordsWithoutAPositionAreEachStoredInABatchOfItsOwnNameWithOneWarning() throws IOException {
        String bucket = Fixtures.newBucket("dst-cli-nopos");

        Cli.Result result = writeJson(bucket, """
                {"operation":"create","metadata":{},"key":"YQ==","payload":{"before":null,"after":"YQ=="}}
                {"operation":"create","metadata":{},"key":"Yg==","payload":{"before":null,"after":"Yg=="}}
                {"operation":"create","metadata":{},"key":"Yw==","payload":{"before":null,"after":"Yw=="}}
                """, "--buffer-size", "1");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr().lines()).singleElement().asString().contains("line 1", "no \"position\"");
        assertThat(bed.client().listObjectsV2(b -> b.bucket(bucket)).keyCount()).isEqualTo(3);
    }

    /**
     * Before, batches whose first records shared a position got one name: each replaced the one before it, so of five
     * records only the last batch's one was left, while stdout acknowledged all three batches and the exit code was 0.
     */
    @Test
    void batchesStartingWithRecordsOfTheSamePositionAreAllKeptWithOneWarning() throws IOException {
        String bucket = Fixtures.newBucket("dst-cli-samepos");
        String records = IntStream.rangeClosed(1, 5).mapToObj(i -> """
                {"position":"cA==","operation":"create","metadata":{},"key":"YQ==","payload":{"before":null,"after":"%s"}}
                """.formatted(Base64.getEncoder().encodeToString(("record " + i).getBytes(StandardCharsets.UTF_8))))
                .collect(Collectors.joining());

        Cli.Result result = writeJson(bucket, records, "--buffer-size", "2");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<String> stored = bed.client().listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                .flatMap(o -> bed.client().getObjectAsBytes(b -> b.bucket(bucket).key(o.key())).asUtf8String().lines())
                .map(line -> new String(RecordJson.read(line).payload().after().orElseThrow(), StandardCharsets.UTF_8))
                .toList();
        assertThat(stored).containsExactlyInAnyOrder("record 1", "record 2", "record 3", "record 4", "record 5");
        assertThat(result.stderr().lines()).singleElement().asString().contains("same \"position\"");
    }

    @Test
    void twoRecordsOnOneLineAreReportedWithTheLineNumberInsteadOfLosingTheSecond() throws IOException {
        String bucket = Fixtures.newBucket("dst-cli-twoonaline");

        Cli.Result result = writeJson(bucket, """
                {"position":"cDE=","operation":"create","metadata":{},"key":"YQ==","payload":{"before":null,"after":"YQ=="}}
                {"position":"cDI=","operation":"create","key":"Yg=="}{"position":"cDM=","operation":"create","key":"Yw=="}
                """);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(6);
        assertThat(result.stderr()).contains("line 2").hasLineCount(1);
        assertThat(result.stdout().lines().map(this::records)).containsExactly(1);
    }

    @Test
    void aMaxBatchBytesWithoutUnitIsBytes() throws IOException {
        String bucket = Fixtures.newBucket("dst-cli-batchbytes");

        Cli.Result result = writeJson(bucket, """
                {"position":"cDE=","operation":"create","metadata":{},"key":"YQ==","payload":{"before":null,"after":"YQ=="}}
                {"position":"cDI=","operation":"create","metadata":{},"key":"Yg==","payload":{"before":null,"after":"Yg=="}}
                {"position":"cDM=","operation":"create","metadata":{},"key":"Yw==","payload":{"before":null,"after":"Yw=="}}
                """, "--max-batch-bytes", "150");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout().lines().map(this::records)).containsExactly(2, 1);
    }

    /**
     * Before, the one listing that checks the destination asked for raw XML, which cannot carry an ESC: the answer
     * was unreadable and the write failed before storing anything.
     */
    @Test
    void aDestinationWhoseFirstKeyHoldsAnEscapeIsWrittenInto() throws IOException {
        String bucket = Fixtures.newBucket("dst-cli-esc-key");
        bed.putMany(bucket, List.of("\u001b[31mred"), 1);

        Cli.Result result = writeJson(bucket, """
                {"position":"cDE=","operation":"create","metadata":{},"key":"YQ==","payload":{"before":null,"after":"YQ=="}}
                """);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout().lines().map(this::records)).containsExactly(1);
    }

    /**
     * Before, RGW's 400 to a storage class it was not configured with came out as "S3 request failed at URL:
     * InvalidArgument (HTTP 400)": neither the bucket nor the setting to blame was named.
     */
    @Test
    void aStorageClassTheServerRefusesIsNamedWithTheBucketInOneLine() throws IOException {
        CephRgwServer rgw = Fixtures.cephRgw();
        String bucket = Fixtures.newBucket(rgw, "dst-cli-refused-class");
        Path input = Files.createTempFile("records", ".jsonl");
        Files.writeString(input, """
                {"position":"cDE=","operation":"create","metadata":{},"key":"YQ==","payload":{"before":null,"after":"YQ=="}}
                """);

        Cli.Result result = Cli.withCredentials(rgw).runWithInput(input, "destination", "write", "--bucket", bucket,
                "--format", "json", "--storage-class", "GLACIER_IR", "--endpoint-url", rgw.endpoint().toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr().strip().lines()).singleElement().asString()
                .startsWith("s3conn: bucket " + bucket + " at " + rgw.endpoint())
                .contains("refused an upload sent with storage class GLACIER_IR: InvalidArgument (HTTP 400)")
                .doesNotContain(rgw.secretAccessKey());
        assertThat(rgw.client().listObjectsV2(b -> b.bucket(bucket)).keyCount()).isZero();
    }

    /**
     * Before, S3Proxy's 400 to a key that starts with "/" came out as "S3 request failed at URL: InvalidRequest (HTTP
     * 400)": neither the bucket nor the object refused was named.
     */
    @Test
    void anUploadTheServerRefusesWithoutObjectSettingsNamesTheBucketAndTheKeyInOneLine() throws IOException {
        String bucket = Fixtures.newBucket("dst-cli-refused-key");

        Cli.Result result = writeJson(bucket, """
                {"position":"cDE=","operation":"create","metadata":{},"key":"YQ==","payload":{"before":null,"after":"YQ=="}}
                """, "--prefix", "/");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr().strip().lines()).singleElement().asString()
                .startsWith("s3conn: bucket " + bucket + " at " + bed.endpoint() + " refused the upload of /")
                .contains(": InvalidRequest (HTTP 400)");
    }

    /**
     * Before, a misspelt class was sent as it was: the records were read and the first upload was refused (or, by a
     * server that keeps any label, stored under the typo).
     */
    @Test
    void aStorageClassS3DoesNotNameIsAUsageErrorInOneLineBeforeAnyRecordIsStored() throws IOException {
        String bucket = Fixtures.newBucket("dst-cli-bad-class");

        Cli.Result result = writeJson(bucket, """
                {"position":"cDE=","operation":"create","metadata":{},"key":"YQ==","payload":{"before":null,"after":"YQ=="}}
                """, "--storage-class", "glacir");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr().strip().lines()).singleElement().asString()
                .startsWith("s3conn: --storage-class must be a storage class: STANDARD, ").contains("was: glacir");
        assertThat(bed.client().listObjectsV2(b -> b.bucket(bucket)).keyCount()).isZero();
    }

    /** Before, the first of the two keys won without a word, and the records went into the bucket the user did not mean. */
    @Test
    void aConduitAliasAndTheNameGivingTheBucketTwoValuesInAConfigFileAreAUsageErrorNamingBoth() throws IOException {
        String meant = Fixtures.newBucket("dst-cli-two-keys-meant");
        String other = Fixtures.newBucket("dst-cli-two-keys-other");
        Path config = Files.createTempFile("s3conn-config", ".json");
        Files.writeString(config, "{\"aws.bucket\": \"" + other + "\", \"format\": \"json\", \"bucket\": \"" + meant + "\"}");
        Path input = Files.createTempFile("records", ".jsonl");
        Files.writeString(input, """
                {"position":"cDE=","operation":"create","metadata":{},"key":"YQ==","payload":{"before":null,"after":"YQ=="}}
                """);

        Cli.Result result = cli.runWithInput(input, "destination", "write", "--config", config.toString(),
                "--endpoint-url", bed.endpoint().toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr().strip().lines()).singleElement().asString().isEqualTo("s3conn: \"aws.bucket\" and \"bucket\" in "
                + "configuration file " + config + " both set bucket, to different values: keep one of them");
        assertThat(bed.client().listObjectsV2(b -> b.bucket(other)).keyCount()).isZero();
        assertThat(bed.client().listObjectsV2(b -> b.bucket(meant)).keyCount()).isZero();
    }

    /** Before, Parquet held rows in memory up to a 64 MiB row group whatever --max-batch-bytes said. */
    @Test
    void aParquetBatchHoldsNoMoreThanMaxBatchBytesOfRowsInMemory() throws IOException {
        String bucket = Fixtures.newBucket("dst-cli-parquet-bytes");
        String payload = Base64.getEncoder().encodeToString("x".repeat(1000).getBytes(StandardCharsets.UTF_8));
        String records = IntStream.rangeClosed(1, 3).mapToObj(i -> "{\"position\":\"" + Base64.getEncoder().encodeToString(
                ("p" + i).getBytes(StandardCharsets.UTF_8)) + "\",\"operation\":\"create\",\"metadata\":{},\"key\":\"YQ==\","
                + "\"payload\":{\"before\":null,\"after\":\"" + payload + "\"}}\n").collect(Collectors.joining());

        Cli.Result result = write(bucket, "parquet", records, "--max-batch-bytes", "1500", "--compression", "none");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout().lines().map(this::records)).containsExactly(2, 1);
    }

    /**
     * Before, parquet-java logged each row group holding more than three times --max-batch-bytes (one record larger
     * than that) as a WARN of some hundred lines dumping its column buffers, on every such batch.
     */
    @Test
    void aParquetRecordLargerThanMaxBatchBytesIsStoredWithNothingOnStderr() throws IOException {
        String bucket = Fixtures.newBucket("dst-cli-parquet-large-record");
        String payload = Base64.getEncoder().encodeToString("x".repeat(20_000).getBytes(StandardCharsets.UTF_8));
        String record = "{\"position\":\"cDE=\",\"operation\":\"create\",\"metadata\":{},\"key\":\"YQ==\","
                + "\"payload\":{\"before\":null,\"after\":\"" + payload + "\"}}\n";

        Cli.Result result = write(bucket, "parquet", record, "--max-batch-bytes", "1000", "--compression", "none");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout().lines().map(this::records)).containsExactly(1);
        assertThat(result.stderr()).isEmpty();
    }

    /**
     * Before, SIGTERM ended the JVM at once (exit 143, nothing said): the records read since the last stored batch
     * were lost. stdin stays open here, as an upstream that keeps running would keep it.
     */
    @Test
    void sigtermStoresEveryRecordReadAndExitsZeroInOneLine() throws Exception {
        String bucket = Fixtures.newBucket("dst-cli-sigterm");
        Process writer = cli.startFed("destination", "write", "--bucket", bucket, "--format", "json", "--buffer-size", "2",
                "--flush-interval", "1h", "--endpoint-url", bed.endpoint().toString());
        try (OutputStream stdin = writer.getOutputStream()) {
            stdin.write("""
                    {"position":"cDE=","operation":"create","metadata":{},"key":"YQ==","payload":{"before":null,"after":"YQ=="}}
                    {"position":"cDI=","operation":"create","metadata":{},"key":"Yg==","payload":{"before":null,"after":"Yg=="}}
                    {"position":"cDM=","operation":"create","metadata":{},"key":"Yw==","payload":{"before":null,"after":"Yw=="}}
                    """.getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Cli.read(writer, "stdout").isEmpty() && System.nanoTime() < deadline && writer.isAlive()) {
                Thread.sleep(100); // the first two are stored; the third waits in the next batch
            }

            writer.destroy();

            assertThat(writer.waitFor(5, TimeUnit.SECONDS)).as("stopped within 5 s").isTrue();
        }
        String stderr = Cli.read(writer, "stderr");
        assertThat(writer.exitValue()).as(stderr).isZero();
        assertThat(stderr).isEqualTo("s3conn: stopped by SIGTERM: 3 records read, all stored\n");
        assertThat(Cli.read(writer, "stdout").lines().map(this::records)).containsExactly(2, 1);
    }

    /**
     * Before, the handler was installed once the bucket had answered: a SIGTERM while it was asked ended the JVM at once,
     * exit 143 and nothing said, and the records stdin held were never stored. The check is held by a slow proxy until
     * the signal is sent, so the signal always arrives while the write starts.
     */
    @Test
    void aSigtermWhileTheBucketIsAskedStopsTheWriteWithExitZero() throws Exception {
        String bucket = Fixtures.newBucket("dst-cli-early-sigterm");
        try (LatencyProxy slow = LatencyProxy.start(bed.endpoint(), Duration.ofSeconds(3))) {
            Process writer = cli.startFed("destination", "write", "--bucket", bucket, "--format", "json",
                    "--flush-interval", "1h", "--endpoint-url", slow.endpoint().toString());
            try (OutputStream stdin = writer.getOutputStream()) {
                stdin.write("""
                        {"position":"cDE=","operation":"create","metadata":{},"key":"YQ==","payload":{"before":null,"after":"YQ=="}}
                        """.getBytes(StandardCharsets.UTF_8));
                stdin.flush();
                slow.awaitFirstRequest(Duration.ofSeconds(60));

                writer.destroy();
                slow.withoutLatency();

                assertThat(writer.waitFor(30, TimeUnit.SECONDS)).as("stopped").isTrue();
            } finally {
                writer.destroyForcibly();
            }
            String stderr = Cli.read(writer, "stderr");
            assertThat(writer.exitValue()).as(stderr).isZero();
            assertThat(stderr.lines().toList()).last().isEqualTo("s3conn: stopped by SIGTERM: 1 record read, all stored");
            assertThat(Cli.read(writer, "stdout").lines().map(this::records)).containsExactly(1);
        }
    }

    /**
     * What Ctrl-C does to {@code source read --state S | destination write}: both sides get the signal. Before, the
     * writer died with its batch while the source had recorded those records as emitted, so no later run emitted
     * them again.
     */
    @Test
    void stoppingBothSidesOfAPipeStoresEveryRecordTheSourceRecordedAsEmitted() throws Exception {
        String source = Fixtures.newBucket("dst-cli-pipe-src");
        String target = Fixtures.newBucket("dst-cli-pipe-dst");
        List<String> keys = Fixtures.keys("k", 300);
        bed.putMany(source, keys, 16);
        String database = Fixtures.newSqliteUrl();
        List<Process> pipe = cli.startPipeline(
                new String[] {"source", "read", "--bucket", source, "--endpoint-url", bed.endpoint().toString(),
                        "--database", database, "--state", "piped", "--polling-period", "200ms"},
                new String[] {"destination", "write", "--bucket", target, "--format", "json", "--flush-interval", "1h",
                        "--endpoint-url", bed.endpoint().toString()});
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (emitted(database) < keys.size() && System.nanoTime() < deadline && pipe.getFirst().isAlive()) {
            Thread.sleep(100);
        }
        assertThat(emitted(database)).as(Cli.read(pipe.getFirst(), "stderr")).isEqualTo(keys.size());

        pipe.forEach(Process::destroy);

        for (Process process : pipe) {
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("stopped within 10 s").isTrue();
            assertThat(process.exitValue()).as(Cli.read(process, "stderr")).isZero();
        }
        assertThat(PipelineCliIT.destinationRecords(bed, target)).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(keys);
    }

    /** The keys {@code source read --state} recorded as emitted in {@code database}. */
    private static int emitted(String database) {
        if (!Files.exists(Fixtures.sqliteFile(database))) {
            return 0;
        }
        try (var connection = DriverManager.getConnection(database);
             var rs = connection.createStatement().executeQuery("SELECT count(*) FROM s3conn_source_objects")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException notYetMigrated) {
            return 0;
        }
    }

    /** Before, {@code source read} piped into {@code destination write} on the same bucket and prefix stored its own objects again without end. */
    @Test
    void aRecordOfOneOfTheDestinationsOwnObjectsReadBackStopsTheWriteWithExitTwoAfterStoringTheRecordsBeforeIt() throws IOException {
        String bucket = Fixtures.newBucket("dst-cli-loop");
        bed.put(bucket, "a-original", "bytes".getBytes(StandardCharsets.UTF_8), null);
        Cli.Result first = writeJson(bucket, snapshot(bucket), "--prefix", "copy/");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        String batch = new ObjectMapper().readTree(first.stdout().lines().findFirst().orElseThrow()).get("key").asText();

        Cli.Result result = writeJson(bucket, snapshot(bucket), "--prefix", "copy/");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).as(result.toString()).isEqualTo("s3conn: stdin line 2 is the object s3://" + bucket + "/"
                + batch + ", named as this command names the objects it stores under s3://" + bucket + "/copy/: its input "
                + "reads them back (a source of that bucket piped in), and each would be stored again without end; give the "
                + "destination another bucket or prefix, or the source a prefix that leaves s3://" + bucket + "/copy/ out "
                + "(the records before it are stored)\n");
        assertThat(result.stdout().lines().map(this::records)).containsExactly(1);
    }

    private String snapshot(String bucket) {
        return cli.run("source", "read", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                "--database", Fixtures.newSqliteUrl(), "--mode", "snapshot").stdout();
    }

    @Test
    void theStoredLinesAreTheLinesTheSourcePrintedAndTheirPayloadsTheObjectsBytes() throws IOException {
        String bucket = Fixtures.newBucket("dst-cli-bytes");
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        Map<String, byte[]> objects = Map.of("bin", everyByte, "empty", new byte[0],
                "latin1.txt", "café crème".getBytes(StandardCharsets.ISO_8859_1));
        objects.forEach((key, bytes) -> bed.put(bucket, key, bytes, null));
        String printed = snapshot(bucket);

        Cli.Result result = writeJson(bucket, printed, "--prefix", "copy/");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        String stored = stored(bucket, result);
        assertThat(stored).isEqualTo(printed);
        assertThat(stored.lines().map(RecordJson::read))
                .allSatisfy(r -> assertThat(r.payload().after()).hasValue(objects.get(new String(r.key(), StandardCharsets.UTF_8))));
    }

    @Test
    void conduitRecordsWithStructuredDataAndNullMetadataAreStoredAsTheyCame() throws IOException {
        String bucket = Fixtures.newBucket("dst-cli-conduit");
        String records = """
                {"position":"cDE=","operation":"update","metadata":{"foo":"bar","gone":null},"key":{"id":7},"payload":{"before":"eWVsbG93","after":{"id":7,"price":0.1000000000000000000001,"huge":1E+400,"tags":["a"]}}}
                {"position":"cDI=","operation":"delete","metadata":{},"key":{"id":8},"payload":{"before":{"id":8},"after":null}}
                """;

        Cli.Result result = writeJson(bucket, records);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(stored(bucket, result)).isEqualTo(records);
    }

    @Test
    void recordsInTheJsonFormOfTheKafkaConnectSourceWithReadablePositionsAreStored() throws IOException {
        String bucket = Fixtures.newBucket("dst-cli-kafka-form");

        Cli.Result result = writeJson(bucket, """
                {"position":"s3conn:v1:snapshot:1700000000000:YQ","operation":"snapshot","metadata":{},"key":"YQ==","payload":{"before":null,"after":"YQ=="}}
                """);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("\"first_position\":\"s3conn:v1:snapshot:1700000000000:YQ\"");
    }

    /** {@code destination write} of {@code records} (JSON lines) as JSON lines into the test bed's {@code bucket}. */
    private Cli.Result writeJson(String bucket, String records, String... options) throws IOException {
        return write(bucket, "json", records, options);
    }

    private Cli.Result write(String bucket, String format, String records, String... options) throws IOException {
        Path input = Files.createTempFile("records", ".jsonl");
        Files.writeString(input, records);
        List<String> args = new ArrayList<>(List.of("destination", "write", "--bucket", bucket, "--format", format,
                "--endpoint-url", bed.endpoint().toString()));
        args.addAll(List.of(options));
        return cli.runWithInput(input, args.toArray(String[]::new));
    }

    /** The object the one acknowledgement of {@code result} names, as text. */
    private String stored(String bucket, Cli.Result result) throws IOException {
        String key = new ObjectMapper().readTree(result.stdout()).get("key").asText();
        return bed.client().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }

    private int records(String acknowledgement) {
        try {
            return new ObjectMapper().readTree(acknowledgement).get("records").asInt();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
