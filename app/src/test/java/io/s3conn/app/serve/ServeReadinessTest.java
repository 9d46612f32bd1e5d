package io.s3conn.app.serve;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Readiness probes reuse what they connect with: a probe every few seconds costs a listing and a write, no more. */
@QuarkusTest
@TestProfile(ServeReadinessTest.Proxied.class)
class ServeReadinessTest {

    /** The test bed's job, reached through a proxy that counts connections; its jobs are not started. */
    public static class Proxied implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TestBedResource.class, Map.of("proxied", "true")));
        }
    }

    /** Before, each probe built an S3 client of its own and closed it, so each opened a connection of its own. */
    @Test
    void probesAfterTheFirstOpenNoNewConnectionToS3() {
        given().get("/q/health/ready").then().statusCode(200);
        long afterFirst = TestBedResource.proxy.connections();

        for (int probe = 0; probe < 5; probe++) {
            given().get("/q/health/ready").then().statusCode(200);
        }

        assertThat(TestBedResource.proxy.connections()).isEqualTo(afterFirst);
    }
}
