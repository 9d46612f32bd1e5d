package io.s3conn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.s3conn.core.record.Metadata;
import io.s3conn.core.record.Record;
import io.s3conn.core.record.RecordJson;
import io.s3conn.testbed.FaultKind;
import io.s3conn.testbed.S3Operation;
import io.s3conn.testbed.S3Server;
import io.s3conn.testbed.TestBed;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code s3conn pipeline run}: exactly once through SIGKILLs on every S3 server ({@link Fixtures#servers()}),
 * clean stop on SIGTERM.
 */
class PipelineCliIT {

    private final TestBed bed = Fixtures.testBed();
    private final Cli cli = Cli.withTestBedCredentials();
    private final String database = Fixtures.newSqliteUrl();

    /**
     * Killed with SIGKILL four times while it runs (a slow network in front of the server makes the run last),
     * then run to the end at full speed. Among the keys, {@link Fixtures#AWKWARD_KEYS}.
     */
    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void killedAtRandomMomentsTheDestinationStillHoldsEveryRecordExactlyOnce(S3Server server) throws Exception {
        Cli cli = Cli.withCredentials(server);
        String source = Fixtures.newBucket(server, "pipe-src");
        String target = Fixtures.newBucket(server, "pipe-dst");
        // Past the source's first listing page (1,000 keys), without more objects than that takes to put and pipe.
        List<String> keys = new ArrayList<>(Fixtures.keys("obj/", 1100));
        keys.addAll(Fixtures.AWKWARD_KEYS);
        server.putMany(source, keys, 16);
        Random random = new Random(20261123);
        int killedMidRun = 0;
        try (LatencyProxy slow = LatencyProxy.start(server.endpoint(), Duration.ofMillis(30))) {
            for (int kill = 0; kill < 4; kill++) {
                Process process = cli.start(pipeline(source, target, slow.endpoint().toString()));
                Thread.sleep(1500 + random.nextInt(2500));
                if (process.isAlive()) {
                    killedMidRun++;
                }
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                if (kill == 1) {
                    // Changes while the pipeline is down: CDC must carry them exactly once too.
                    server.put(source, "obj/00007", "updated", null);
                    server.put(source, "obj/new", "created", null);
                }
            }
            // Through the same endpoint: from another one (even one leading to the same server) the run would warn.
            slow.withoutLatency();
            Cli.Result last = cli.run(pipeline(source, target, slow.endpoint().toString()));
            assertThat(killedMidRun).as("kills that hit a running pipeline").isGreaterThanOrEqualTo(3);

            assertThat(last.exitCode()).as(last.toString()).isZero();
        }
        Map<String, Integer> copies = new HashMap<>();
        for (Record record : destinationRecords(server, target)) {
            String identity = new String(record.key(), StandardCharsets.UTF_8) + " " + record.metadata().get(Metadata.S3_ETAG);
            copies.merge(identity, 1, Integer::sum);
        }
        assertThat(copies).allSatisfy((identity, count) -> assertThat(count).as(identity).isEqualTo(1));
        List<String> recordedKeys = copies.keySet().stream().map(k -> k.substring(0, k.lastIndexOf(' '))).distinct().toList();
        List<String> expected = new ArrayList<>(keys);
        expected.add("obj/new");
        assertThat(recordedKeys).containsExactlyInAnyOrderElementsOf(expected);
    }

    /**
     * The awkward moment the random kills above may miss: a batch stored in the bucket and its position not yet
     * committed (another connection holds SQLite's write lock, so the commit waits). The run after the kill starts from
     * the position before that batch and stores it again under the same name: each record once.
     */
    @Test
    void killedBetweenStoringABatchAndCommittingItTheNextRunReplacesThatBatch() throws Exception {
        String target = Fixtures.newBucket("pipe-kill-commit-dst");
        List<String> keys = Fixtures.keys("k/", 30);

        Cli.Result last = killedBetweenStoringAndCommittingThenRunAgain(keys, target, Optional.empty());

        assertThat(last.exitCode()).as(last.toString()).isZero();
        assertThat(storedKeys(target)).containsExactlyInAnyOrderElementsOf(keys);
    }

    /**
     * A key of the batch stored and not committed, deleted while the pipeline is down: the pipeline has no position of
     * its own ahead of its state (it resumes from the state), and the batch written again without the key replaces the
     * copy that held it, so the destination holds no record of it rather than a create that no delete follows.
     */
    @Test
    void aKeyOfTheUncommittedBatchDeletedWhileThePipelineIsDownLeavesNoRecordOfItInTheDestination() throws Exception {
        String target = Fixtures.newBucket("pipe-kill-delete-dst");
        List<String> keys = Fixtures.keys("k/", 30);
        String deleted = keys.get(3); // in the first batch, of seven

        Cli.Result last = killedBetweenStoringAndCommittingThenRunAgain(keys, target, Optional.of(deleted));

        assertThat(last.exitCode()).as(last.toString()).isZero();
        assertThat(storedKeys(target)).containsExactlyInAnyOrderElementsOf(keys.stream().filter(key -> !key.equals(deleted)).toList());
    }

    /**
     * A pipeline over {@code keys} killed once it stored its first batch of seven and before it committed it (see
     * {@link #killedBetweenStoringABatchAndCommittingItTheNextRunReplacesThatBatch}), {@code deleted} deleted from
     * the source while it is down, then run to its end.
     */
    private Cli.Result killedBetweenStoringAndCommittingThenRunAgain(List<String> keys, String target,
                                                                     Optional<String> deleted) throws Exception {
        String source = Fixtures.newBucket("pipe-kill-commit-src");
        bed.putMany(source, keys, 8);
        try (LatencyProxy slow = LatencyProxy.start(bed.endpoint(), Duration.ofMillis(300))) {
            String[] run = {"pipeline", "run", "--bucket", source, "--destination-bucket", target, "--format", "json",
                    "--buffer-size", "7", "--flush-interval", "1h", "--stop-when-idle", "--endpoint-url",
                    slow.endpoint().toString(), "--database", database, "--state", "kill-commit"};
            Process first = cli.start(run);
            // The run's first write, its starting position, must be in before the lock: held earlier, it would wait there.
            awaitCheckpoint("source:kill-commit", first);
            try (var lock = DriverManager.getConnection(database); var statement = lock.createStatement()) {
                statement.execute("BEGIN EXCLUSIVE");
                awaitObjects(target, first);
                Thread.sleep(500);
                try (var rows = statement.executeQuery("SELECT state FROM s3conn_checkpoints WHERE name = 'source:kill-commit'")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).as("no batch committed").contains("\"saves\":\"1\"");
                }
                first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                statement.execute("COMMIT");
            }
            deleted.ifPresent(key -> {
                assertThat(storedKeys(target)).as("the batch stored and not committed").contains(key);
                bed.client().deleteObject(r -> r.bucket(source).key(key));
            });
            slow.withoutLatency();
            return cli.run(run);
        }
    }

    private String[] pipeline(String source, String target, String endpoint) {
        return new String[] {"pipeline", "run", "--bucket", source, "--destination-bucket", target, "--format", "json",
                "--buffer-size", "17", "--flush-interval", "300ms", "--polling-period", "100ms", "--stop-when-idle",
                "--endpoint-url", endpoint, "--database", database, "--state", "exactly-once"};
    }

    @Test
    void sigtermFlushesWhatIsBufferedCheckpointsAndExitsZero() throws Exception {
        String source = Fixtures.newBucket("pipe-term-src");
        String target = Fixtures.newBucket("pipe-term-dst");
        bed.putMany(source, List.of("a", "b", "c"), 3);
        Path file = Files.createTempFile("pipeline", ".yaml");
        Files.writeString(file, """
                source:
                  bucket: %s
                  pollingPeriod: 200ms
                destination:
                  bucket: %s
                  prefix: archive/
                  format: parquet
                  flushInterval: 1h
                state: term
                """.formatted(source, target));
        Process process = cli.start("pipeline", "run", "--file", file.toString(), "--endpoint-url", bed.endpoint().toString(),
                "--database", database);
        awaitLease("source:term", process);
        Thread.sleep(2000); // the snapshot's three records are read into the batch, which waits an hour

        process.destroy();

        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Cli.read(process, "stderr")).isZero();
        List<S3Object> stored = bed.client().listObjectsV2(b -> b.bucket(target).prefix("archive/")).contents();
        assertThat(stored).hasSize(1);
        assertThat(stored.getFirst().key()).endsWith(".parquet");
    }

    @Test
    void aMissingDestinationBucketIsNamedAndNothingIsRead() {
        String source = Fixtures.newBucket("pipe-no-dst-src");
        bed.put(source, "a", "1", null);

        Cli.Result result = cli.run("pipeline", "run", "--bucket", source, "--destination-bucket", "no-such-destination",
                "--format", "json", "--endpoint-url", bed.endpoint().toString(), "--database", database, "--stop-when-idle");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.stderr().strip()).isEqualTo("s3conn: bucket no-such-destination does not exist at " + bed.endpoint());
    }

    /** Before, an upload the destination bucket refused was reported as access refused to the source bucket. */
    @Test
    void anUploadTheDestinationRefusesIsReportedNamingTheDestinationBucket() {
        String source = Fixtures.newBucket("pipe-put-denied-src");
        String target = Fixtures.newBucket("pipe-put-denied-dst");
        bed.put(source, "a", "1", null);
        Cli.Result result;
        bed.emulator().setFaults(1.0, Set.of(FaultKind.ACCESS_DENIED), Set.of(S3Operation.PUT_OBJECT));
        try {
            result = cli.run("pipeline", "run", "--bucket", source, "--destination-bucket", target, "--format", "json",
                    "--endpoint-url", bed.endpoint().toString(), "--database", database, "--stop-when-idle");
        } finally {
            bed.emulator().clearFaults();
        }

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.stderr().strip()).isEqualTo("s3conn: access refused to bucket " + target + " at " + bed.endpoint()
                + " (AccessDenied): check the credentials and their permissions");
    }

    /** Before, only the destination prefix was compared with the source's: this pipeline copied its own batches forever. */
    @Test
    void aKeyTemplateThatWritesIntoTheSourceIsRefusedWithExitCodeTwoAndWritesNothing() {
        String bucket = Fixtures.newBucket("pipe-template-loop");
        bed.put(bucket, "logs/a", "1", null);

        Cli.Result result = cli.run("pipeline", "run", "--bucket", bucket, "--prefix", "logs/", "--destination-bucket", bucket,
                "--key-template", "logs/{id}.{ext}", "--format", "json", "--endpoint-url", bed.endpoint().toString(),
                "--database", database, "--stop-when-idle");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).hasLineCount(1).contains("could write into its own source").contains("the source reads s3://" + bucket + "/logs/:");
        assertThat(bed.client().listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(o -> o.key())
                .containsExactly("logs/a");
    }

    /** Before, a destination logs/ was accepted for a source logs/2026/: its default template writes logs/2026/... */
    @Test
    void aSourceInsideTheKeysTheDestinationWritesIsRefusedWithExitCodeTwoAndWritesNothing() {
        String bucket = Fixtures.newBucket("pipe-source-in-dest");
        bed.put(bucket, "logs/2026/a", "1", null);

        Cli.Result result = cli.run("pipeline", "run", "--bucket", bucket, "--prefix", "logs/2026/", "--destination-bucket", bucket,
                "--destination-prefix", "logs/", "--format", "json", "--endpoint-url", bed.endpoint().toString(),
                "--database", database, "--stop-when-idle");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).hasLineCount(1).contains("its keys start with s3://" + bucket + "/logs/ ")
                .contains("the source reads s3://" + bucket + "/logs/2026/:");
        assertThat(bed.client().listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(o -> o.key())
                .containsExactly("logs/2026/a");
    }

    @Test
    void anUnknownKeyInThePipelineFileIsAUsageError() throws IOException {
        Path file = Files.createTempFile("pipeline", ".yaml");
        Files.writeString(file, "source:\n  bucket: a\n  colour: blue\n");

        Cli.Result result = cli.run("pipeline", "run", "--file", file.toString(), "--database", database);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("colour").hasLineCount(1);
    }

    /** Before, the line named the misspelt key alone: "unknown key bufferSiz (see the configuration table in README)". */
    @Test
    void aMisspeltKeyInThePipelineFileNamesTheSettingItProbablyMeant() throws IOException {
        Path file = Files.createTempFile("pipeline", ".yaml");
        Files.writeString(file, "source: {bucket: a}\ndestination: {bucket: b, format: json, bufferSiz: 10}\n");

        Cli.Result result = cli.run("pipeline", "run", "--file", file.toString(), "--database", database);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr().strip()).isEqualTo("s3conn: the destination of pipeline file " + file
                + ": unknown key bufferSiz (did you mean buffer-size?) (see the configuration table in README)");
    }

    /** Before, the pipeline ran and ignored it without a word; a serve pipeline job with the same key is refused. */
    @Test
    void anInventorySettingInThePipelineFileIsAUsageErrorRatherThanIgnored() throws IOException {
        Path file = Files.createTempFile("pipeline", ".yaml");
        Files.writeString(file, "source: {bucket: a, pageSize: 5}\ndestination: {bucket: b, format: json}\n");

        Cli.Result result = cli.run("pipeline", "run", "--file", file.toString(), "--database", database);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr().strip()).isEqualTo("s3conn: \"pageSize\" in the source of pipeline file " + file
                + " applies to inventory syncs only, not to pipelines");
    }

    /**
     * Before, the class was sent as written: the source's objects were read and their state kept, and the first upload
     * failed (exit 1).
     */
    @Test
    void aMisspeltStorageClassInThePipelineFileIsAUsageErrorBeforeAnObjectIsRead() throws IOException {
        String source = Fixtures.newBucket("pipe-bad-class-src");
        String target = Fixtures.newBucket("pipe-bad-class-dst");
        bed.put(source, "a.txt", "a", null);
        Path file = Files.createTempFile("pipeline", ".yaml");
        Files.writeString(file, "source: {bucket: %s, mode: snapshot}\ndestination: {bucket: %s, format: json, storageClass: standard-ia}\n"
                .formatted(source, target));

        Cli.Result result = cli.run("pipeline", "run", "--file", file.toString(), "--endpoint-url", bed.endpoint().toString(),
                "--database", database);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr().strip().lines()).singleElement().asString()
                .startsWith("s3conn: \"storageClass\" in the destination of pipeline file " + file + " must be a storage class: ")
                .endsWith(", was: standard-ia");
        assertThat(bed.client().listObjectsV2(b -> b.bucket(target)).keyCount()).isZero();
    }

    /** Before, the source's region was used for the whole pipeline and the destination's dropped without a word. */
    @Test
    void oneSettingWithTwoValuesInTwoSectionsOfThePipelineFileIsAUsageErrorNamingBoth() throws IOException {
        Path file = Files.createTempFile("pipeline", ".yaml");
        Files.writeString(file, "source: {bucket: a, region: us-east-1}\ndestination: {bucket: b, format: json, region: eu-west-1}\n");

        Cli.Result result = cli.run("pipeline", "run", "--file", file.toString(), "--database", database);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr().strip()).isEqualTo("s3conn: \"region\" in the source of pipeline file " + file
                + " and \"region\" in the destination of pipeline file " + file
                + " both set region, to different values: keep one of them");
    }

    /** Before, the line did not say which flag held the compression, nor point to the command's help. */
    @Test
    void aCompressionTheFormatLacksNamesItsFlagAndPointsToHelp() {
        Cli.Result result = cli.run("pipeline", "run", "--bucket", "a", "--destination-bucket", "b", "--format", "json",
                "--compression", "zstd", "--database", database);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr().strip()).isEqualTo("s3conn: --compression must be none or gzip with format json, was: zstd"
                + " (see `s3conn pipeline run --help`)");
    }

    @Test
    void aSecondRunOfARunningPipelinesStateExits8AndWritesNothing() throws Exception {
        String source = Fixtures.newBucket("pipe-lease-src");
        String first = Fixtures.newBucket("pipe-lease-dst");
        String second = Fixtures.newBucket("pipe-lease-dst2");
        bed.putMany(source, List.of("a", "b", "c"), 3);
        Process running = cli.start("pipeline", "run", "--bucket", source, "--destination-bucket", first, "--format", "json",
                "--buffer-size", "1", "--endpoint-url", bed.endpoint().toString(), "--database", database, "--state", "leased");
        try {
            awaitObjects(first, running);

            Cli.Result again = cli.run("pipeline", "run", "--bucket", source, "--destination-bucket", second, "--format", "json",
                    "--buffer-size", "1", "--stop-when-idle", "--endpoint-url", bed.endpoint().toString(),
                    "--database", database, "--state", "leased");

            assertThat(again.exitCode()).as(again.toString()).isEqualTo(8);
            assertThat(again.stderr()).contains("source:leased").hasLineCount(1);
            assertThat(bed.client().listObjectsV2(b -> b.bucket(second)).contents()).isEmpty();
        } finally {
            running.destroy();
            running.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSourceReadOfARunningPipelinesStateExits8AndEmitsNothing() throws Exception {
        String source = Fixtures.newBucket("pipe-lease-read-src");
        String target = Fixtures.newBucket("pipe-lease-read-dst");
        bed.putMany(source, List.of("a", "b"), 2);
        Process running = cli.start("pipeline", "run", "--bucket", source, "--destination-bucket", target, "--format", "json",
                "--buffer-size", "1", "--endpoint-url", bed.endpoint().toString(), "--database", database, "--state", "shared");
        try {
            awaitObjects(target, running);

            Cli.Result read = cli.run("source", "read", "--bucket", source, "--stop-when-idle",
                    "--endpoint-url", bed.endpoint().toString(), "--database", database, "--state", "shared");

            assertThat(read.exitCode()).as(read.toString()).isEqualTo(8);
            assertThat(read.stdout()).isEmpty();
        } finally {
            running.destroy();
            running.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void anUnknownOptionIsOneLineWithASuggestionAndAPointerToHelp() {
        Cli.Result result = cli.run("pipeline", "run", "--bucket", "a", "--bufer-size", "3");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).hasLineCount(1).contains("unknown option --bufer-size", "did you mean", "--buffer-size?",
                "`s3conn pipeline run --help`");
    }

    @Test
    void aBadValueIsOneLineNamingTheFlagAndAPointerToHelp() {
        Cli.Result result = cli.run("pipeline", "run", "--bucket", "a", "--destination-bucket", "b", "--format", "json",
                "--flush-interval", "soon", "--database", database);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).hasLineCount(1).startsWith("s3conn: --flush-interval ")
                .contains("`s3conn pipeline run --help`");
    }

    /** Waits until a run holds a lease: it is running then, its SIGTERM handler installed. */
    private void awaitLease(String name, Process running) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!leaseHeld(name)) {
            assertThat(running.isAlive()).as(Cli.read(running, "stderr")).isTrue();
            assertThat(System.nanoTime()).as("no lease " + name + " within 60 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Waits until a run saved its first position under the state {@code name}. */
    private void awaitCheckpoint(String name, Process running) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!checkpointSaved(name)) {
            assertThat(running.isAlive()).as(Cli.read(running, "stderr")).isTrue();
            assertThat(System.nanoTime()).as("no checkpoint " + name + " within 60 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private boolean checkpointSaved(String name) {
        if (!Files.exists(Fixtures.sqliteFile(database))) {
            return false;
        }
        try (var connection = DriverManager.getConnection(database);
             var query = connection.prepareStatement("SELECT 1 FROM s3conn_checkpoints WHERE name = ?")) {
            query.setString(1, name);
            try (var rows = query.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException notYetMigrated) {
            return false;
        }
    }

    private boolean leaseHeld(String name) {
        if (!Files.exists(Fixtures.sqliteFile(database))) {
            return false;
        }
        try (var connection = DriverManager.getConnection(database);
             var query = connection.prepareStatement("SELECT 1 FROM s3conn_leases WHERE name = ?")) {
            query.setString(1, name);
            try (var rows = query.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException notYetMigrated) {
            return false;
        }
    }

    /** Waits until the running pipeline stored something: it holds its lease then. */
    private void awaitObjects(String bucket, Process running) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (bed.client().listObjectsV2(b -> b.bucket(bucket)).contents().isEmpty()) {
            assertThat(running.isAlive()).as(Cli.read(running, "stderr")).isTrue();
            assertThat(System.nanoTime()).as("the pipeline stored nothing within 60 s").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** The key of every record stored in {@code bucket} of the test bed, once for each record. */
    private List<String> storedKeys(String bucket) {
        return destinationRecords(bed, bucket).stream().map(record -> new String(record.key(), StandardCharsets.UTF_8)).toList();
    }

    /** Every record stored as JSON lines in {@code bucket}; shared with the other pipeline tests. */
    static List<Record> destinationRecords(S3Server server, String bucket) {
        // Read eight at a time (a run of a hundred objects took seconds one by one), kept in the listing's order.
        List<Future<String>> texts = new ArrayList<>();
        try (ExecutorService readers = Executors.newFixedThreadPool(8)) {
            for (S3Object object : server.client().listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
                texts.add(readers.submit(() -> server.client().getObjectAsBytes(b -> b.bucket(bucket).key(object.key()))
                        .asString(StandardCharsets.UTF_8)));
            }
        }
        List<Record> records = new ArrayList<>();
        for (Future<String> text : texts) {
            try {
                text.get().lines().filter(l -> !l.isBlank()).map(RecordJson::read).forEach(records::add);
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException("reading " + bucket + " failed", e);
            }
        }
        return records;
    }
}
