package io.s3conn.app.serve;

import static io.restassured.RestAssured.given;

import java.time.Duration;

import io.restassured.response.Response;

/**
 * {@code /q/health/ready} once every job's check has an outcome. A probe that outlasts ReadinessCheck's bound answers
 * DOWN with "no answer ... within 5 s" (as it should), and the next probe waits for the same check; the first check of
 * a freshly started application can take that long on a loaded machine (cold code, two cores shared with other test
 * JVMs: ServeUnreachableIT failed so once in CI beside the Kafka Connect tests), which is not what the tests asking
 * for readiness are about. The bound itself is tested by ServeHangingEndpointTest.
 */
final class Readiness {

    private static final String PENDING = "the next probe waits for the same check";

    private Readiness() {
    }

    /** The first readiness answer that holds no pending check, asking again for up to a minute. */
    static Response settled() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Response response = given().get("/q/health/ready");
        while (response.asString().contains(PENDING) && System.nanoTime() < deadline) {
            response = given().get("/q/health/ready");
        }
        return response;
    }
}
