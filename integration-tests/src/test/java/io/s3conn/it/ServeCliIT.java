package io.s3conn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.s3conn.testbed.TestBed;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@code s3conn serve} as a process: refuses an open API without a token; SIGTERM mid-sync exits 0, resumable. */
class ServeCliIT {

    private final TestBed bed = Fixtures.testBed();
    private final String database = Fixtures.newSqliteUrl();

    @Test
    void servingBeyondLoopbackWithoutATokenIsRefusedBeforeAnyPortIsOpened() {
        Cli.Result result = Cli.withTestBedCredentials().env("QUARKUS_HTTP_HOST", "0.0.0.0").run("serve");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("refusing to serve beyond loopback without s3conn.serve.token");
    }

    /** Before, only system properties and the environment were looked at: a token in a file was not seen, exit 2. */
    @Test
    void aTokenInAConfigurationFileLetsServeListenBeyondLoopback() throws Exception {
        Path dir = configDirectory("application.properties", "s3conn.serve.token=let-me-in\n");
        int port = freePort();
        Process serve = Cli.withTestBedCredentials().in(dir).env("QUARKUS_HTTP_HOST", "0.0.0.0")
                .jvmArg("-Dquarkus.http.port=" + port).start("serve");
        try {
            awaitUp(HttpClient.newHttpClient(), port);
        } finally {
            serve.destroy();
            serve.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Before, a host set in a file was not seen until serve ran: the port was bound, then serve refused. The port held
     * here shows that serve no longer tries to bind it (that would fail with "the port is in use", exit 1).
     */
    @Test
    void aHostBeyondLoopbackInAConfigurationFileIsRefusedBeforeThePortIsBound() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path dir = configDirectory("application.properties", "quarkus.http.host=0.0.0.0\n");

            Cli.Result result = Cli.withTestBedCredentials().in(dir).jvmArg("-Dquarkus.http.port=" + taken.getLocalPort()).run("serve");

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
            assertThat(result.stderr()).isEqualTo("s3conn: refusing to serve beyond loopback without s3conn.serve.token "
                    + "(S3CONN_SERVE_TOKEN): anyone who can reach the port could trigger jobs\n");
        }
    }

    /**
     * Before, Quarkus warned at every start that config/application.yaml was not recognised, as if it were ignored. The
     * port it sets, where serve comes up, shows that it is read.
     */
    @Test
    void aYamlFileInTheWorkingDirectoryIsReadWithoutAWarning() throws Exception {
        int port = freePort();
        servesOnPortWithoutAWarning(port, "quarkus:\n  http:\n    port: " + port + "\n");
    }

    /** Before, the key was read as one name, no property: serve warned of it and bound 8080. */
    @Test
    void aTopLevelYamlKeyWithDotsSetsThePropertyItSpells() throws Exception {
        int port = freePort();
        servesOnPortWithoutAWarning(port, "quarkus.http.port: " + port + "\n");
    }

    /** Starts serve with {@code yaml} as config/application.yaml, and checks that it comes up on {@code port}, warning of nothing. */
    private static void servesOnPortWithoutAWarning(int port, String yaml) throws Exception {
        Path dir = configDirectory("application.yaml", yaml);
        Process serve = Cli.withTestBedCredentials().in(dir).start("serve");
        try {
            awaitUp(HttpClient.newHttpClient(), port);
        } finally {
            serve.destroy();
            serve.waitFor(30, TimeUnit.SECONDS);
        }

        assertThat(Cli.read(serve, "stderr")).doesNotContain("WARN", "Unrecognized");
    }

