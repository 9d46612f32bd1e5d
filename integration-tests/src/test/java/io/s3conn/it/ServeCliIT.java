package io.s3conn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.s3conn.testbed.TestBed;

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

    @Test
    void sigtermDuringASyncExitsZeroAndTheNextSyncCompletesFromTheCheckpoint() throws Exception {
        String bucket = Fixtures.newBucket("serve-term");
        bed.putMany(bucket, Fixtures.keys("k", 2500), 16);
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
                    .jvmArg("-Ds3conn.serve.shutdown-timeout=1s")
                    .start("serve");
            HttpClient http = HttpClient.newHttpClient();
            awaitUp(http, port);
            HttpResponse<String> trigger = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/jobs/inv/run"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(trigger.statusCode()).isIn(202, 409);
            Thread.sleep(1500);
            JsonNode status = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/jobs/inv")).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(status.get("state").asText()).isEqualTo("running");

            serve.destroy();

            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(serve.exitValue()).as(Cli.read(serve, "stderr")).isZero();
        } finally {
            bed.emulator().setLatency(Duration.ZERO);
        }
        Cli.Result resumed = Cli.withTestBedCredentials().run("inventory", "sync", "--json", "--bucket", bucket,
                "--endpoint-url", bed.endpoint().toString(), "--database", database);
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(new ObjectMapper().readTree(resumed.stdout()).get("objects").asLong()).isEqualTo(2500);
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
