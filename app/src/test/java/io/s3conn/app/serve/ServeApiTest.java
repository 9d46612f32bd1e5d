package io.s3conn.app.serve;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code s3conn serve}'s jobs, API, health and metrics, with an inventory job on the test bed. Only over
 * HTTP, so that {@link ServeApiIT} runs the same tests against the packaged application.
 */
@QuarkusTest
@QuarkusTestResource(value = TestBedResource.class, restrictToAnnotatedClass = true)
class ServeApiTest {

    @Test
    void anIntervalJobRunsAgainAndAgain() throws InterruptedException {
        InProcessServe.startJobs();

        assertThat(waitForRuns(2, Duration.ofSeconds(20))).isGreaterThanOrEqualTo(2);
        given().get("/jobs/inv").then().statusCode(200).body("lastOutcome", equalTo("ok")).body("counts.objects", equalTo(3));
    }

    @Test
    void aTriggerWhileTheJobRunsIsRefusedWith409() throws InterruptedException {
        TestBedResource.bed.emulator().setLatency(Duration.ofMillis(1500));
        try {
            // A scheduler tick may hold the job already (a 409), and its run end before the next request: wait for
            // the job to be idle and ask again, until a run is this test's own (each lasts 1.5 s at least).
            int first = given().post("/jobs/inv/run").statusCode();
            for (int attempt = 0; first == 409 && attempt < 10; attempt++) {
                awaitIdle(Duration.ofSeconds(20));
                first = given().post("/jobs/inv/run").statusCode();
            }
            int second = given().post("/jobs/inv/run").statusCode();

            assertThat(first).isEqualTo(202);
            assertThat(second).isEqualTo(409);
        } finally {
            TestBedResource.bed.emulator().setLatency(Duration.ZERO);
        }
    }

    /**
     * Before, the 202 showed the job as its last run left it (that run's {@code lastEnd}, {@code runs} not counted yet)
     * beside {@code state} {@code running}: the run was marked started on the thread that runs it, after the answer.
     */
    @Test
    void aTriggeredRunsAnswerShowsTheRunItStarted() throws InterruptedException {
        given().post("/jobs/inv/run");
        waitForRuns(1, Duration.ofSeconds(20));

        // The scheduler may start a run between two requests (its ticks come every second): then that POST is a 409.
        for (int attempt = 0; attempt < 20; attempt++) {
            awaitIdle(Duration.ofSeconds(20));
            long before = given().get("/jobs/inv").then().extract().jsonPath().getLong("runs");
            var answer = given().post("/jobs/inv/run").then().extract();
            if (answer.statusCode() == 202) {
                assertThat(answer.jsonPath().getString("state")).isEqualTo("running");
                assertThat(answer.jsonPath().getString("lastEnd")).isNull();
                assertThat(answer.jsonPath().getLong("runs")).isGreaterThan(before);
                return;
            }
        }
        throw new AssertionError("every POST found the job running");
    }

    @Test
    void anUnknownJobIs404() {
        given().get("/jobs/nope").then().statusCode(404);
        given().post("/jobs/nope/run").then().statusCode(404);
    }

    /** Before, the 404 had no body: a script's typo in a job name looked like a missing route. */
    @Test
    void anUnknownJobsAnswerSaysWhichJobsThereAre() {
        given().get("/jobs/nope").then().statusCode(404).contentType("application/json")
                .body("error", equalTo("no job named nope; jobs: inv"));
    }

    /** Before, Vert.x answered its HTML page ("Resource not found"): a script reading the API's errors read HTML. */
    @Test
    void aPathNothingServesIs404WithAJsonError() {
        given().get("/nope").then().statusCode(404).contentType("application/json")
                .body("error", equalTo("no such path: /nope"));
        given().get("/jobs/inv/run/now").then().statusCode(404).contentType("application/json")
                .body("error", equalTo("no such path: /jobs/inv/run/now"));
        given().get("/q/health/nope").then().statusCode(404).contentType("application/json");
    }

    /** Before, an empty 405 without Allow: which method the path takes was left to guess. */
    @Test
    void aMethodAPathDoesNotTakeIs405WithAJsonErrorAndTheMethodsItTakes() {
        given().delete("/jobs/inv").then().statusCode(405).contentType("application/json")
                .header("Allow", "GET, HEAD, OPTIONS").body("error", equalTo("DELETE is not allowed on /jobs/inv; allowed: GET, HEAD, OPTIONS"));
        given().get("/jobs/inv/run").then().statusCode(405).header("Allow", "POST, OPTIONS");
        given().post("/jobs").then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS");
    }

