package io.s3conn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.s3conn.core.record.Operation;
import io.s3conn.core.record.Record;
import io.s3conn.core.record.RecordJson;
import io.s3conn.testbed.ObjectSeal;
import io.s3conn.testbed.S3Operation;
import io.s3conn.testbed.S3Server;
import io.s3conn.testbed.TestBed;
import io.s3conn.testbed.ceph.CephRgwServer;

/**
 * {@code s3conn source read} run as a user runs it; snapshots, saved state and awkward prefixes and positions
 * on every S3 server ({@link Fixtures#servers()}).
 */
class SourceCliIT {

    private final TestBed bed = Fixtures.testBed();
    private final String database = Fixtures.newSqliteUrl();
    private final Cli cli = Cli.withTestBedCredentials();

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void aSnapshotIsWrittenAsOpenCdcJsonLinesOnStdout(S3Server server) {
        String bucket = Fixtures.newBucket(server, "src-cli-snapshot");
        server.putMany(bucket, List.of("a", "b b", "c_c"), 3);

        Cli.Result result = Cli.withCredentials(server).run("source", "read", "--bucket", bucket,
                "--endpoint-url", server.endpoint().toString(), "--database", database, "--mode", "snapshot");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<Record> records = records(result.stdout());
        assertThat(records).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly("a", "b b", "c_c");
        assertThat(records).allMatch(r -> r.operation() == Operation.SNAPSHOT);
        assertThat(records.get(1).payload().after()).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("b b"));
    }

    /**
     * Before, RGW's one-key listing that checks the bucket carried the first key raw in its continuation token, and
     * {@code &#x1b;} is no XML 1.0: the run stopped with exit 1 ("Could not parse XML response") before its first
     * record, on any bucket whose first key holds an ESC. S3Proxy cuts such a listing short itself, so RGW only.
     */
    @Test
    void aBucketWhoseFirstKeyHoldsAnEscapeIsReadOnRgw() {
        S3Server rgw = Fixtures.cephRgw();
        String bucket = Fixtures.newBucket(rgw, "src-cli-esc-first");
        rgw.putMany(bucket, List.of("\u001b[31mred", "plain"), 2);

        Cli.Result result = Cli.withCredentials(rgw).run("source", "read", "--bucket", bucket,
                "--endpoint-url", rgw.endpoint().toString(), "--database", database, "--mode", "snapshot");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(records(result.stdout())).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("\u001b[31mred", "plain");
    }

    /**
     * Credentials that may list the bucket but not ask its versioning (a bucket policy granting s3:ListBucket alone):
     * before, the line said only "access refused to bucket ... (AccessDenied)", of a bucket whose listing had just
     * worked. Bucket policies are RGW's: S3Proxy has none.
     */
    @Test
    void credentialsWithoutGetBucketVersioningAreNamedInOneLineExitThree() {
        CephRgwServer rgw = Fixtures.cephRgw();
        String bucket = Fixtures.newBucket(rgw, "src-cli-no-versioning");
        rgw.putMany(bucket, List.of("a"), 1);
        rgw.addUser(bucket, bucket + "-key", bucket + "-secret");
        rgw.client().putBucketPolicy(p -> p.bucket(bucket).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{"
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam:::user/" + bucket + "\"]},"
                + "\"Action\":[\"s3:ListBucket\"],\"Resource\":[\"arn:aws:s3:::" + bucket + "\"]}]}"));

        Cli.Result result = Cli.withCredentials(rgw).env("AWS_ACCESS_KEY_ID", bucket + "-key")
                .env("AWS_SECRET_ACCESS_KEY", bucket + "-secret").run("source", "read", "--bucket", bucket,
                        "--endpoint-url", rgw.endpoint().toString(), "--mode", "snapshot");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).isEqualTo("s3conn: access refused to bucket " + bucket + " at " + rgw.endpoint()
                + ": GetBucketVersioning was refused (AccessDenied) though the bucket lists: a source needs"
                + " s3:GetBucketVersioning, to tell a versioned bucket from another\n");
    }

    /** Before, runs without --state kept their rows under the bucket's name: the second run emitted nothing. */
    @Test
    void runsWithoutAStateKeepNothingForTheNextRun() {
        String bucket = Fixtures.newBucket("src-cli-stateless");
        bed.putMany(bucket, List.of("a", "b", "c"), 3);
        String[] run = {"source", "read", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                "--database", database, "--mode", "cdc", "--position", "x_c1000000000", "--stop-when-idle",
                // The first poll finds the three objects: the idle one that ends the run comes a period later.
                "--polling-period", "100ms"};

        Cli.Result first = cli.run(run);
        Cli.Result second = cli.run(run);

        assertThat(records(first.stdout())).as(first.toString()).hasSize(3).allMatch(r -> r.operation() == Operation.CREATE);
        assertThat(records(second.stdout())).as(second.toString()).hasSize(3).allMatch(r -> r.operation() == Operation.CREATE);
    }

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void aSavedStateResumesWhereTheLastRunStopped(S3Server server) {
        String bucket = Fixtures.newBucket(server, "src-cli-state");
        List<String> keys = Fixtures.keys("k", 30);
        server.putMany(bucket, keys, 8);
        Cli cli = Cli.withCredentials(server);
        String[] common = {"source", "read", "--bucket", bucket, "--endpoint-url", server.endpoint().toString(),
                "--database", database, "--state", "it", "--stop-when-idle", "--polling-period", "100ms"};

        Cli.Result first = cli.run(concat(common, "--max-records", "12"));
        Cli.Result second = cli.run(common);

        assertThat(first.exitCode()).isZero();
        assertThat(second.exitCode()).as(second.toString()).isZero();
        List<String> emitted = new ArrayList<>();
        records(first.stdout() + second.stdout()).forEach(r -> emitted.add(new String(r.key(), StandardCharsets.UTF_8)));
        assertThat(emitted).hasSize(30);
        assertThat(new HashSet<>(emitted)).containsExactlyInAnyOrderElementsOf(keys);
    }

    /**
     * Before, a state saved for one bucket, given to a source of another, made every key it held a delete record of
     * the new bucket (and forgot them, so that the first bucket's keys came back as creates).
     */
    @Test
    void aStateSavedForAnotherBucketIsAUsageErrorAndEmitsNothing() {
        String first = Fixtures.newBucket("src-cli-scope-a");
        String second = Fixtures.newBucket("src-cli-scope-b");
        bed.putMany(first, List.of("a", "b"), 2);
        bed.putMany(second, List.of("c"), 1);
        Cli.Result saved = cli.run("source", "read", "--bucket", first, "--endpoint-url", bed.endpoint().toString(),
                "--database", database, "--state", "scoped", "--stop-when-idle");

        Cli.Result other = cli.run("source", "read", "--bucket", second, "--endpoint-url", bed.endpoint().toString(),
                "--database", database, "--state", "scoped", "--stop-when-idle");

        assertThat(records(saved.stdout())).as(saved.toString()).hasSize(2);
        assertThat(other.exitCode()).as(other.toString()).isEqualTo(2);
        assertThat(other.stdout()).isEmpty();
        assertThat(other.stderr()).contains("state scoped was saved for s3://" + first + "/").hasLineCount(1);
    }

    /** The position given is the one wanted: the state's saved one only stands in for it when none is given. */
    @Test
    void aPositionGivenToAStateThatSavedOneStartsFromTheGivenPosition() {
        String bucket = Fixtures.newBucket("src-cli-position-state");
        bed.putMany(bucket, List.of("a", "b", "c", "d"), 4);
        String[] common = {"source", "read", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                "--database", database, "--state", "given", "--mode", "snapshot"};
        Cli.Result first = cli.run(concat(common, "--max-records", "3"));
        String afterA = records(first.stdout()).getFirst().position().printable();

        Cli.Result given = cli.run(concat(common, "--position", afterA));

        assertThat(keys(first)).as(first.toString()).containsExactly("a", "b", "c");
        assertThat(given.exitCode()).as(given.toString()).isZero();
        assertThat(keys(given)).containsExactly("b", "c", "d");
    }

    /**
     * A run that printed "c" and could not record it (a trigger of the test refuses its row, as a kill between the two
     * would leave it), resumed from c's position: its state takes c, so the delete of c made in between comes in the
     * first CDC poll. Before, the keys after the state's saved one up to the position were taken as emitted, and the
     * delete of c, gone from the bucket, never came.
     */
    @Test
    void aRunResumedFromARecordItPrintedButDidNotRecordEmitsTheDeleteOfItsKeyMadeSince() throws Exception {
        String bucket = Fixtures.newBucket("src-cli-written-ahead");
        bed.putMany(bucket, List.of("a", "b", "c", "d", "e"), 5);
        String[] common = {"source", "read", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                "--database", database, "--state", "ahead", "--stop-when-idle", "--polling-period", "100ms"};
        Cli.Result first = cli.run(concat(common, "--max-records", "1"));
        Cli.Result failed;
        try (var connection = DriverManager.getConnection(database); var sql = connection.createStatement()) {
            sql.execute("CREATE TRIGGER refused BEFORE INSERT ON s3conn_source_objects WHEN NEW.key = 'c' "
                    + "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
            failed = cli.run(common);
            sql.execute("DROP TRIGGER refused");
        }
        List<Record> printed = records(failed.stdout());
        bed.client().deleteObject(r -> r.bucket(bucket).key("c"));

        Cli.Result resumed = cli.run(concat(common, "--position", printed.getLast().position().printable()));

        assertThat(keys(first)).as(first.toString()).containsExactly("a");
        assertThat(failed.exitCode()).as(failed.toString()).isNotZero();
        assertThat(keys(failed)).containsExactly("b", "c");
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(records(resumed.stdout())).extracting(r -> r.operation().wireName() + " " + new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("snapshot d", "snapshot e", "delete c");
    }

    /**
     * A {@code %} not followed by two hex digits in {@code --prefix} and in {@code --position} (where a server
     * echoing markers unencoded, as RGW does, once made the SDK's URL decoding fail).
     */
    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void aPrefixAndAPositionWithAPercentNotFollowedByHexDigitsReadOnFromThere(S3Server server) {
        String bucket = Fixtures.newBucket(server, "src-cli-percent");
        server.putMany(bucket, List.of("%zz/%", "%zz/a+b", "%zz/c%zz", "other"), 4);
        Cli cli = Cli.withCredentials(server);
        String[] common = {"source", "read", "--bucket", bucket, "--prefix", "%zz/", "--endpoint-url",
                server.endpoint().toString(), "--mode", "snapshot"};

        Cli.Result all = cli.run(concat(common, "--database", Fixtures.newSqliteUrl()));
        String afterFirst = records(all.stdout()).getFirst().position().printable();
        Cli.Result rest = cli.run(concat(common, "--database", database, "--position", afterFirst));

        assertThat(all.exitCode()).as(all.toString()).isZero();
        assertThat(keys(all)).containsExactly("%zz/%", "%zz/a+b", "%zz/c%zz");
        assertThat(rest.exitCode()).as(rest.toString()).isZero();
        assertThat(keys(rest)).containsExactly("%zz/a+b", "%zz/c%zz");
    }

    /**
     * Before, a run without a UTF-8 locale (cron, systemd, a container without {@code LANG}: the POSIX locale) read
     * the prefix's non-ASCII characters as {@code ?}, and printed every non-ASCII character of a key as {@code ?},
     * in the JSON lines too.
     */
    @Test
    void underThePosixLocaleAUnicodePrefixSelectsItsKeysAndKeysArePrintedInUtf8() {
        String bucket = Fixtures.newBucket("src-cli-posix");
        // Non-ASCII keys short enough to stay within S3's 1,024 bytes under the prefix.
        List<String> unicode = Fixtures.AWKWARD_KEYS.stream().filter(k -> !k.chars().allMatch(c -> c < 0x80))
                .filter(k -> k.getBytes(StandardCharsets.UTF_8).length < 1000).toList();
        unicode.forEach(key -> bed.put(bucket, "ü/" + key, key, null));
        bed.put(bucket, "u/ascii", "not under the prefix", null);

        Cli.Result result = cli.env("LC_ALL", "POSIX").env("LANG", "").run("source", "read", "--bucket", bucket,
                "--prefix", "ü/", "--endpoint-url", bed.endpoint().toString(), "--mode", "snapshot");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(records(result.stdout())).extracting(r -> r.metadata().get("s3.key"))
                .containsExactlyInAnyOrderElementsOf(unicode.stream().map(key -> "ü/" + key).toList());
    }

    /** {@code source read | head -1}: before, "unexpected failure: IllegalStateException: stdout is closed", exit 1. */
    @Test
    void aReaderThatClosesStdoutEarlyStopsTheRunWithExitZeroAndTheStateKeepsOnlyWhatWasPrinted() throws Exception {
        String bucket = Fixtures.newBucket("src-cli-head");
        List<String> keys = Fixtures.keys("k", 30);
        String payload = "x".repeat(20_000); // 30 records of 20 kB: more than a pipe holds
        for (String key : keys) {
            bed.put(bucket, key, payload, null);
        }
        String[] run = {"source", "read", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                "--database", database, "--state", "head", "--mode", "snapshot", "--read-ahead", "1"};

        Process first = cli.startPiped(run);
        String firstLine;
        try (var stdout = new java.io.BufferedReader(new java.io.InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
            firstLine = stdout.readLine();
        }
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String stderr = Cli.read(first, "stderr");
        Cli.Result second = cli.run(run);

        assertThat(first.exitValue()).as(stderr).isZero();
        assertThat(firstLine).contains("\"operation\":\"snapshot\"");
        var closed = java.util.regex.Pattern.compile("s3conn: stdout was closed after (\\d+) records?: stopped").matcher(stderr.strip());
        assertThat(closed.matches()).as(stderr).isTrue();
        int printed = Integer.parseInt(closed.group(1));
        assertThat(printed).isBetween(1, keys.size() - 1);
        List<String> resumed = records(second.stdout()).stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).toList();
        assertThat(resumed).as("the second run starts after the last record printed").isEqualTo(keys.subList(printed, keys.size()));
    }

    /**
     * Before, a write to stdout that failed on a file (a full disk) was taken for a reader that closed its pipe: exit 0
     * and "stdout was closed", so that a script took the snapshot for written.
     */
    @Test
    void aWriteToStdoutThatFailsOnAFullDeviceExitsOneAndTheStateKeepsWhatWasNotWritten() throws Exception {
        String bucket = Fixtures.newBucket("src-cli-full");
        List<String> keys = Fixtures.keys("k", 3);
        bed.putMany(bucket, keys, 3);
        String[] run = {"source", "read", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                "--database", database, "--state", "full", "--mode", "snapshot"};

        Process full = cli.startWritingTo(Path.of("/dev/full"), run);
        assertThat(full.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String stderr = Cli.read(full, "stderr");
        Cli.Result second = cli.run(run);

        assertThat(full.exitValue()).as(stderr).isEqualTo(1);
        assertThat(stderr.strip()).isEqualTo("s3conn: writing to stdout failed after 0 records (it is a file or device, "
                + "not a pipe whose reader left: a full disk?): stopped");
        assertThat(records(second.stdout())).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .as(second.toString()).isEqualTo(keys);
    }

    /**
     * A pipe takes what s3conn writes before the reader reads it, as {@code head -5} reads a whole buffer and drops what
     * follows the fifth line: what was written into the pipe counts as emitted, whether the reader used it or not.
     */
    @Test
    void recordsWrittenIntoThePipeThatTheReaderDropsAreNotEmittedAgainWithTheSameState() throws Exception {
        String bucket = Fixtures.newBucket("src-cli-head-dropped");
        bed.putMany(bucket, Fixtures.keys("k", 3), 10); // three small records: the pipe takes them all at once
        String[] run = {"source", "read", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                "--database", database, "--state", "dropped", "--mode", "snapshot"};

        Process first = cli.startPiped(run);
        var stdout = new java.io.BufferedReader(new java.io.InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
        String firstLine = stdout.readLine();
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue(); // every record written before the reader closes
        stdout.close();
        Cli.Result second = cli.run(run);

        assertThat(first.exitValue()).as(Cli.read(first, "stderr")).isZero();
        assertThat(firstLine).contains("\"operation\":\"snapshot\"");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(records(second.stdout())).isEmpty();
    }

    @Test
    void anObjectTheCredentialsMayNotDecryptIsEmittedWithoutPayloadAndOneWarningLine() {
        String bucket = Fixtures.newBucket("src-cli-sealed");
        bed.putMany(bucket, List.of("a", "b"), 2);
        bed.emulator().seal(bucket, "a", ObjectSeal.KMS_KEY_DENIED);

        Cli.Result result = cli.run("source", "read", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                "--mode", "snapshot");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(records(result.stdout())).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly("a", "b");
        assertThat(result.stderr().lines().filter(line -> line.contains("s3://" + bucket + "/a: payload omitted (access-denied)")))
                .hasSize(1);
    }

    /**
     * Before, the warning printed the key raw: its newline began a line of the key's own making ({@code s3conn: ERROR
     * ...} here), and its ESC reached the terminal.
     */
    @Test
    void aWarningNamingAKeyWithANewlineAndAnEscapeStaysOneLine() {
        String bucket = Fixtures.newBucket("src-cli-sealed-newline");
        String key = "a\ns3conn: ERROR forged \u001b[31mred";
        bed.putMany(bucket, List.of(key), 1);
        bed.emulator().seal(bucket, key, ObjectSeal.KMS_KEY_DENIED);

        Cli.Result result = cli.run("source", "read", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                "--mode", "snapshot");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr()).doesNotContain("\u001b").doesNotContain("\ns3conn: ERROR forged");
        assertThat(result.stderr().lines().filter(line -> line.contains("payload omitted (access-denied)")))
                .singleElement().asString()
                .startsWith("s3conn: WARN  s3://" + bucket + "/a\\x0as3conn: ERROR forged \\x1b[31mred: payload omitted")
                .endsWith("while the bucket lists");
    }

    /**
     * Before, a run on a saved state whose rows were empty (its only key deleted) took its first poll for the first of
     * a start without state: the version a removed delete marker uncovered, older than the position, emitted nothing.
     */
    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void aKeyBroughtBackByRemovingItsDeleteMarkerIsACreateInTheNextRunOfTheState(S3Server server) {
        String bucket = Fixtures.newVersionedBucket(server, "src-cli-undelete");
        server.put(bucket, "k", "kept", null);
        Cli cli = Cli.withCredentials(server);
        String[] run = {"source", "read", "--bucket", bucket, "--endpoint-url", server.endpoint().toString(),
                "--database", database, "--state", "undelete", "--stop-when-idle", "--polling-period", "100ms"};
        Cli.Result snapshot = cli.run(run);
        server.client().deleteObject(b -> b.bucket(bucket).key("k"));
        Cli.Result deleted = cli.run(run);
        String marker = server.client().listObjectVersions(b -> b.bucket(bucket)).deleteMarkers().getFirst().versionId();
        server.client().deleteObject(b -> b.bucket(bucket).key("k").versionId(marker));

        Cli.Result undeleted = cli.run(run);

        assertThat(records(snapshot.stdout() + deleted.stdout())).as(snapshot + "\n" + deleted)
                .extracting(Record::operation).containsExactly(Operation.SNAPSHOT, Operation.DELETE);
        assertThat(records(undeleted.stdout())).as(undeleted.toString()).singleElement().satisfies(r -> {
            assertThat(r.operation()).isEqualTo(Operation.CREATE);
            assertThat(r.payload().after()).hasValueSatisfying(b -> assertThat(new String(b)).isEqualTo("kept"));
        });
    }

    @Test
    void aMalformedPositionIsAUsageError() {
        String bucket = Fixtures.newBucket("src-cli-bad-position");

        Cli.Result result = cli.run("source", "read", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                "--database", database, "--position", "s3conn:v1:cdc:notanumber:");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("--position").contains("malformed").hasLineCount(1);
        assertThat(Fixtures.sqliteFile(database)).doesNotExist();
    }

    /** Before, the line ended at the problem, unlike every other option's bad value. */
    @Test
    void aMalformedPositionPointsToTheCommandsHelp() {
        String bucket = Fixtures.newBucket("src-cli-bad-position-help");

        Cli.Result result = cli.run("source", "read", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                "--database", database, "--position", "garbage");

        assertThat(result.stderr()).startsWith("s3conn: --position: malformed position")
                .endsWith(" (see `s3conn source read --help`)" + System.lineSeparator());
    }

    /** Before, the run ended at once with exit 0 and no record: a snapshot from a CDC position is complete. */
    @Test
    void aCdcPositionWithModeSnapshotIsAUsageErrorInsteadOfAnEmptyRun() {
        String bucket = Fixtures.newBucket("src-cli-cdc-position-snapshot");
        bed.putMany(bucket, List.of("a", "b"), 2);

        Cli.Result result = cli.run("source", "read", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                "--database", database, "--mode", "snapshot", "--position", "a_c1700000000");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).hasLineCount(1).contains("--position: a CDC position with mode snapshot reads nothing");
    }

    /**
     * README (Positions): CDC from a position taken in the snapshot emits what the snapshot did not reach as creates.
     * Before, the first poll took every object older than the snapshot's start as emitted: c and d, never read by
     * the snapshot, were skipped for good.
     */
    @Test
    void aSnapshotPositionWithModeCdcEmitsTheObjectsTheSnapshotDidNotReachAsCreates() throws InterruptedException {
        String bucket = Fixtures.newBucket("src-cli-snapshot-position-cdc");
        bed.putMany(bucket, List.of("a", "b", "c", "d"), 4);
        Thread.sleep(1000 - System.currentTimeMillis() % 1000 + 20); // the snapshot starts a second after the objects
        String[] common = {"source", "read", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                "--database", database};
        Cli.Result snapshot = cli.run(concat(common, "--mode", "snapshot", "--max-records", "2"));
        String afterB = records(snapshot.stdout()).getLast().position().printable();

        // The first poll finds c and d: the idle one that ends the run comes a period later.
        Cli.Result cdc = cli.run(concat(common, "--mode", "cdc", "--position", afterB, "--stop-when-idle",
                "--polling-period", "100ms"));

        assertThat(cdc.exitCode()).as(cdc.toString()).isZero();
        assertThat(records(cdc.stdout())).as(cdc.toString())
                .extracting(r -> r.operation().wireName() + " " + new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("create c", "create d");
    }

    /** Before, its first listing was signed for S3 Express and the run reported wrong credentials (exit 3). */
    @Test
    void aDirectoryBucketIsRefusedWithTwoInOneLineBeforeAnyRequest() {
        String bucket = "feed--use1-az4--x-s3";

        Cli.Result result = cli.run("source", "read", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                "--database", database, "--state", "feed");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).contains("bucket " + bucket + " is a directory bucket").hasLineCount(1);
        assertThat(Fixtures.sqliteFile(database)).doesNotExist();
    }

    @Test
    void conduitConfigurationKeysAreAccepted() throws IOException {
        String bucket = Fixtures.newBucket("src-cli-conduit");
        bed.put(bucket, "prefix-one", "1", null);
        bed.put(bucket, "other", "2", null);
        Path config = Files.createTempFile("conduit", ".json");
        Files.writeString(config, """
                {"aws.accessKeyId": "%s", "aws.secretAccessKey": "%s", "aws.region": "us-east-1", "aws.bucket": "%s",
                 "prefix": "prefix-", "pollingPeriod": "200ms"}""".formatted(bed.accessKeyId(), bed.secretAccessKey(), bucket));

        Cli.Result result = new Cli().run("source", "read", "--config", config.toString(), "--endpoint-url",
                bed.endpoint().toString(), "--database", database, "--stop-when-idle");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(records(result.stdout())).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly("prefix-one");
    }

    @Test
    void sigtermStopsCdcCleanlyWithExitZeroAndASavedPosition() throws Exception {
        String bucket = Fixtures.newBucket("src-cli-sigterm");
        bed.put(bucket, "one", "1", null);
        Process process = cli.start("source", "read", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                "--database", database, "--state", "term", "--polling-period", "200ms");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Cli.read(process, "stdout").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }

        process.destroy();

        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Cli.read(process, "stderr")).isZero();
        Cli.Result state = cli.run("inventory", "state", "--database", database);
        assertThat(state.exitCode()).isZero();
        Set<String> names = new HashSet<>();
        try (var connection = DriverManager.getConnection(database);
             var rs = connection.createStatement().executeQuery("SELECT name FROM s3conn_checkpoints")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        assertThat(names).contains("source:term");
    }

    /**
     * Before, the handler was installed once the reader existed: a SIGTERM while the bucket was checked ended the JVM at
     * once, exit 143 and nothing said, where one a moment later stopped the run with exit 0 and its closing line. The
     * check is held by a slow proxy until the signal is sent, so the signal always arrives while the run starts.
     */
    @Test
    void aSigtermWhileTheRunStartsStopsItWithExitZero() throws Exception {
        String bucket = Fixtures.newBucket("src-cli-early-sigterm");
        bed.put(bucket, "one", "1", null);
        try (LatencyProxy slow = LatencyProxy.start(bed.endpoint(), Duration.ofSeconds(3))) {
            Process process = cli.start("source", "read", "--bucket", bucket, "--endpoint-url", slow.endpoint().toString(),
                    "--database", database, "--polling-period", "200ms");
            try {
                slow.awaitFirstRequest(Duration.ofSeconds(60));

                process.destroy();
                slow.withoutLatency();

                assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped").isTrue();
                String stderr = Cli.read(process, "stderr");
                assertThat(process.exitValue()).as(stderr).isZero();
                assertThat(stderr.lines().toList()).last().asString().startsWith("s3conn: 0 records, 0 CDC polls");
                assertThat(Cli.read(process, "stdout")).isEmpty();
            } finally {
                process.destroyForcibly();
            }
        }
    }

    /**
     * A stop waits for the request in flight, which a slow server can hold for long: a second signal ends the run at
     * once (as a kill does, which the state survives), and stderr says so once the wait passes two seconds. Before,
     * the second signal did nothing, and nothing was said.
     */
    @Test
    void aSecondSigtermQuitsAtOnceWhileTheFirstWaitsForASlowRequest() throws Exception {
        String bucket = Fixtures.newBucket("src-cli-second-signal");
        bed.put(bucket, "one", "1", null);
        Process process = cli.start("source", "read", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                "--database", database, "--state", "twice", "--polling-period", "100ms", "--list-concurrency", "1");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (Cli.read(process, "stdout").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            bed.emulator().setLatency(Duration.ofSeconds(20)); // the next CDC poll's listing hangs
            // Counted when it arrives, before the latency holds it: a listing counted from here on is in flight.
            long listings = bed.emulator().stats().requests(S3Operation.LIST_OBJECTS_V2);
            while (bed.emulator().stats().requests(S3Operation.LIST_OBJECTS_V2) == listings
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            process.destroy();

            assertThat(process.waitFor(3, TimeUnit.SECONDS)).as("still waiting for the request").isFalse();
            // The hint comes two seconds after the signal's handler ran in the child JVM: waited for, not counted on
            // within the third second (the listing is held for 20 s).
            long hintDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            while (!Cli.read(process, "stderr").endsWith("\n") && System.nanoTime() < hintDeadline) {
                Thread.sleep(50);
            }
            assertThat(process.isAlive()).as("still waiting for the request").isTrue();
            assertThat(Cli.read(process, "stderr")).isEqualTo("s3conn: stopping once the work in hand is done; "
                    + "SIGTERM again quits at once\n");

            process.destroy();

            assertThat(process.waitFor(5, TimeUnit.SECONDS)).as("quit within 5 s of the second signal").isTrue();
            assertThat(process.exitValue()).isEqualTo(143);
        } finally {
            bed.emulator().setLatency(Duration.ZERO);
            process.destroyForcibly();
        }
    }

    private static List<String> keys(Cli.Result result) {
        return records(result.stdout()).stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).toList();
    }

    private static List<Record> records(String stdout) {
        return stdout.lines().filter(l -> !l.isBlank()).map(RecordJson::read).toList();
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