    /**
     * Before, the usage alone was printed, as if the file did not name a command: the command is chosen before
     * Quarkus reads config/, so only the environment variable or system property can.
     */
    @Test
    void aDefaultCommandInTheConfigurationFileIsNotRunAndOneLineSaysHowToSetIt() throws IOException {
        Path dir = configDirectory("application.yaml", "s3conn:\n  default-command: serve\n");

        Cli.Result result = Cli.withTestBedCredentials().in(dir).run();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).as(result.toString()).isEqualTo("s3conn: s3conn.default-command is not read from "
                + "configuration files (serve was not run): set the environment variable S3CONN_DEFAULT_COMMAND or the "
                + "system property -Ds3conn.default-command, or give the command\n");
    }

    /** Before, Quarkus read the Latin-1 é as U+FFFD and serve started with a token the operator never wrote. */
    @Test
    void aPropertiesFileThatIsNotUtf8StopsServeWithOneLineAndExitCodeTwo() throws IOException {
        Path dir = configDirectory("application.properties", "");
        Files.write(dir.resolve("config").resolve("application.properties"),
                "s3conn.serve.token=caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        Cli.Result result = Cli.withTestBedCredentials().in(dir).run("serve");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("s3conn: configuration file config/application.properties is not UTF-8 text:"
                + " save it as UTF-8\n");
    }

    /** A working directory whose config/ holds one file, as an operator's or a ConfigMap's. */
    private static Path configDirectory(String file, String content) throws IOException {
        Path dir = Files.createTempDirectory("s3conn-serve-config-");
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config").resolve(file), content);
        return dir;
    }

    /** Before, serve stopped at start-up, exit 2, with SmallRye's "SRCFG00040: ... defined as the empty String" line. */
    @Test
    void aServeOptionWrittenEmptyIsItsDefault() throws Exception {
        try (Serving serve = serving("-Ds3conn.serve.shutdown-timeout=", "-Ds3conn.serve.pipeline-restart=")) {
            awaitUp(HttpClient.newHttpClient(), serve.port());

            assertThat(serve.process().isAlive()).isTrue();
        }
    }

    /** Before, the shutdown timeout was read only at SIGTERM: serve ran, then threw there and did not stop. */
    @Test
    void aShutdownTimeoutThatIsNoDurationStopsServeWithOneLineAndExitCodeTwo() throws IOException {
        Cli.Result result = serveUntilExit("-Ds3conn.serve.shutdown-timeout=soon");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("s3conn: s3conn.serve.shutdown-timeout must be a duration such as 1s, 500ms,"
                + " 1m30s or PT1S, was: soon\n");
    }

    /** Before, named as the property it sets, "s3conn.serve.pipeline-restart: ...", which no file of the user's held. */
    @Test
    void aServeOptionSetByAVariableIsNamedAsTheVariable() throws IOException {
        Cli.Result result = serve(freePort()).env("S3CONN_SERVE_PIPELINE_RESTART", "1ms").run("serve");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("s3conn: S3CONN_SERVE_PIPELINE_RESTART must be at least 1s (each restart reaches"
                + " S3 and the database again), was: 1ms\n");
    }

    /** Before, only a job read the global properties: without one, serve ran on and the typo went unreported. */
    @Test
    void aMisspeltPropertyStopsServeWithoutJobsWithOneLineAndExitCodeTwo() throws IOException {
        Cli.Result result = serveUntilExit("-Ds3conn.aws.regin=eu-west-1");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("s3conn: unknown property s3conn.aws.regin: did you mean s3conn.aws.region?"
                + " (see the configuration table in README)\n");
    }

    /** Before, serve said it served no job, and ran until stopped. */
    @Test
    void aJobUnderAMisspeltJobsPropertyStopsServeWithOneLineSuggestingTheJobsKey() throws IOException {
        Cli.Result result = serveUntilExit("-Ds3conn.job.copy.type=inventory", "-Ds3conn.job.copy.bucket=b");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("s3conn: unknown property s3conn.job.copy.").contains("did you mean s3conn.jobs.copy.")
                .hasLineCount(1);
    }

    /** Before, both ran, and whichever came second failed on the lease the other held, at every run. */
    @Test
    void twoInventoryJobsOfOneScopeStopServeWithOneLineAndExitCodeTwo() throws IOException {
        Cli.Result result = serveUntilExit("-Ds3conn.jobs.a.type=inventory", "-Ds3conn.jobs.a.bucket=b", "-Ds3conn.jobs.a.every=5m",
                "-Ds3conn.jobs.z.type=inventory", "-Ds3conn.jobs.z.bucket=b", "-Ds3conn.jobs.z.cron=0 0 * * * ?");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("s3conn: s3conn.jobs.a and s3conn.jobs.z both sync s3://b/ in the same database")
                .hasLineCount(1);
    }

    /** Before, Quarkus logged the failed start with a stack trace. */
    @Test
    void aPortInUseStopsServeWithOneLineNamingIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Cli.Result result = serve(taken.getLocalPort()).run("serve");

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertThat(result.stderr()).isEqualTo("s3conn: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + ": the port is in use (quarkus.http.port, QUARKUS_HTTP_PORT)\n");
        }
    }

    /** Before, Quarkus printed SmallRye's validation report over several lines, exit 1. */
    /** Before, the line said http://::1:PORT, which is no URL: an IPv6 address goes in brackets. */
    @Test
    void serveOnTheIpv6LoopbackNamesItsUrlWithTheAddressInBrackets() throws Exception {
        int port = freePort();
        Process serve = serve(port, "-Dquarkus.http.host=::1", "-Ds3conn.jobs.inv.type=inventory",
                "-Ds3conn.jobs.inv.bucket=" + Fixtures.newBucket("serve-ipv6")).start("serve");
        try {
            awaitCondition(() -> Cli.read(serve, "stderr").contains("serving"));

            assertThat(Cli.read(serve, "stderr")).contains("s3conn: serving 1 job on http://[::1]:" + port + "\n");
        } finally {
            serve.destroy();
            serve.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPortThatIsNoNumberStopsServeWithOneLineAndExitCodeTwo() {
        Cli.Result result = Cli.withTestBedCredentials().env("QUARKUS_HTTP_PORT", "abc").run("serve");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr().lines()).singleElement().asString()
                .startsWith("s3conn: invalid configuration: ").contains("quarkus.http.port", "\"abc\"");
    }

    /** Before, quarkus-scheduler's own exception stopped serve with exit code 1 and a stack trace. */
    @Test
    void anInventoryJobWhoseEveryIsNoDurationStopsServeWithOneLineAndExitCodeTwo() throws IOException {
        Cli.Result result = serveUntilExit("-Ds3conn.jobs.inv.type=inventory", "-Ds3conn.jobs.inv.bucket=b",
                "-Ds3conn.jobs.inv.every=5 minutes");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("s3conn: \"every\" in s3conn.jobs.inv must be a duration such as 1s, 500ms,"
                + " 1m30s or PT1S, was: 5 minutes\n");
    }

    /** Before, "page.size" in s3conn.jobs.inv: the key as SmallRye reads the variable, which the user never wrote. */
    @Test
    void aJobsKeySetByAVariableIsNamedAsTheVariable() throws IOException {
        Cli.Result result = serve(freePort()).env("S3CONN_JOBS_INV_TYPE", "inventory").env("S3CONN_JOBS_INV_BUCKET", "b")
                .env("S3CONN_JOBS_INV_PAGE_SIZE", "0").run("serve");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("s3conn: S3CONN_JOBS_INV_PAGE_SIZE must be at least 1, was: 0\n");
    }

    /** Before, "s3conn.jobs.inv: unknown key pagesize (did you mean page-size?)": the key as SmallRye reads the variable. */
    @Test
    void anUnknownJobsKeySetByAVariableIsNamedAndSuggestedAsVariables() throws IOException {
        Cli.Result result = serve(freePort()).env("S3CONN_JOBS_INV_TYPE", "inventory").env("S3CONN_JOBS_INV_BUCKET", "b")
                .env("S3CONN_JOBS_INV_PAGESIZE", "0").run("serve");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("s3conn: unknown key S3CONN_JOBS_INV_PAGESIZE (did you mean"
                + " S3CONN_JOBS_INV_PAGE_SIZE?) (see the configuration table in README)\n");
    }

    /** Before, quarkus-scheduler was handed the text and accepted it. */
    @Test
    void anInventoryJobWhoseEveryIsNegativeStopsServeWithOneLineSayingItIsBelowTheFloorAndExitCodeTwo() throws IOException {
        Cli.Result result = serveUntilExit("-Ds3conn.jobs.inv.type=inventory", "-Ds3conn.jobs.inv.bucket=b",
                "-Ds3conn.jobs.inv.every=-1s");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("s3conn: \"every\" in s3conn.jobs.inv must be at least 1s (each run lists the "
                + "whole scope), was: -1s\n");
    }

    @Test
    void anInventoryJobWhoseCronDoesNotParseStopsServeWithOneLineAndExitCodeTwo() throws IOException {
        Cli.Result result = serveUntilExit("-Ds3conn.jobs.inv.type=inventory", "-Ds3conn.jobs.inv.bucket=b",
                "-Ds3conn.jobs.inv.cron=every day");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("s3conn: \"cron\" in s3conn.jobs.inv must be a Quartz cron expression")
                .hasLineCount(1);
    }

    @Test
    void sigtermDuringASyncExitsZeroAndTheNextSyncCompletesFromTheCheckpoint() throws Exception {
        String bucket = Fixtures.newBucket("serve-term");
        bed.putMany(bucket, Fixtures.keys("k", 1250), 16);
        InventoryRun inventory = new InventoryRun(database);
        int port = freePort();
        bed.emulator().setLatency(Duration.ofMillis(700));
        Process serve;
        try {
            serve = Cli.withTestBedCredentials()
                    .jvmArg("-Dquarkus.http.port=" + port)
                    .jvmArg("-Ds3conn.database=" + database)
                    .jvmArg("-Ds3conn.aws.endpoint-url=" + bed.endpoint())
                    .jvmArg("-Ds3conn.jobs.inv.type=inventory")
                    .jvmArg("-Ds3conn.jobs.inv.bucket=" + bucket)
                    .jvmArg("-Ds3conn.jobs.inv.every=1h")
                    .jvmArg("-Ds3conn.jobs.inv.page-size=50")
                    .jvmArg("-Ds3conn.jobs.inv.list-concurrency=1")
                    .jvmArg("-Ds3conn.serve.shutdown-timeout=1s")
                    .start("serve");
            HttpClient http = HttpClient.newHttpClient();
            awaitUp(http, port);
            HttpResponse<String> trigger = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/jobs/inv/run"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(trigger.statusCode()).isIn(202, 409);
            // A committed page first: the next sync must then resume from the checkpoint, not start over.
            awaitCondition(() -> !inventory.liveKeys(bucket).isEmpty());
            assertThat(getJson(http, port, "/jobs/inv").get("state").asText()).isEqualTo("running");

            serve.destroy();

            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(serve.exitValue()).as(Cli.read(serve, "stderr")).isZero();
        } finally {
            bed.emulator().setLatency(Duration.ZERO);
        }
        Cli.Result resumed = Cli.withTestBedCredentials().run("inventory", "sync", "--json", "--bucket", bucket,
                "--endpoint-url", bed.endpoint().toString(), "--database", database);
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        JsonNode summary = new ObjectMapper().readTree(resumed.stdout());
        assertThat(summary.get("objects").asLong()).isEqualTo(1250);
        assertThat(summary.get("resumes").asInt()).isEqualTo(1);
    }

    /**
     * With the default shutdown timeout (30 s). Before, a running sync went on for all of it and was then cut short,
     * with an ERROR line (interrupted while walking key ranges): 40 s on SIGTERM, the deployment's whole grace period.
     */
    @Test
    void sigtermStopsARunningSyncAfterItsCommittedPagesAndExitsZeroWithinSeconds() throws Exception {
        String bucket = Fixtures.newBucket("serve-term-sync");
        // 25 pages of 50: as many pages as 2,500 keys of 100 (the listing lasts as long), half the objects to put.
        bed.putMany(bucket, Fixtures.keys("k", 1250), 16);
        InventoryRun inventory = new InventoryRun(database);
        int port = freePort();
        try (LatencyProxy slow = LatencyProxy.start(bed.endpoint(), Duration.ofMillis(150))) {
            Process serve = serveWith(port, "-Ds3conn.jobs.inv.type=inventory", "-Ds3conn.jobs.inv.bucket=" + bucket,
                    "-Ds3conn.jobs.inv.every=1h", "-Ds3conn.jobs.inv.page-size=50", "-Ds3conn.jobs.inv.list-concurrency=1",
                    "-Ds3conn.jobs.inv.endpoint-url=" + slow.endpoint());
            try {
                HttpClient http = HttpClient.newHttpClient();
                awaitUp(http, port);
                HttpResponse<String> trigger = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/jobs/inv/run"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(trigger.statusCode()).isIn(202, 409);
                awaitCondition(() -> inventory.liveKeys(bucket).size() >= 150);

                serve.destroy();

                assertThat(serve.waitFor(5, TimeUnit.SECONDS)).as("stopped within 5 s").isTrue();
                String stderr = Cli.read(serve, "stderr");
                assertThat(serve.exitValue()).as(stderr).isZero();
                assertThat(stderr).doesNotContain("ERROR", "failed");
            } finally {
                serve.destroyForcibly();
            }
        }
        assertThat(inventory.liveKeys(bucket).size()).isBetween(150, 1249);
        assertThat(inventory.leases()).isEmpty();
    }

    /**
     * A scheduled sync (its first tick at start) stuck in a request that does not come back: serve waits
     * {@code s3conn.serve.shutdown-timeout}, then exits 0. Before, scheduled runs ran on Quarkus's worker threads, which
     * Quarkus waits for when it stops: serve stayed up until the request ended (here a minute), and then called the
     * interrupted sync failed ("ERROR job inv failed: ... Thread was interrupted").
     */
    @Test
    void sigtermWhileAScheduledSyncWaitsOnARequestExitsZeroOnceTheShutdownTimeoutHasPassed() throws Exception {
        String bucket = Fixtures.newBucket("serve-term-hang");
        bed.put(bucket, "k", "v", "STANDARD");
        int port = freePort();
        try (LatencyProxy stuck = LatencyProxy.start(bed.endpoint(), Duration.ofSeconds(60))) {
            Process serve = serveWith(port, "-Ds3conn.jobs.inv.type=inventory", "-Ds3conn.jobs.inv.bucket=" + bucket,
                    "-Ds3conn.jobs.inv.every=1h", "-Ds3conn.jobs.inv.endpoint-url=" + stuck.endpoint(),
                    "-Ds3conn.serve.shutdown-timeout=2s");
            try {
                HttpClient http = HttpClient.newHttpClient();
                awaitUp(http, port);
                awaitCondition(() -> "running".equals(getJson(http, port, "/jobs/inv").get("state").asText()));
                assertThat(getJson(http, port, "/jobs/inv").get("state").asText()).isEqualTo("running");

                long stopped = System.nanoTime();
                serve.destroy();

                assertThat(serve.waitFor(20, TimeUnit.SECONDS)).as("exited within 20 s of SIGTERM").isTrue();
                String stderr = Cli.read(serve, "stderr");
                assertThat(serve.exitValue()).as(stderr).isZero();
                assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
                assertThat(stderr).doesNotContain("ERROR", "failed");
            } finally {
                serve.destroyForcibly();
            }
        }
    }

    @Test
    void aPipelineJobWritesWithTheCompressionAndKeyTemplateItSets() throws Exception {
        String source = Fixtures.newBucket("serve-pipe-src");
        String target = Fixtures.newBucket("serve-pipe-dst");
        bed.putMany(source, List.of("a", "b"), 2);
        try (Serving serve = serveCopying(source, target, "-Ds3conn.jobs.copy.compression=gzip",
                "-Ds3conn.jobs.copy.key-template=copied/{id}.{ext}", "-Ds3conn.jobs.copy.flush-interval=200ms")) {
            awaitUp(HttpClient.newHttpClient(), serve.port());
            List<String> keys = List.of();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (keys.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200);
                keys = bed.client().listObjectsV2(b -> b.bucket(target)).contents().stream().map(S3Object::key).toList();
            }

            assertThat(keys).isNotEmpty().allMatch(key -> key.matches("copied/[0-9a-f]{20}\\.jsonl\\.gz"));
        }
    }

    /**
     * Before, a job setting written empty stopped serve at start-up, exit 2, with SmallRye's message ("SRCFG00040: The
     * config property s3conn.jobs.copy.destination-prefix is defined as the empty String ... Converters$BuiltInConverter").
     */
    @Test
    void aPipelineJobWithAnEmptyDestinationPrefixWritesAtTheTopOfItsDestinationBucket() throws Exception {
        String source = Fixtures.newBucket("serve-empty-src");
        String target = Fixtures.newBucket("serve-empty-dst");
        bed.putMany(source, List.of("a", "b"), 2);
        try (Serving serve = serveCopying(source, target, "-Ds3conn.jobs.copy.destination-prefix=",
                "-Ds3conn.jobs.copy.flush-interval=200ms")) {
            List<String> keys = List.of();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (keys.isEmpty() && serve.process().isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
                keys = bed.client().listObjectsV2(b -> b.bucket(target)).contents().stream().map(S3Object::key).toList();
            }

            assertThat(keys).isNotEmpty().allMatch(key -> key.matches("\\d{4}/\\d{2}/\\d{2}/[0-9a-f]{20}\\.jsonl"));
        }
    }

    /** Before, the line was SmallRye's, naming its converter class instead of the setting that is missing. */
    @Test
    void aJobWhoseBucketIsWrittenEmptyStopsServeWithOneLineSayingNoBucketIsGiven() throws IOException {
        Cli.Result result = serveUntilExit("-Ds3conn.jobs.archive.type=inventory", "-Ds3conn.jobs.archive.bucket=");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).as(result.toString()).contains("no bucket given").doesNotContain("SRCFG").hasLineCount(1);
    }

    @Test
    void aRunningPipelineJobReportsWhatItStoredAndWhenItLastCaughtUp() throws Exception {
        String source = Fixtures.newBucket("serve-pipe-status-src");
        String target = Fixtures.newBucket("serve-pipe-status-dst");
        bed.putMany(source, List.of("a", "b", "c"), 3);
        try (Serving serve = serveCopying(source, target, "-Ds3conn.jobs.copy.polling-period=200ms")) {
            int port = serve.port();
            HttpClient http = HttpClient.newHttpClient();
            awaitUp(http, port);
            JsonNode[] job = {null};
            awaitCondition(() -> {
                job[0] = getJson(http, port, "/jobs/copy");
                return job[0].path("counts").path("records_written").asLong() == 3 && job[0].hasNonNull("lastSuccess");
            });

            assertThat(job[0].path("state").asText()).isEqualTo("running");
            assertThat(job[0].path("counts").path("records_read").asLong()).isEqualTo(3);
            assertThat(job[0].path("checkpoint").path("object").asText()).startsWith("s3://" + target + "/");
            assertThat(job[0].path("checkpoint").path("position").asText()).startsWith("s3conn:v1:");
        }
    }

    /** Before, its lag grew from the moment its snapshot completed, as if it had fallen behind: an alert fired for good. */
    @Test
    void aSnapshotPipelineJobThatCompletedHasNoLag() throws Exception {
        String source = Fixtures.newBucket("serve-pipe-snap-src");
        String target = Fixtures.newBucket("serve-pipe-snap-dst");
        bed.putMany(source, List.of("a", "b"), 2);
        try (Serving serve = serveCopying(source, target, "-Ds3conn.jobs.copy.mode=snapshot")) {
            int port = serve.port();
            HttpClient http = HttpClient.newHttpClient();
            awaitUp(http, port);
            awaitCondition(() -> "ok".equals(getJson(http, port, "/jobs/copy").path("lastOutcome").asText()));
            Thread.sleep(2000); // a lag counted from the completion would be 2 by now

            assertThat(getJson(http, port, "/jobs/copy").path("counts").path("records_written").asLong()).isEqualTo(2);
            assertThat(metricValue(metrics(http, port), line -> line.startsWith("s3conn_job_lag_seconds{job=\"copy\"}"))).isZero();
        }
    }

    /**
     * Before, readiness listed only the source: a pipeline whose destination bucket does not exist failed at every
     * run while {@code /q/health/ready} said {@code ok} for it.
     */
    @Test
    void readinessOfAPipelineJobWhoseDestinationBucketDoesNotExistIsDownNamingThatBucket() throws Exception {
        String source = Fixtures.newBucket("serve-ready-src");
        String target = "serve-ready-dst-" + UUID.randomUUID().toString().substring(0, 8);
        try (Serving serve = serveCopying(source, target)) {
            HttpClient http = HttpClient.newHttpClient();
            awaitUp(http, serve.port());

            HttpResponse<String> ready = ready(http, serve.port());

            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
            assertThat(new ObjectMapper().readTree(ready.body()).at("/checks/0/data/copy").asText())
                    .startsWith("bucket " + target + " does not exist at ");
        }
    }

    /** Before, ready said ok for a watching job whose queue does not exist, though each of its runs failed at start. */
    @Test
    void readinessOfAWatchingJobWhoseQueueDoesNotExistIsDownNamingThatQueue() throws Exception {
        String bucket = Fixtures.newBucket("serve-ready-queue");
        String missing = Fixtures.queueFor(bucket, Event.S3_OBJECT_CREATED) + "-gone";
        try (Serving serve = serving("-Ds3conn.jobs.live.type=inventory", "-Ds3conn.jobs.live.bucket=" + bucket,
                "-Ds3conn.jobs.live.notifications=sqs:" + missing)) {
            HttpClient http = HttpClient.newHttpClient();
            awaitUp(http, serve.port());

            HttpResponse<String> ready = ready(http, serve.port());

            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
            assertThat(new ObjectMapper().readTree(ready.body()).at("/checks/0/data/live").asText())
                    .contains("queue " + missing + " does not exist");
        }
    }

    /** Before, readiness said access to the queue was refused, sending the user to check the credentials. */
    @Test
    void readinessOfAWatchingJobWhoseQueueUrlIsTheS3EndpointIsDownSayingItIsNoSqsQueue() throws Exception {
        String bucket = Fixtures.newBucket("serve-ready-queue-s3");
        String notQueue = bed.endpoint().resolve("/000000000000/" + bucket).toString();
        try (Serving serve = serving("-Ds3conn.jobs.live.type=inventory", "-Ds3conn.jobs.live.bucket=" + bucket,
                "-Ds3conn.jobs.live.notifications=sqs:" + notQueue)) {
            HttpClient http = HttpClient.newHttpClient();
            awaitUp(http, serve.port());

            HttpResponse<String> ready = ready(http, serve.port());

            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
            assertThat(new ObjectMapper().readTree(ready.body()).at("/checks/0/data/live").asText())
                    .contains("queue URL " + notQueue + " did not answer as an SQS queue");
        }
    }

    /**
     * README (serve): the event lag is NaN while it cannot be told, and every meter is there from the start. Before, a
     * watching job's two meters were registered only once its queue had opened: a job whose queue does not exist had
     * neither, so an alert on them saw nothing.
     */
    @Test
    void aWatchingJobWhoseQueueDoesNotExistShowsItsEventMetersFromTheStart() throws Exception {
        String bucket = Fixtures.newBucket("serve-meters-queue");
        String missing = Fixtures.queueFor(bucket, Event.S3_OBJECT_CREATED) + "-gone";
        try (Serving serve = serving("-Ds3conn.jobs.live.type=inventory", "-Ds3conn.jobs.live.bucket=" + bucket,
                "-Ds3conn.jobs.live.notifications=sqs:" + missing)) {
            int port = serve.port();
            HttpClient http = HttpClient.newHttpClient();
            awaitUp(http, port);
            awaitCondition(() -> "failed".equals(getJson(http, port, "/jobs/live").path("lastOutcome").asText()));
            String metrics = metrics(http, port);

            assertThat(metricValue(metrics, line -> line.startsWith("s3conn_inventory_event_lag_seconds{job=\"live\"}"))).isNaN();
            assertThat(metricValue(metrics, line -> line.startsWith("s3conn_inventory_events_total{job=\"live\"}"))).isZero();
        }
    }

    /** Before, the restart ticks' first one came at start-up: a run that failed at once was started again at once. */
    @Test
    void aPipelineJobThatFailsAtStartUpIsNotStartedAgainBeforeItsRestartInterval() throws Exception {
        String source = Fixtures.newBucket("serve-pipe-once-src");
        String target = "serve-pipe-once-dst-" + UUID.randomUUID().toString().substring(0, 8);
        try (Serving serve = serveCopying(source, target, "-Ds3conn.serve.pipeline-restart=1m")) {
            int port = serve.port();
            HttpClient http = HttpClient.newHttpClient();
            awaitUp(http, port);
            awaitCondition(() -> "failed".equals(getJson(http, port, "/jobs/copy").path("lastOutcome").asText()));
            Thread.sleep(1000);

            assertThat(getJson(http, port, "/jobs/copy").path("runs").asLong()).isEqualTo(1);
        }
    }

    /** Before, a pipeline job that failed once stayed stopped until serve was restarted. */
    @Test
    void aPipelineJobThatFailedIsStartedAgainAtItsNextTickAndStoresEachRecordOnce() throws Exception {
        String source = Fixtures.newBucket("serve-pipe-again-src");
        String target = "serve-pipe-again-dst-" + UUID.randomUUID().toString().substring(0, 8);
        bed.putMany(source, List.of("a", "b", "c"), 3);
        try (Serving serve = serveCopying(source, target, "-Ds3conn.jobs.copy.flush-interval=200ms",
                "-Ds3conn.serve.pipeline-restart=1s")) {
            int port = serve.port();
            HttpClient http = HttpClient.newHttpClient();
            awaitUp(http, port);
            awaitCondition(() -> "failed".equals(getJson(http, port, "/jobs/copy").path("lastOutcome").asText()));
            assertThat(getJson(http, port, "/jobs/copy").path("lastError").asText()).contains(target);

            bed.createBucket(target);
            awaitCondition(() -> getJson(http, port, "/jobs/copy").path("counts").path("records_written").asLong() == 3);
            JsonNode job = getJson(http, port, "/jobs/copy");

            assertThat(job.path("state").asText()).isEqualTo("running");
            assertThat(job.path("runs").asLong()).isGreaterThan(1);
            assertThat(PipelineCliIT.destinationRecords(bed, target)).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder("a", "b", "c");
        }
    }

    @Test
    void aPipelineRestartThatIsNoPositiveDurationStopsServeWithOneLineAndExitCodeTwo() throws IOException {
        Cli.Result result = serveUntilExit("-Ds3conn.jobs.copy.type=pipeline", "-Ds3conn.jobs.copy.bucket=a",
                "-Ds3conn.jobs.copy.destination-bucket=b", "-Ds3conn.jobs.copy.format=json",
                "-Ds3conn.serve.pipeline-restart=0s");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("s3conn: s3conn.serve.pipeline-restart must be at least 1s (each restart reaches"
                + " S3 and the database again), was: 0s\n");
    }

    private static JsonNode getJson(HttpClient http, int port, String path) {
        try {
            return new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** README: refused with exit code 2, for pipeline run and serve jobs alike. Before, serve ran on with a failed job. */
    @Test
    void aPipelineJobWhoseDestinationLiesInsideItsSourceStopsServeWithExitCodeTwoAndWritesNothing() throws Exception {
        String bucket = Fixtures.newBucket("serve-pipe-loop");
        bed.putMany(bucket, List.of("logs/a"), 1);

        Cli.Result result = serveUntilExit("-Ds3conn.jobs.loop.type=pipeline", "-Ds3conn.jobs.loop.bucket=" + bucket,
                "-Ds3conn.jobs.loop.destination-bucket=" + bucket, "-Ds3conn.jobs.loop.destination-prefix=copy/",
                "-Ds3conn.jobs.loop.format=json");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).contains("could write into its own source").hasLineCount(1);
        assertThat(bed.client().listObjectsV2(b -> b.bucket(bucket).prefix("copy/")).contents()).isEmpty();
    }

    /**
     * README (Logs): a line of s3conn shows control characters escaped. Before, the line that stopped serve quoted the
     * prefix as it was: its newline split the line in two, and its ESC reached the terminal.
     */
    @Test
    void aJobPrefixWithANewlineAndAnEscapeIsShownEscapedInTheLineThatStopsServe() throws IOException {
        String prefix = "logs/\u001b[31m\nforged/";
        Cli.Result result = serveUntilExit("-Ds3conn.jobs.loop.type=pipeline", "-Ds3conn.jobs.loop.bucket=b",
                "-Ds3conn.jobs.loop.prefix=" + prefix, "-Ds3conn.jobs.loop.destination-bucket=b",
                "-Ds3conn.jobs.loop.destination-prefix=" + prefix + "copy/", "-Ds3conn.jobs.loop.format=json");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).as(result.toString()).contains("the source reads s3://b/logs/\\x1b[31m\\x0aforged/:")
                .doesNotContain("\u001b").hasLineCount(1);
    }

    /** Before, the value of a configuration that stopped serve before it started was quoted as it was: ESC and all. */
    @Test
    void aPortWithAnEscapeIsShownEscapedInTheLineThatStopsServe() {
        Cli.Result result = Cli.withTestBedCredentials().env("QUARKUS_HTTP_PORT", "80\u001b[2J").run("serve");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr().lines()).as(result.toString()).singleElement().asString()
                .contains("quarkus.http.port", "80\\x1b[2J").doesNotContain("\u001b");
    }

    /** Before, the line was the CLI's ("no format given: use --format ..."), which of several jobs left unsaid. */
    @Test
    void aPipelineJobWithoutFormatIsNamedInTheLineThatStopsServe() throws IOException {
        Cli.Result result = serveUntilExit("-Ds3conn.jobs.copy.type=pipeline", "-Ds3conn.jobs.copy.bucket=a",
                "-Ds3conn.jobs.copy.destination-bucket=b");

        assertThat(result.stderr().strip()).as(result.toString()).startsWith("s3conn: s3conn.jobs.copy: no format given");
    }

    @Test
    void aPipelineJobWithoutFormatStopsServeWithOneLineAndExitCodeTwo() throws IOException {
        Cli.Result result = serveUntilExit("-Ds3conn.jobs.copy.type=pipeline", "-Ds3conn.jobs.copy.bucket=a",
                "-Ds3conn.jobs.copy.destination-bucket=b");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).contains("no format given").hasLineCount(1);
    }

    @Test
    void anInventoryJobWithAQueueKeepsTheTableLiveAndExposesItsEventLag() throws Exception {
        String bucket = Fixtures.newBucket("serve-watch");
        bed.put(bucket, "before.txt", "listed", null);
        InventoryRun inventory = new InventoryRun(database);
        try (Serving serve = serveWatching(bucket)) {
            int port = serve.port();
            HttpClient http = HttpClient.newHttpClient();
            awaitUp(http, port);
            awaitCondition(() -> inventory.liveKeys(bucket).contains("before.txt")); // the reconciling sync ran

            bed.put(bucket, "after.txt", "from an event", null);
            awaitCondition(() -> inventory.liveKeys(bucket).contains("after.txt"));
            String metrics = metrics(http, port);

            assertThat(inventory.liveKeys(bucket)).containsExactly("after.txt", "before.txt");
            assertThat(metricValue(metrics, line -> line.startsWith("s3conn_inventory_event_lag_seconds{") && line.contains("job=\"live\"")))
                    .isBetween(0.0, 60.0);
        }
    }

    /**
     * Before, a watching job reported no success, counts or checkpoint until it ended, and so had no lag: an alert on
     * s3conn_job_lag_seconds could not see a watch whose reconciling syncs had stopped completing.
     */
    @Test
    void aWatchingJobSucceedsAtEachReconcileAndCountsTheEventsItApplied() throws Exception {
        String bucket = Fixtures.newBucket("serve-watch-status");
        try (Serving serve = serveWatching(bucket)) {
            int port = serve.port();
            HttpClient http = HttpClient.newHttpClient();
            awaitReconciled(http, port);
            bed.put(bucket, "after.txt", "from an event", null);
            awaitCondition(() -> getJson(http, port, "/jobs/live").path("counts").path("events").asLong() >= 1);
            JsonNode job = getJson(http, port, "/jobs/live");
            String metrics = metrics(http, port);

            assertThat(job.path("state").asText()).isEqualTo("running");
            assertThat(job.path("counts").path("reconciles").asLong()).isEqualTo(1);
            assertThat(job.path("counts").path("events").asLong()).isPositive();
            assertThat(job.path("checkpoint").path("bucket").asText()).isEqualTo(bucket);
            assertThat(metricValue(metrics, line -> line.startsWith("s3conn_job_lag_seconds{job=\"live\"}"))).isBetween(0.0, 60.0);
        }
    }

    /** Before, a watching job's reconciling syncs listed without a count: its s3conn_objects_listed_total stayed 0. */
    @Test
    void aWatchingJobsReconcilingSyncCountsTheObjectsItListed() throws Exception {
        String bucket = Fixtures.newBucket("serve-watch-listed");
        bed.putMany(bucket, List.of("a", "b", "c"), 3);
        try (Serving serve = serveWatching(bucket)) {
            int port = serve.port();
            HttpClient http = HttpClient.newHttpClient();
            awaitReconciled(http, port);

            assertThat(metricValue(metrics(http, port), line -> line.startsWith("s3conn_objects_listed_total{job=\"live\"}")))
                    .isEqualTo(3.0);
        }
    }

    /** Before, a watching job without every of its own was started again at its default tick: an hour later. */
    @Test
    void aWatchingJobThatFailedIsStartedAgainAsAPipelineIs() throws Exception {
        String bucket = Fixtures.newBucket("serve-watch-again");
        String queueUrl = Fixtures.queueFor(bucket, Event.S3_OBJECT_CREATED, Event.S3_OBJECT_REMOVED);
        bed.client().deleteBucket(d -> d.bucket(bucket));
        InventoryRun inventory = new InventoryRun(database);
        try (Serving serve = serving("-Ds3conn.jobs.live.type=inventory", "-Ds3conn.jobs.live.bucket=" + bucket,
                "-Ds3conn.jobs.live.notifications=sqs:" + queueUrl, "-Ds3conn.serve.pipeline-restart=1s")) {
            int port = serve.port();
            HttpClient http = HttpClient.newHttpClient();
            awaitUp(http, port);
            awaitCondition(() -> "failed".equals(getJson(http, port, "/jobs/live").path("lastOutcome").asText()));

            bed.createBucket(bucket);
            bed.put(bucket, "back.txt", "listed by the restarted watch", null);
            awaitCondition(() -> inventory.liveKeys(bucket).contains("back.txt"));

            assertThat(inventory.liveKeys(bucket)).containsExactly("back.txt");
            assertThat(getJson(http, port, "/jobs/live").path("runs").asLong()).isGreaterThan(1);
        }
    }

    private static HttpResponse<String> ready(HttpClient http, int port) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String metrics(HttpClient http, int port) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The value of the one series line of {@code metrics} that {@code series} picks. */
    private static double metricValue(String metrics, java.util.function.Predicate<String> series) {
        List<String> lines = metrics.lines().filter(series).toList();
        assertThat(lines).hasSize(1);
        String line = lines.getFirst();
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    /** Waits until serve answers and its watching job {@code live} completed its first reconciling sync. */
    private static void awaitReconciled(HttpClient http, int port) throws InterruptedException {
        awaitUp(http, port);
        awaitCondition(() -> getJson(http, port, "/jobs/live").hasNonNull("lastSuccess"));
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    /** serve with one job, {@code live}, watching {@code bucket} through a queue of its object events. */
    private Serving serveWatching(String bucket) throws IOException {
        String queueUrl = Fixtures.queueFor(bucket, Event.S3_OBJECT_CREATED, Event.S3_OBJECT_REMOVED);
        return serving("-Ds3conn.jobs.live.type=inventory", "-Ds3conn.jobs.live.bucket=" + bucket,
                "-Ds3conn.jobs.live.notifications=sqs:" + queueUrl, "-Ds3conn.jobs.live.reconcile-every=1h");
    }

    /** serve with one pipeline job, {@code copy}, from {@code source} to {@code target} as JSON, and these settings. */
    private Serving serveCopying(String source, String target, String... settings) throws IOException {
        List<String> properties = new java.util.ArrayList<>(List.of("-Ds3conn.jobs.copy.type=pipeline",
                "-Ds3conn.jobs.copy.bucket=" + source, "-Ds3conn.jobs.copy.destination-bucket=" + target,
                "-Ds3conn.jobs.copy.format=json"));
        properties.addAll(List.of(settings));
        return serving(properties.toArray(String[]::new));
    }

    /** serve with these jobs on a free port. */
    private Serving serving(String... jobProperties) throws IOException {
        int port = freePort();
        return new Serving(serveWith(port, jobProperties), port);
    }

    /** A serve process on {@code port}; closing it stops serve and waits up to 30 s for it to exit. */
    private record Serving(Process process, int port) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process serveWith(int port, String... jobProperties) {
        return serve(port, jobProperties).start("serve");
    }

    /** serve with these jobs, for one that stops at start-up: run until it exits. */
    private Cli.Result serveUntilExit(String... jobProperties) throws IOException {
        return serve(freePort(), jobProperties).run("serve");
    }

    private Cli serve(int port, String... jobProperties) {
        Cli cli = Cli.withTestBedCredentials()
                .jvmArg("-Dquarkus.http.port=" + port)
                .jvmArg("-Ds3conn.database=" + database)
                .jvmArg("-Ds3conn.aws.endpoint-url=" + bed.endpoint());
        for (String property : jobProperties) {
            cli.jvmArg(property);
        }
        return cli;
    }

    private static void awaitUp(HttpClient http, int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/live")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            Thread.sleep(200);
        }
        throw new AssertionError("serve did not come up on port " + port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