    /** Before, HEAD named application/json without the charset that GET names. */
    @Test
    void aHeadAnswerNamesTheContentTypeItsGetNames() {
        String get = given().get("/jobs/inv").then().statusCode(200).extract().header("Content-Type");

        given().head("/jobs/inv").then().statusCode(200).header("Content-Type", equalTo(get));
        given().head("/jobs").then().statusCode(200).header("Content-Type", equalTo(get));
        assertThat(get).isEqualToIgnoringCase("application/json;charset=UTF-8");
    }

    /** Before, health and metrics answered POST (and any other method) as GET. */
    @Test
    void aMethodOtherThanGetOrHeadOnHealthOrMetricsIs405WithTheMethodsItTakes() {
        given().post("/q/health").then().statusCode(405).contentType("application/json").header("Allow", "GET, HEAD")
                .body("error", equalTo("POST is not allowed on /q/health; allowed: GET, HEAD"));
        given().delete("/q/metrics").then().statusCode(405).header("Allow", "GET, HEAD");
        given().head("/q/health/live").then().statusCode(200);
    }

    /** Before, OPTIONS listed every method of the resource: POST on /jobs/{name}, which answers 405 to it. */
    @Test
    void anOptionsAnswerNamesTheMethodsItsPathTakes() {
        given().options("/jobs/inv").then().statusCode(200).header("Allow", "GET, HEAD, OPTIONS");
        given().options("/jobs/inv/run").then().statusCode(200).header("Allow", "POST, OPTIONS");
    }

    /** Before, the exposition's HELP lines of s3conn's own meters were empty. */
    @Test
    void everyS3connMetricHasHelpText() {
        InProcessServe.startJobs();

        List<String> lines = given().get("/q/metrics").then().statusCode(200).extract().asString().lines().toList();

        assertThat(lines).filteredOn(line -> line.startsWith("# HELP s3conn_")).isNotEmpty()
                .allSatisfy(help -> assertThat(help).matches("# HELP s3conn_\\w+ +\\S.*"));
    }

    /** README lists these fields, null ones included: a script may read any of them without checking it is there. */
    @Test
    void aJobsStatusHasEveryDocumentedField() {
        Map<String, Object> status = given().get("/jobs/inv").then().statusCode(200).extract().jsonPath().getMap("");

        assertThat(status).containsOnlyKeys("name", "type", "state", "runs", "lastStart", "lastEnd", "lastOutcome", "lastError",
                "lastSuccess", "ticksSkipped", "counts", "checkpoint");
    }

    /** Before, a tick that found the job running was skipped without a trace: a job slower than its schedule went unseen. */
    @Test
    void ticksThatFindTheJobStillRunningAreCounted() throws InterruptedException {
        TestBedResource.bed.emulator().setLatency(Duration.ofMillis(1500));
        try {
            InProcessServe.startJobs();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (given().get("/jobs/inv").then().extract().jsonPath().getLong("ticksSkipped") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
        } finally {
            TestBedResource.bed.emulator().setLatency(Duration.ZERO);
        }

        assertThat(given().get("/jobs/inv").then().extract().jsonPath().getLong("ticksSkipped")).isPositive();
        assertThat(given().get("/q/metrics").then().extract().asString())
                .containsPattern("s3conn_job_ticks_skipped_total\\{job=\"inv\"} [1-9]");
    }

    @Test
    void readinessIsUpWhenTheBucketAndDatabaseAnswer() {
        Readiness.settled().then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void metricsCountTheObjectsASyncListed() throws InterruptedException {
        InProcessServe.startJobs();
        waitForRuns(1, Duration.ofSeconds(20));

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("s3conn_objects_listed_total{job=\"inv\"}"))
                .body(containsString("s3conn_job_runs_total{job=\"inv\",outcome=\"ok\"}"));
    }

    @Test
    void metricsCountErrorsFromTheStartWhenThereAreNone() {
        InProcessServe.startJobs();

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("s3conn_errors_total{job=\"inv\"} 0.0"));
    }

    private static void awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!"idle".equals(given().get("/jobs/inv").then().extract().jsonPath().getString("state"))
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static long waitForRuns(long runs, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = 0;
        while (System.nanoTime() < deadline) {
            seen = given().get("/jobs/inv").then().extract().jsonPath().getLong("runs");
            String outcome = given().get("/jobs/inv").then().extract().jsonPath().getString("lastOutcome");
            if (seen >= runs && "ok".equals(outcome)) {
                return seen;
            }
            Thread.sleep(200);
        }
        return seen;
    }
}
