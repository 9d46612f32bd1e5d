package io.s3conn.app.serve;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Readiness answers within seconds when the jobs' endpoint takes connections and never answers. */
@QuarkusTest
@TestProfile(ServeHangingEndpointTest.Hanging.class)
class ServeHangingEndpointTest {

    /**
     * Two jobs on an endpoint that accepts connections (the kernel completes them into the backlog) and never
     * answers; their own attempt timeout is a minute.
     */
    public static class Hanging implements QuarkusTestProfile {

        private static final ServerSocket SILENT = silentServer();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("s3conn.aws.endpoint-url", "http://127.0.0.1:" + SILENT.getLocalPort()),
                    Map.entry("s3conn.aws.access-key-id", "k"),
                    Map.entry("s3conn.aws.secret-access-key", "s"),
                    Map.entry("s3conn.aws.max-attempts", "1"),
                    Map.entry("s3conn.aws.attempt-timeout", "60s"),
                    Map.entry("s3conn.database", "jdbc:sqlite:target/hanging.db"),
                    Map.entry("s3conn.jobs.first.type", "inventory"),
                    Map.entry("s3conn.jobs.first.bucket", "one"),
                    Map.entry("s3conn.jobs.first.every", "1h"),
                    Map.entry("s3conn.jobs.second.type", "inventory"),
                    Map.entry("s3conn.jobs.second.bucket", "two"),
                    Map.entry("s3conn.jobs.second.every", "1h"));
        }

        private static ServerSocket silentServer() {
            try {
                return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Before, the jobs were checked one after another, each for its attempt timeout: two minutes here. */
    @Test
    void readinessOfTwoJobsOnAnEndpointThatNeverAnswersIsDownWithinSeconds() {
        long started = System.nanoTime();

        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));

        // A probe waits at most one check timeout for all jobs (before, a minute per job: two here); four times that
        // leaves room for a loaded machine, where the first probe also builds the jobs' clients (twice took 10.7 s once).
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(ReadinessCheck.CHECK_TIMEOUT.multipliedBy(4));
    }
}
