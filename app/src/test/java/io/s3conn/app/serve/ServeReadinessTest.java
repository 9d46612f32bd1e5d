package io.s3conn.app.serve;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Readiness probes keep what they connect with: a probe every few seconds costs a listing and a write, no more. */
@QuarkusTest
@TestProfile(ServeReadinessTest.OnPostgres.class)
class ServeReadinessTest {

    /** The test bed's job, with its database on PostgreSQL, whose sessions can be seen; its jobs are not started. */
    public static class OnPostgres implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TestBedResource.class, Map.of("postgres", "true")));
        }
    }

    /** Before, each probe opened the job's database (migrating it) and closed it again: a new session at every probe. */
    @Test
    void probesShareOneDatabaseSessionPerJob() {
        Readiness.settled().then().statusCode(200);
        List<String> afterFirst = sessions();

        for (int probe = 0; probe < 5; probe++) {
            given().get("/q/health/ready").then().statusCode(200);
        }

        assertThat(sessions()).hasSize(1).isEqualTo(afterFirst);
    }

    /** The backends connected to the job's database, but for the query's own. */
    private static List<String> sessions() {
        return TestBedResource.postgres.psql(TestBedResource.postgresDatabase,
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()").lines().toList();
    }
}
