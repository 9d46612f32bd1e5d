package io.s3conn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.s3conn.core.text.TerminalColumns;
import io.s3conn.testbed.FaultKind;
import io.s3conn.testbed.S3Server;
import io.s3conn.testbed.TestBed;
import io.s3conn.testbed.ceph.CephRgwServer;

/**
 * The packaged executable, run as a user runs it: summaries, exit codes, errors, kill and resume. Version
 * syncs and kill-and-resume run on every S3 server ({@link Fixtures#servers()}).
 */
class InventoryCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestBed bed = Fixtures.testBed();
    private final String database = Fixtures.newSqliteUrl();
    private final Cli cli = Cli.withTestBedCredentials();

    @Test
    void aSyncPrintsOneSummaryLineWithCountsPerStorageClassAndRestoreStatus() {
        String bucket = Fixtures.newBucket("cli-summary");
        InventorySyncIT.seedEveryClassAndState(bucket);

        Cli.Result result = cli.run("inventory", "sync", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                "--database", database);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout().lines()).hasSize(1);
        assertThat(result.stdout()).contains("13 objects", "GLACIER=3", "DEEP_ARCHIVE=2", "archived=4", "restoring=2",
                "restored=1", "changed 13");
    }

    @Test
    void jsonSummaryIsMachineReadable() throws IOException {
        String bucket = Fixtures.newBucket("cli-json");
        bed.putMany(bucket, List.of("a", "b"), 2);

        Cli.Result result = cli.run("inventory", "sync", "--json", "--bucket", bucket,
                "--endpoint-url", bed.endpoint().toString(), "--database", database);

        JsonNode summary = JSON.readTree(result.stdout());
        assertThat(summary.get("table").asText()).isEqualTo("s3_objects");
        assertThat(summary.get("objects").asLong()).isEqualTo(2);
        assertThat(summary.get("inserted").asLong()).isEqualTo(2);
        assertThat(summary.get("by_storage_class").get("STANDARD").asLong()).isEqualTo(2);
    }

    @Test
    void stateIsPrintedAsJsonPerScope() throws IOException {
        String bucket = Fixtures.newBucket("cli-state");
        bed.put(bucket, "a", "a", null);
        cli.run("inventory", "sync", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(), "--database", database);

        Cli.Result result = cli.run("inventory", "state", "--database", database);

        assertThat(result.exitCode()).isZero();
        JsonNode checkpoint = JSON.readTree(result.stdout()).get("inventory:" + bucket + ":");
        assertThat(checkpoint.get("bucket").asText()).isEqualTo(bucket);
        assertThat(checkpoint.get("lastCompleted").get("counters").get("listed").asLong()).isEqualTo(1);
        assertThat(checkpoint.has("running")).isFalse();
    }

    /**
     * The region the environment gives is held to the rule of --region. Before, AWS_REGION="us east" was signed with
     * as it was: the test bed took it (exit 0), and on Amazon S3 the SDK's line listing every region ended the run, exit 1.
     */
    @Test
    void anAwsRegionThatIsNoRegionNameIsAUsageErrorInOneLineAndCreatesNoDatabase() {
        String bucket = Fixtures.newBucket("cli-env-region");

        Cli.Result result = Cli.withTestBedCredentials().env("AWS_REGION", "us east").run("inventory", "sync",
                "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(), "--database", database);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr().lines()).as(result.toString()).containsExactly("s3conn: the AWS default region "
                + "(aws.region, AWS_REGION or the profile's region) must be a region name: letters, digits, '-', '_' and '.'"
                + " only, was: us east (--region overrides it) (see `s3conn inventory sync --help`)");
        assertThat(Fixtures.sqliteFile(database)).doesNotExist();
    }

    @Test
    void showAndStateOfADatabaseThatDoesNotExistExitWithFiveAndCreateNoFile() {
        for (String command : List.of("show", "state")) {
            Cli.Result result = cli.run("inventory", command, "--bucket", "any", "--database", database);

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(5);
            assertThat(result.stderr().lines()).as(command).containsExactly("s3conn: no database " + database + ": the file "
                    + Fixtures.sqliteFile(database) + " does not exist; run `s3conn inventory sync` first, or check --database");
            assertThat(result.stdout()).isEmpty();
            assertThat(Fixtures.sqliteFile(database)).doesNotExist();
        }
    }

    /**
     * Read as another user than the file's owner, as root reads anything: a file mode 444 in a directory mode 555 (where
     * SQLite cannot create the {@code -shm} file a WAL-mode file needs), or in one every user may write (where it would
     * leave {@code -shm} and {@code -wal} files behind, owned by the reader, in the way of a later writer); or the
     * owner's file mode 644 in its directory mode 755, as a dashboard's user reads what a sync's user writes.
     */
    @ParameterizedTest
    @CsvSource({"r--r--r--, r-xr-xr-x", "r--r--r--, rwxrwxrwx", "rw-r--r--, rwxr-xr-x"})
    void showAndStateReadASqliteFileAsAnotherUserWhoMayNotWriteItAndCreateNothingBesideIt(String fileMode,
            String directoryMode) throws IOException {
        String bucket = Fixtures.newBucket("cli-read-only");
        bed.put(bucket, "a", "a", null);
        Path directory = readableTemporaryDirectory().resolve("read-only");
        Files.createDirectory(directory);
        String url = "jdbc:sqlite:" + directory.resolve("s3conn.db");
        assertThat(cli.run("inventory", "sync", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                "--database", url).exitCode()).isZero();
        Files.setPosixFilePermissions(Fixtures.sqliteFile(url), PosixFilePermissions.fromString(fileMode));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString(directoryMode));
        byte[] before = Files.readAllBytes(Fixtures.sqliteFile(url));
        Cli reader = Cli.withTestBedCredentials().asUserBoundByFileModes();

        Cli.Result show = reader.run("inventory", "show", "--bucket", bucket, "--database", url);
        Cli.Result state = reader.run("inventory", "state", "--bucket", bucket, "--database", url);

        assertThat(show.exitCode()).as(show.toString()).isZero();
        assertThat(show.stdout().lines().skip(1)).singleElement(STRING).startsWith("a ");
        assertThat(state.exitCode()).as(state.toString()).isZero();
        assertThat(JSON.readTree(state.stdout()).has("inventory:" + bucket + ":")).isTrue();
        assertThat(show.stderr() + state.stderr()).isEmpty();
        assertThat(Files.readAllBytes(Fixtures.sqliteFile(url))).isEqualTo(before);
        try (var files = Files.list(directory)) {
            assertThat(files).containsExactly(Fixtures.sqliteFile(url));
        }
    }

    @Test
    void showOfASqliteFileWithAnOlderSchemaExitsFiveInOneLineAndMigratesNothing() throws Exception {
        String bucket = Fixtures.newBucket("cli-older-schema");
        bed.put(bucket, "a", "a", null);
        cli.run("inventory", "sync", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(), "--database", database);
        try (var connection = java.sql.DriverManager.getConnection(database)) {
            connection.createStatement().execute("DELETE FROM s3conn_schema WHERE version = (SELECT MAX(version) FROM s3conn_schema)");
        }
        byte[] before = Files.readAllBytes(Fixtures.sqliteFile(database));

        Cli.Result result = cli.run("inventory", "show", "--bucket", bucket, "--database", database);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(5);
        assertThat(result.stderr().lines()).singleElement(STRING).startsWith("s3conn: database " + database
                + " has the schema of an older s3conn (version ").endsWith("a command that writes (s3conn inventory sync)"
                + " migrates it; one that only reads never does");
        assertThat(result.stdout()).isEmpty();
        assertThat(Files.readAllBytes(Fixtures.sqliteFile(database))).isEqualTo(before);
    }

    /** A new directory under the temporary one that every user may enter (createTempDirectory makes it 700). */
    private static Path readableTemporaryDirectory() throws IOException {
        Path directory = Files.createTempDirectory("s3conn-it-");
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        return directory;
    }

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void versionsAlsoKeepEveryVersionAndDeleteMarker(S3Server server) throws Exception {
        String bucket = Fixtures.newVersionedBucket(server, "cli-versions");
        server.put(bucket, "a", "one", null);
        server.put(bucket, "a", "two", null);
        server.put(bucket, "b", "gone", null);
        server.client().deleteObject(d -> d.bucket(bucket).key("b"));

        Cli.Result result = Cli.withCredentials(server).run("inventory", "sync", "--versions", "--json", "--bucket", bucket,
                "--endpoint-url", server.endpoint().toString(), "--database", database);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout().lines()).hasSize(2);
        assertThat(JSON.readTree(result.stdout().lines().toList().get(1)).get("table").asText()).isEqualTo("s3_object_versions");
        try (var connection = java.sql.DriverManager.getConnection(database);
             var rs = connection.createStatement().executeQuery(
                     "SELECT key, is_latest, is_delete_marker FROM s3_object_versions ORDER BY key, is_latest DESC")) {
            List<String> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + " latest=" + rs.getBoolean(2) + " marker=" + rs.getBoolean(3));
            }
            assertThat(rows).containsExactly("a latest=true marker=false", "a latest=false marker=false",
                    "b latest=true marker=true", "b latest=false marker=false");
        }
        assertThat(new InventoryRun(database).liveKeys(bucket)).containsExactly("a");
    }

    @Test
    void aVersionsSyncsJsonLineCountsVersionsAndDeleteMarkersApart() throws Exception {
        String bucket = twoVersionsAndADeleteMarker("cli-versions-json");

        Cli.Result result = cli.run("inventory", "sync", "--versions", "--json", "--bucket", bucket, "--endpoint-url",
                bed.endpoint().toString(), "--database", database);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode versions = JSON.readTree(result.stdout().lines().toList().get(1));
        assertThat(versions.get("objects").asLong()).isEqualTo(2);
        assertThat(versions.get("delete_markers").asLong()).isEqualTo(1);
        assertThat(versions.get("inserted").asLong()).isEqualTo(3);
    }

    /**
     * Before, only C0 controls and DEL were escaped in the table: a key holding U+0085 (a line break to some terminals),
     * U+009B (an escape sequence's start to others) or U+2028 reached the terminal as it is.
     */
    @Test
    void showPrintsEachKeyOnOneLineWithNoControlCharacterAndJsonKeepsTheKeysExactly() throws IOException {
        String bucket = Fixtures.newBucket("cli-show-keys");
        List<String> keys = new ArrayList<>(Fixtures.AWKWARD_KEYS);
        keys.addAll(List.of("nel\u0085key", "csi\u009b2J", "line\u2028separator", "paragraph\u2029separator"));
        keys.forEach(key -> bed.put(bucket, key, key, null));
        cli.run("inventory", "sync", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(), "--database", database);

        Cli.Result text = cli.run("inventory", "show", "--bucket", bucket, "--database", database);
        Cli.Result json = cli.run("inventory", "show", "--json", "--bucket", bucket, "--database", database);

        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(List.of(text.stdout().split("\n", -1))).hasSize(1 + keys.size() + 1).last().isEqualTo("");
        assertThat(text.stdout().replace("\n", "").codePoints()
                .filter(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029).mapToObj(Integer::toHexString))
                .as("control characters and line separators shown raw").isEmpty();
        List<String> shown = new ArrayList<>();
        for (String line : json.stdout().lines().toList()) {
            shown.add(JSON.readTree(line).get("key").asText());
        }
        assertThat(shown).containsExactlyInAnyOrderElementsOf(keys);
    }

    /** Before, the summary of a scope whose prefix holds a newline was printed as two lines. */
    @Test
    void aSyncOfAPrefixWithANewlinePrintsItsSummaryOnOneLine() {
        String bucket = Fixtures.newBucket("cli-newline-prefix");
        bed.put(bucket, "line\nbreak/a", "a", null);

        Cli.Result result = cli.run("inventory", "sync", "--bucket", bucket, "--prefix", "line\nbreak/",
                "--endpoint-url", bed.endpoint().toString(), "--database", database);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout().lines()).singleElement().asString()
                .startsWith("synced s3://" + bucket + "/line\\x0abreak/: 1 object (");
    }

    /**
     * Before, the versions line counted what the table holds as objects, and left its delete markers out of that
     * total, though its "new" counted them: "2 objects ... changed 3 (new 3, ...)".
     */
    @Test
    void aVersionsSyncCountsWhatItsTableHoldsAsVersionsAndDeleteMarkers() {
        String bucket = twoVersionsAndADeleteMarker("cli-versions-line");

        Cli.Result result = cli.run("inventory", "sync", "--versions", "--bucket", bucket, "--endpoint-url",
                bed.endpoint().toString(), "--database", database);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout().lines()).as(result.toString()).hasSize(2);
        assertThat(result.stdout().lines().toList().get(1)).startsWith("versions: synced s3://" + bucket + "/: 2 versions and 1 delete marker (");
    }

    @Test
    void showVersionsPrintsEveryVersionAndDeleteMarkerWithEachKeysLatestEntryFirst() throws IOException {
        String bucket = Fixtures.newVersionedBucket(bed, "cli-show-versions");
        bed.put(bucket, "a", "one", null);
        bed.put(bucket, "a", "second", null);
        bed.client().deleteObject(d -> d.bucket(bucket).key("a"));
        cli.run("inventory", "sync", "--versions", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                "--database", database);

        Cli.Result json = cli.run("inventory", "show", "--versions", "--json", "--bucket", bucket, "--database", database);
        Cli.Result text = cli.run("inventory", "show", "--versions", "--bucket", bucket, "--database", database);

        assertThat(json.exitCode()).as(json.toString()).isZero();
        List<String> rows = new java.util.ArrayList<>();
        for (String line : json.stdout().lines().toList()) {
            JsonNode row = JSON.readTree(line);
            rows.add(row.get("key").asText() + " latest=" + row.get("is_latest").asBoolean() + " marker="
                    + row.get("is_delete_marker").asBoolean() + " size=" + row.path("size").asText("-"));
        }
        assertThat(rows.getFirst()).isEqualTo("a latest=true marker=true size=-");
        assertThat(rows.subList(1, rows.size())).containsExactlyInAnyOrder("a latest=false marker=false size=6",
                "a latest=false marker=false size=3");
        assertThat(text.stdout().lines()).hasSize(4).first().asString().startsWith("key").contains("version_id", "marker");
    }

    /** Before, a LastModified with milliseconds (Ceph RGW, MinIO) pushed the columns after it four characters right. */
    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void showLinesUpEachValueUnderItsHeading(S3Server server) throws Exception {
        String bucket = Fixtures.newBucket(server, "cli-show-columns");
        server.put(bucket, "gone", "x", null);
        server.put(bucket, "kept", "x", null);
        Cli cli = Cli.withCredentials(server);
        String[] sync = {"inventory", "sync", "--bucket", bucket, "--endpoint-url", server.endpoint().toString(),
                "--database", database};
        cli.run(sync);
        server.client().deleteObject(d -> d.bucket(bucket).key("gone"));
        cli.run(sync);

        Cli.Result show = cli.run("inventory", "show", "--deleted", "--bucket", bucket, "--database", database);

        assertThat(show.exitCode()).as(show.toString()).isZero();
        List<String> lines = show.stdout().lines().toList();
        String deletedRow = lines.stream().filter(line -> line.startsWith("gone")).findFirst().orElseThrow();
        assertThat(deletedRow.lastIndexOf(' ') + 1).as(show.stdout()).isEqualTo(lines.getFirst().indexOf("deleted_at"));
    }

    /** Before, keys were padded by UTF-16 chars: each wide character, emoji or combining mark pushed its row's columns off. */
    @Test
    void showLinesUpRowsOfKeysWithWideCharactersEmojiAndCombiningMarks() {
        String bucket = Fixtures.newBucket("cli-show-wide");
        List<String> keys = List.of("日本語/報告.txt", "😀😀", "cafe\u0301", "plain");
        keys.forEach(key -> bed.put(bucket, key, "x", null));
        cli.run("inventory", "sync", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(), "--database", database);

        Cli.Result show = cli.run("inventory", "show", "--bucket", bucket, "--database", database);

        assertThat(show.exitCode()).as(show.toString()).isZero();
        List<String> lines = show.stdout().lines().toList();
        int storageClassColumn = lines.getFirst().indexOf("storage_class");
        assertThat(lines.subList(1, lines.size())).as(show.stdout()).hasSize(keys.size())
                .allSatisfy(row -> assertThat(TerminalColumns.width(row.substring(0, row.indexOf("STANDARD"))))
                        .isEqualTo(storageClassColumn));
    }

    /** Before, show of a scope no sync wrote printed an empty table and nothing else, as if the bucket were empty. */
    @Test
    void showOfAScopeNoSyncWroteSaysSoOnStderrAndNamesTheScopesThatWere() {
        String bucket = Fixtures.newBucket("cli-show-unsynced");
        bed.put(bucket, "logs/a", "a", null);
        cli.run("inventory", "sync", "--bucket", bucket, "--prefix", "logs/", "--endpoint-url", bed.endpoint().toString(),
                "--database", database);

        Cli.Result show = cli.run("inventory", "show", "--bucket", bucket, "--database", database);

        assertThat(show.exitCode()).as(show.toString()).isZero();
        assertThat(show.stdout().lines()).singleElement().asString().startsWith("key");
        assertThat(show.stderr()).isEqualTo("s3conn: no inventory sync of s3://" + bucket + "/ in this database; scopes of "
                + "bucket " + bucket + " it holds: s3://" + bucket + "/logs/ (--prefix picks one)\n");
    }

    @Test
    void stateOfAScopeNoSyncWroteSaysSoOnStderr() {
        String bucket = Fixtures.newBucket("cli-state-unsynced");
        bed.put(bucket, "a", "a", null);
        cli.run("inventory", "sync", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(), "--database", database);

        Cli.Result state = cli.run("inventory", "state", "--bucket", bucket, "--prefix", "logs/", "--database", database);

        assertThat(state.exitCode()).as(state.toString()).isZero();
        assertThat(state.stdout().strip()).isEqualTo("{ }");
        assertThat(state.stderr()).startsWith("s3conn: no inventory sync of s3://" + bucket + "/logs/ in this database; ");
    }

    /**
     * Before, RGW's continuation token of a page ending with a key that holds an ESC was that key, raw: {@code &#x1b;}
     * is no XML 1.0, and the sync stopped with exit 1 ("Could not parse XML response"). RGW only: S3Proxy cuts such a
     * listing short itself.
     */
    @Test
    void aPageEndingWithAKeyThatHoldsAnEscapeIsSyncedOnRgw() {
        S3Server rgw = Fixtures.cephRgw();
        String bucket = Fixtures.newBucket(rgw, "inv-cli-esc-page");
        rgw.putMany(bucket, List.of("a\u001b[31mred", "b", "c"), 3);

        Cli.Result result = Cli.withCredentials(rgw).run("inventory", "sync", "--bucket", bucket, "--page-size", "1",
                "--list-concurrency", "1", "--endpoint-url", rgw.endpoint().toString(), "--database", database);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).startsWith("synced s3://" + bucket + "/: 3 objects");
    }

    /**
     * Before, {@code --bucket b/} (an {@code s3://b/} pasted whole) reached the request path: Ceph RGW answered
     * SignatureDoesNotMatch and the line said the secret access key was wrong (exit 3); S3Proxy, that it did not exist.
     */
    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void aBucketWithASlashIsAUsageErrorInsteadOfBlamingTheCredentials(S3Server server) {
        String bucket = Fixtures.newBucket(server, "inv-cli-slash");

        Cli.Result result = Cli.withCredentials(server).run("inventory", "sync", "--bucket", bucket + "/",
                "--endpoint-url", server.endpoint().toString(), "--database", database);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr().lines()).singleElement().asString()
                .startsWith("s3conn: --bucket must be a bucket name alone, without '/'").doesNotContain("secret");
    }

    @Test
    void aMissingBucketExitsWithThreeAndLeavesNoDatabase() {
        Cli.Result result = cli.run("inventory", "sync", "--bucket", "no-such-bucket-here",
                "--endpoint-url", bed.endpoint().toString(), "--database", database);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.stderr()).contains("no-such-bucket-here does not exist").doesNotContain("Exception");
        assertThat(Fixtures.sqliteFile(database)).doesNotExist();
    }

    @Test
    void wrongCredentialsExitWithThreeWithoutPrintingTheSecret() {
        String bucket = Fixtures.newBucket("cli-creds");
        Cli.Result result = Cli.withTestBedCredentials().env("AWS_SECRET_ACCESS_KEY", "not-the-secret-xyz")
                .run("inventory", "sync", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                        "--database", database, "--verbose");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.stderr()).contains("access refused");
        assertThat(result.stdout() + result.stderr()).doesNotContain("not-the-secret-xyz");
        assertThat(Fixtures.sqliteFile(database)).doesNotExist();
    }

    /** Before, "no AWS credentials found: set ..., a profile (--profile), ...", to a user who had named one. */
    @Test
    void aNamedProfileWithoutCredentialsIsNamedInOneLineAndExitsThree() {
        String bucket = Fixtures.newBucket("cli-profile");
        Cli.Result result = new Cli().env("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent").env("AWS_CONFIG_FILE", "/nonexistent")
                .run("inventory", "sync", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                        "--database", database, "--profile", "nosuch");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.stderr()).startsWith("s3conn: no AWS credentials in profile nosuch of ~/.aws/config or ~/.aws/credentials")
                .hasLineCount(1);
    }

    /**
     * A directory bucket lists keys out of order and cannot start after a key: a sync would keep a table that only
     * looks right. It is refused before any request (no local server serves one: the SDK signs for S3 Express).
     */
    @Test
    void aDirectoryBucketIsRefusedWithTwoInOneLineBeforeAnyRequest() {
        String bucket = "ledger--use1-az4--x-s3";

        Cli.Result result = cli.run("inventory", "sync", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                "--database", database);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr().lines()).containsExactly("s3conn: bucket " + bucket + " is a directory bucket (S3"
                + " Express One Zone): its listings are not in key order and cannot resume after a key, which"
                + " inventories and sources need; use a general purpose bucket (see `s3conn inventory sync --help`)");
        assertThat(Fixtures.sqliteFile(database)).doesNotExist();
    }

    @Test
    void anUnreachableEndpointExitsWithFour() {
        Cli.Result result = cli.run("inventory", "sync", "--bucket", "b", "--endpoint-url", "http://127.0.0.1:9",
                "--max-attempts", "2", "--database", database);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
        assertThat(result.stderr()).contains("cannot reach the S3 endpoint").hasLineCount(1);
        assertThat(Fixtures.sqliteFile(database)).doesNotExist();
    }

    /**
     * S3Proxy (Jetty) answers a TLS handshake in plain HTTP. Before, the SDK took that for a broken connection and tried
     * ten times (17 s), and the line said the connection broke, exit 4: nothing said that the URL's scheme was wrong.
     */
    @Test
    void anHttpsUrlForAPlainHttpServerExitsWithTwoAtOnceSayingToUseHttp() {
        String endpoint = bed.s3ProxyEndpoint().toString().replace("http://", "https://");

        Cli.Result result = cli.run("inventory", "sync", "--bucket", "b", "--endpoint-url", endpoint, "--database", database);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).as(result.toString()).isEqualTo("s3conn: the S3 endpoint at " + endpoint
                + " answered in plain HTTP, not TLS (SSLException (Unsupported or unrecognized SSL message)): give its URL with http://\n");
        assertThat(Fixtures.sqliteFile(database)).doesNotExist();
    }

    /** Before, S3Proxy read the path as a bucket and the bucket as its key: "S3 request failed: NoSuchKey (HTTP 404)", exit 1. */
    @Test
    void aBucketPastedIntoTheEndpointUrlExitsWithTwoSayingToGiveTheServersUrlAlone() {
        String bucket = Fixtures.newBucket("cli-endpoint-path");
        String endpoint = bed.endpoint() + "/" + bucket;

        Cli.Result result = cli.run("inventory", "sync", "--bucket", "odd", "--endpoint-url", endpoint, "--database", database);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).as(result.toString()).isEqualTo("s3conn: bucket odd was not found under the path of the "
                + "endpoint URL " + endpoint + ", which requests go under: if that path names a bucket, give the S3 server's URL "
                + "without it, and the bucket with --bucket\n");
        assertThat(Fixtures.sqliteFile(database)).doesNotExist();
    }

    /**
     * An endpoint URL with the port of another Ceph daemon (the monitor's) than RGW's: before, the JDK client's
     * {@code UncheckedIOException} passed the SDK unclassified, and the line said "unexpected failure", exit 1.
     */
    @Test
    void anEndpointPortWhereCephsMonitorListensExitsWithFourInOneLineNamingThePort() {
        CephRgwServer rgw = Fixtures.cephRgw();
        String endpoint = rgw.monitorEndpoint().toString();

        Cli.Result result = Cli.withCredentials(rgw).run("inventory", "sync", "--bucket", "b", "--endpoint-url", endpoint,
                "--max-attempts", "2", "--database", database);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
        assertThat(result.stderr()).isEqualTo("s3conn: the S3 endpoint at " + endpoint + " does not answer in HTTP: another "
                + "protocol listens on that port (Invalid Http response); give the S3 server's port\n");
        assertThat(Fixtures.sqliteFile(database)).doesNotExist();
    }

    /** Before, exit 1, as for any other failure: a script could not tell "run again later" from "fix something". */
    @Test
    void aServerThrottlingThroughEveryRetryExitsWithTenInOneLine() {
        String bucket = Fixtures.newBucket("cli-throttled");

        Cli.Result result = withFaults(FaultKind.SLOW_DOWN, () -> cli.run("inventory", "sync", "--bucket", bucket,
                "--endpoint-url", bed.endpoint().toString(), "--max-attempts", "2", "--database", database));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(10);
        assertThat(result.stderr()).contains("SlowDown (HTTP 503) after retries").hasLineCount(1);
    }

    /** Before, exit 1 with the SDK's "Unable to execute HTTP request" and its attempt count. */
    @Test
    void aServerDroppingEveryConnectionExitsWithFourInOneLine() {
        String bucket = Fixtures.newBucket("cli-reset");

        Cli.Result result = withFaults(FaultKind.RESET, () -> cli.run("inventory", "sync", "--bucket", bucket,
                "--endpoint-url", bed.endpoint().toString(), "--max-attempts", "2", "--database", database));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
        assertThat(result.stderr()).startsWith("s3conn: the connection to the S3 endpoint at " + bed.endpoint())
                .hasLineCount(1);
    }

    @Test
    void anEndpointThatNeverAnswersExitsWithFourOnceItsAttemptsTimedOut() {
        String bucket = Fixtures.newBucket("cli-hung");

        Cli.Result result = withFaults(FaultKind.SLOW, () -> cli.run("inventory", "sync", "--bucket", bucket,
                "--endpoint-url", bed.endpoint().toString(), "--max-attempts", "2", "--attempt-timeout", "500ms",
                "--database", database));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
        assertThat(result.stderr()).startsWith("s3conn: no answer in time from the S3 endpoint at " + bed.endpoint())
                .hasLineCount(1);
    }

    /** {@code run} with every request of the test bed's emulator answered by a {@code kind} fault (SLOW: after 5 s). */
    private Cli.Result withFaults(FaultKind kind, Supplier<Cli.Result> run) {
        bed.emulator().setFaults(1.0, Set.of(kind), Duration.ofSeconds(5), 1L);
        try {
            return run.get();
        } finally {
            bed.emulator().clearFaults();
        }
    }

    /**
     * One-shot commands read their configuration without starting Quarkus (CommandConfig): from the same places as
     * serve. A misspelt property shows that a place was read: it is refused, naming the property.
     */
    @Test
    void aPropertyInConfigApplicationPropertiesOfTheWorkingDirectoryIsRead() throws IOException {
        Path dir = Files.createTempDirectory("s3conn-workdir");
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/application.properties"), "s3conn.databse=jdbc:sqlite:x.db\n");

        Cli.Result result = cli.in(dir).run("inventory", "state", "--database", database);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("s3conn: unknown property s3conn.databse: did you mean s3conn.database?");
    }

    /**
     * One-shot commands run without Quarkus, so serve's check before Quarkus starts does not see them: the check in
     * CommandConfig does. Before, a Latin-1 byte was read as U+FFFD without a word.
     */
    @Test
    void aConfigApplicationPropertiesThatIsNotUtf8StopsAOneShotCommandWithOneLineAndExitCodeTwo() throws IOException {
        Path dir = Files.createTempDirectory("s3conn-workdir");
        Files.createDirectories(dir.resolve("config"));
        Files.write(dir.resolve("config/application.properties"),
                "s3conn.database=jdbc:sqlite:caf\u00e9.db\n".getBytes(StandardCharsets.ISO_8859_1));

        Cli.Result result = cli.in(dir).run("inventory", "state", "--database", database);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("s3conn: configuration file config/application.properties is not UTF-8 text:"
                + " save it as UTF-8\n");
    }

    @Test
    void aPropertyInAFileThatQuarkusConfigLocationsNamesIsRead() throws IOException {
        Path properties = Files.createTempFile("s3conn-located", ".properties");
        Files.writeString(properties, "s3conn.databse=jdbc:sqlite:x.db\n");

        Cli.Result result = cli.env("QUARKUS_CONFIG_LOCATIONS", properties.toString()).run("inventory", "state", "--database", database);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("s3conn: unknown property s3conn.databse: did you mean s3conn.database?");
    }

    @Test
    void aVariableInTheDotEnvFileOfTheWorkingDirectoryIsRead() throws IOException {
        Path dir = Files.createTempDirectory("s3conn-workdir");
        Files.writeString(dir.resolve(".env"), "S3CONN_DATABSE=jdbc:sqlite:x.db\n");

        Cli.Result result = cli.in(dir).run("inventory", "state", "--database", database);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        // Named as written, a variable (SmallRye lists it in dotted form too, as s3conn.databse, which no file holds).
        assertThat(result.stderr()).startsWith("s3conn: unknown property S3CONN_DATABSE: did you mean S3CONN_DATABASE?");
    }

    @Test
    void aMalformedYamlConfigurationFileExitsWithTwoInOneLineThatDoesNotQuoteIt() throws IOException {
        Path yaml = Files.createTempFile("s3conn-config", ".yaml");
        Files.writeString(yaml, "s3conn:\n  aws: {secret-access-key: TOPSECRET\n  database: x\n");

        Cli.Result result = cli.env("S3CONN_CONFIG_YAML", yaml.toString()).run("inventory", "state", "--database", database);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr().lines()).singleElement().asString()
                .startsWith("s3conn: configuration file " + yaml + " is not valid YAML");
        assertThat(result.stderr() + result.stdout()).doesNotContain("TOPSECRET");
    }

    @Test
    void aMalformedConfigFileExitsWithTwoAndDoesNotQuoteIt() throws IOException {
        Path config = Files.createTempFile("configuration", ".json");
        Files.writeString(config, "{\"aws_secret_access_key\": \"sekrit-value\", \"bucket\": ");

        Cli.Result result = cli.run("inventory", "sync", "--config", config.toString(), "--database", database);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("s3conn: configuration file " + config + " is not valid JSON: the text ends"
                + " inside an object: expected '}' (line 1, column 53)\n");
        assertThat(Fixtures.sqliteFile(database)).doesNotExist();
    }

    @Test
    void anUnsupportedDatabaseUrlExitsWithTwo() {
        Cli.Result result = cli.run("inventory", "sync", "--bucket", "b", "--database", "jdbc:mysql://localhost/x");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("s3conn: --database must be a database URL, jdbc:sqlite:<file> or"
                + " jdbc:postgresql://host/db, was: jdbc:mysql://localhost/x");
    }

    @Test
    void aDamagedCheckpointIsADatabaseErrorAndIsLeftAsItWas() throws Exception {
        String bucket = Fixtures.newBucket("cli-damaged");
        bed.put(bucket, "a", "a", null);
        cli.run("inventory", "sync", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(), "--database", database);
        try (var connection = java.sql.DriverManager.getConnection(database);
             var update = connection.prepareStatement("UPDATE s3conn_checkpoints SET state = '{\"bucket\": [' WHERE name = ?")) {
            update.setString(1, "inventory:" + bucket + ":");
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        Cli.Result result = cli.run("inventory", "sync", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(),
                "--database", database);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(5);
        assertThat(result.stderr()).contains("is damaged and cannot be read: the text ends inside an array: expected ']'")
                .hasLineCount(1);
        try (var connection = java.sql.DriverManager.getConnection(database);
             var rs = connection.createStatement().executeQuery("SELECT state FROM s3conn_checkpoints")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("{\"bucket\": [");
        }
    }

    @Test
    void theFivetranGlacierExampleConfigurationFileIsAccepted() throws IOException {
        String bucket = Fixtures.newBucket("cli-fivetran");
        bed.putMany(bucket, List.of("logs/a", "logs/b", "other/c"), 3);
        Path config = Files.createTempFile("configuration", ".json");
        Files.writeString(config, """
                {"aws_access_key_id": "%s", "aws_secret_access_key": "%s", "aws_region": "us-east-1",
                 "bucket": "%s", "prefix": "logs/"}""".formatted(bed.accessKeyId(), bed.secretAccessKey(), bucket));

        Cli.Result result = new Cli().run("inventory", "sync", "--config", config.toString(),
                "--endpoint-url", bed.endpoint().toString(), "--database", database, "--json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("\"objects\":2", "\"prefix\":\"logs/\"");
    }

    /**
     * README: settings of a --config file the command does not read are ignored, one file serving several commands.
     * Before, their values were checked all the same: a serve job's {@code "every": "0s"} here exited 2.
     */
    @Test
    void aConfigFileValueOfASettingTheSyncDoesNotReadIsIgnored() throws IOException {
        String bucket = Fixtures.newBucket("cli-config-ignored");
        bed.put(bucket, "a", "a", null);
        Path config = Files.createTempFile("configuration", ".json");
        Files.writeString(config, """
                {"bucket": "%s", "every": "0s", "format": "xml"}""".formatted(bucket));

        Cli.Result result = cli.run("inventory", "sync", "--config", config.toString(),
                "--endpoint-url", bed.endpoint().toString(), "--database", database, "--json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("\"objects\":1");
        assertThat(result.stderr()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void aSyncKilledMidListingResumesFromItsCheckpointToTheSameTable(S3Server server) throws Exception {
        String bucket = Fixtures.newBucket(server, "cli-kill");
        // 25 pages of 50: the pages of 2,500 keys of 100, with half the objects to put (seconds on RGW).
        List<String> keys = Fixtures.keys("k/", 1250);
        server.putMany(bucket, keys, 16);
        Cli cli = Cli.withCredentials(server);
        try (LatencyProxy slow = LatencyProxy.start(server.endpoint(), Duration.ofMillis(150))) {
            Process first = cli.start("inventory", "sync", "--bucket", bucket, "--endpoint-url", slow.endpoint().toString(),
                    "--database", database, "--page-size", "50", "--list-concurrency", "1");
            InventoryRun inventory = new InventoryRun(database, Fixtures.connection(server));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (inventory.liveKeys(bucket).size() < 250 && System.nanoTime() < deadline && first.isAlive()) {
                Thread.sleep(100);
            }
            first.destroyForcibly().waitFor();
            int recordedBeforeKill = inventory.liveKeys(bucket).size();
            assertThat(recordedBeforeKill).isBetween(250, 1249);

            // Through the same endpoint: from another one (even one leading to the same server) the run would start over.
            slow.withoutLatency();
            Cli.Result resumed = cli.run("inventory", "sync", "--bucket", bucket, "--endpoint-url",
                    slow.endpoint().toString(), "--database", database, "--page-size", "50", "--list-concurrency", "1", "--json");

            assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
            JsonNode summary = JSON.readTree(resumed.stdout());
            assertThat(summary.get("resumes").asInt()).isEqualTo(1);
            assertThat(summary.get("inserted").asLong()).isEqualTo(1250);
            assertThat(summary.get("pages").asLong()).isEqualTo(25);
            assertThat(inventory.liveKeys(bucket)).containsExactlyElementsOf(keys);
        }
    }

    /**
     * Before, SIGTERM ended the JVM mid-sync without a word (exit 143) and left the scope's lease behind: on this
     * host the next sync took it over, but a sync on another host (the next pod of a CronJob) exited 8 for 5 minutes.
     */
    @Test
    void sigtermStopsASyncAfterItsCommittedPagesInOneLineWithExitCode143AndNoLeaseLeft() throws Exception {
        String bucket = Fixtures.newBucket("cli-sigterm");
        // 25 pages of 50, as 2,500 keys of 100, with half the objects to put and record.
        List<String> keys = Fixtures.keys("k/", 1250);
        bed.putMany(bucket, keys, 16);
        InventoryRun inventory = new InventoryRun(database);
        try (LatencyProxy slow = LatencyProxy.start(bed.endpoint(), Duration.ofMillis(150))) {
            Process sync = cli.start("inventory", "sync", "--bucket", bucket, "--endpoint-url", slow.endpoint().toString(),
                    "--database", database, "--page-size", "50", "--list-concurrency", "1");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (inventory.liveKeys(bucket).size() < 150 && System.nanoTime() < deadline && sync.isAlive()) {
                Thread.sleep(100);
            }

            sync.destroy();

            assertThat(sync.waitFor(5, TimeUnit.SECONDS)).as("stopped within 5 s").isTrue();
            String stderr = Cli.read(sync, "stderr");
            assertThat(sync.exitValue()).as(stderr).isEqualTo(143);
            assertThat(stderr).isEqualTo("s3conn: sync of s3://" + bucket + "/ stopped by SIGTERM; the next sync resumes "
                    + "from its checkpoint\n");
            assertThat(Cli.read(sync, "stdout")).isEmpty();
            assertThat(inventory.liveKeys(bucket).size()).isBetween(150, 1249);
            assertThat(inventory.leases()).isEmpty();

            // Through the same endpoint: from another one (even one leading to the same server) the run would start over.
            slow.withoutLatency();
            Cli.Result resumed = cli.run("inventory", "sync", "--bucket", bucket, "--endpoint-url", slow.endpoint().toString(),
                    "--database", database, "--page-size", "50", "--json");

            assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
            JsonNode summary = JSON.readTree(resumed.stdout());
            assertThat(summary.get("resumes").asInt()).isEqualTo(1);
            assertThat(summary.get("inserted").asLong()).isEqualTo(1250);
            assertThat(inventory.liveKeys(bucket)).containsExactlyElementsOf(keys);
        }
    }

    /**
     * A signal while the run starts, before its command line is parsed, ends it in one line with the exit code of a stop,
     * and nothing done; before, exit 143 and nothing said. The parse is held on an argument file ({@code @FILE}, which
     * picocli reads while it parses) that is a named pipe: opening it for writing returns once s3conn opened it to read.
     */
    @Test
    void aSigtermBeforeTheCommandLineIsParsedEndsTheRunInOneLineWithExitCode143() throws Exception {
        Path arguments = Files.createTempDirectory("s3conn-it-").resolve("arguments");
        assertThat(new ProcessBuilder("mkfifo", arguments.toString()).start().waitFor()).isZero();
        Process sync = cli.start("inventory", "sync", "--bucket", Fixtures.newBucket("cli-early-sigterm"),
                "--endpoint-url", bed.endpoint().toString(), "--database", database, "@" + arguments);
        // On a virtual thread: one that s3conn never lets open the pipe does not hold the test JVM at its end.
        var opening = new java.util.concurrent.FutureTask<>(() -> Files.newOutputStream(arguments));
        Thread.ofVirtual().start(opening);
        try (var held = opening.get(60, TimeUnit.SECONDS)) {

            sync.destroy();

            assertThat(sync.waitFor(10, TimeUnit.SECONDS)).as("stopped within 10 s").isTrue();
            String stderr = Cli.read(sync, "stderr");
            assertThat(sync.exitValue()).as(stderr).isEqualTo(143);
            assertThat(stderr).isEqualTo("s3conn: stopped by SIGTERM before the command began: nothing was done\n");
            assertThat(Cli.read(sync, "stdout")).isEmpty();
            assertThat(Path.of(database.substring("jdbc:sqlite:".length()))).doesNotExist();
        } finally {
            sync.destroyForcibly();
        }
    }

    @Test
    void aSecondSyncOfTheSameScopeWhileOneRunsExitsEightAndTheFirstFinishes() throws Exception {
        String bucket = Fixtures.newBucket("cli-busy");
        List<String> keys = Fixtures.keys("k/", 1500);
        bed.putMany(bucket, keys, 16);
        // Only the first sync is slowed (a proxy in front of the emulator): the second, which lists its first page
        // before it asks for the lease, reaches the server itself at full speed.
        try (LatencyProxy slow = LatencyProxy.start(bed.endpoint(), Duration.ofMillis(100))) {
            Process first = cli.start("inventory", "sync", "--bucket", bucket, "--endpoint-url", slow.endpoint().toString(),
                    "--database", database, "--page-size", "50", "--list-concurrency", "1");
            InventoryRun inventory = new InventoryRun(database);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (inventory.liveKeys(bucket).isEmpty() && System.nanoTime() < deadline && first.isAlive()) {
                Thread.sleep(50);
            }

            // Slow the first sync down while the second starts, however long a loaded machine takes to start it.
            slow.setLatency(Duration.ofSeconds(2));
            Cli.Result second = cli.run("inventory", "sync", "--bucket", bucket, "--endpoint-url",
                    bed.endpoint().toString(), "--database", database, "--page-size", "50");
            slow.withoutLatency();

            assertThat(second.exitCode()).as(second.toString()).isEqualTo(8);
            assertThat(second.stderr()).contains("another s3conn run holds inventory:" + bucket + ":");
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).as(Cli.read(first, "stderr")).isZero();
            assertThat(inventory.liveKeys(bucket)).containsExactlyElementsOf(keys);
        }
    }

    @Test
    void aSyncWhoseSqliteDirectoryIsRemovedMidRunExitsFiveInOneLine() throws Exception {
        String bucket = Fixtures.newBucket("cli-removed-db");
        bed.putMany(bucket, Fixtures.keys("k/", 1500), 16);
        Path directory = Files.createTempDirectory("s3conn-removed-db");
        Path file = directory.resolve("inventory.db");
        try (LatencyProxy slow = LatencyProxy.start(bed.endpoint(), Duration.ofMillis(150))) {
            Process sync = cli.start("inventory", "sync", "--bucket", bucket, "--endpoint-url", slow.endpoint().toString(),
                    "--database", "jdbc:sqlite:" + file, "--page-size", "50", "--list-concurrency", "1");
            InventoryRun inventory = new InventoryRun("jdbc:sqlite:" + file);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (inventory.liveKeys(bucket).isEmpty() && System.nanoTime() < deadline && sync.isAlive()) {
                Thread.sleep(50);
            }
            for (String suffix : List.of("", "-wal", "-shm")) {
                Files.deleteIfExists(Path.of(file + suffix));
            }
            Files.delete(directory);

            assertThat(sync.waitFor(2, TimeUnit.MINUTES)).isTrue();
            String stderr = Cli.read(sync, "stderr");
            assertThat(sync.exitValue()).as(stderr).isEqualTo(5);
            assertThat(stderr).contains("was removed or replaced").hasLineCount(1);
            assertThat(Cli.read(sync, "stdout")).isEmpty();
        }
    }

    /** A versioned bucket whose key {@code a} has two versions and, latest, a delete marker. */
    private String twoVersionsAndADeleteMarker(String purpose) {
        String bucket = Fixtures.newVersionedBucket(bed, purpose);
        bed.put(bucket, "a", "one", null);
        bed.put(bucket, "a", "second", null);
        bed.client().deleteObject(d -> d.bucket(bucket).key("a"));
        return bucket;
    }
}
