package io.s3conn.app.serve;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.s3conn.app.config.ConfigurationException;

/** Jobs that cannot run side by side stop serve at start, named. */
class JobConflictsTest {

    /** An inventory job watching bucket a from {@code queueUrl}. */
    private static JobDefinition watching(String name, String queueUrl) {
        return JobDefinition.of(name, Map.of("type", "inventory", "bucket", "a", "notifications", "sqs:" + queueUrl));
    }

    /** A pipeline job copying bucket a to b, its changes from {@code queueUrl}. */
    private static JobDefinition copying(String name, String queueUrl) {
        return JobDefinition.of(name, Map.of("type", "pipeline", "bucket", "a", "destination-bucket", "b", "format", "json",
                "notifications", "sqs:" + queueUrl));
    }

    /** A pipeline job copying bucket {@code from} into bucket {@code to}. */
    private static JobDefinition pipeline(String name, String from, String to) {
        return JobDefinition.of(name, Map.of("type", "pipeline", "bucket", from, "destination-bucket", to, "format", "json"));
    }

    /** Before, both ran: each copied back what the other wrote, and one object of 5 bytes grew to 49 MB in 20 seconds. */
    @Test
    void twoPipelinesEachWritingIntoTheOthersSourceAreRefusedNamingTheRing() {
        List<JobDefinition> jobs = List.of(pipeline("there", "a", "b"), pipeline("back", "b", "a"));

        assertThatThrownBy(() -> JobConflicts.refuse(jobs)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("pipeline jobs s3conn.jobs.there -> s3conn.jobs.back -> s3conn.jobs.there each write "
                        + "into the source of the next");
    }

    @Test
    void threePipelinesWritingRoundARingAreRefusedNamingIt() {
        List<JobDefinition> jobs = List.of(pipeline("ab", "a", "b"), pipeline("bc", "b", "c"), pipeline("ca", "c", "a"));

        assertThatThrownBy(() -> JobConflicts.refuse(jobs)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("pipeline jobs s3conn.jobs.ab -> s3conn.jobs.bc -> s3conn.jobs.ca -> s3conn.jobs.ab");
    }

    @Test
    void twoJobsReadingOneQueueAreRefusedNamingBoth() {
        List<JobDefinition> jobs = List.of(watching("watch", "http://127.0.0.1:9/000000000000/q"),
                copying("copy", "http://127.0.0.1:9/000000000000/q"));

        assertThatThrownBy(() -> JobConflicts.refuse(jobs)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("s3conn.jobs.watch and s3conn.jobs.copy read the same notifications queue");
    }

    @Test
    void twoJobsReadingOneQueueWrittenTwoWaysAreRefusedNamingBoth() {
        List<JobDefinition> jobs = List.of(watching("watch", "https://sqs.eu-west-1.amazonaws.com/123456789012/q/"),
                copying("copy", "HTTPS://SQS.eu-west-1.amazonaws.com:443/123456789012/q"));

        assertThatThrownBy(() -> JobConflicts.refuse(jobs)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("s3conn.jobs.watch and s3conn.jobs.copy read the same notifications queue");
    }

    @Test
    void jobsWithQueuesOfTheirOwnOrNoneAreAccepted() {
        assertThatCode(() -> JobConflicts.refuse(List.of(watching("watch", "http://127.0.0.1:9/000000000000/q"),
                copying("copy", "http://127.0.0.1:9/000000000000/other"),
                JobDefinition.of("sync", Map.of("type", "inventory", "bucket", "c"))))).doesNotThrowAnyException();
    }

    @Test
    void twoInventoryJobsOfOneScopeInOneDatabaseAreRefusedNamingBoth() {
        List<JobDefinition> jobs = List.of(JobDefinition.of("hourly", Map.of("type", "inventory", "bucket", "a")),
                JobDefinition.of("nightly", Map.of("type", "inventory", "bucket", "a", "every", "24h")));

        assertThatThrownBy(() -> JobConflicts.refuse(jobs)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("s3conn.jobs.hourly and s3conn.jobs.nightly both sync");
    }

    @Test
    void inventoryJobsOfOneBucketInTwoDatabasesAreAccepted() {
        assertThatCode(() -> JobConflicts.refuse(List.of(
                JobDefinition.of("here", Map.of("type", "inventory", "bucket", "a", "database", "jdbc:sqlite:here.db")),
                JobDefinition.of("there", Map.of("type", "inventory", "bucket", "a", "database", "jdbc:sqlite:there.db")))))
                .doesNotThrowAnyException();
    }

    @Test
    void twoInventoryJobsOfOneScopeInOneSqliteFileSpelledTwoWaysAreRefusedNamingBoth() {
        List<JobDefinition> jobs = List.of(
                JobDefinition.of("hourly", Map.of("type", "inventory", "bucket", "a", "database", "jdbc:sqlite:serve.db")),
                JobDefinition.of("nightly", Map.of("type", "inventory", "bucket", "a", "database",
                        "jdbc:sqlite:" + Path.of("serve.db").toAbsolutePath())));

        assertThatThrownBy(() -> JobConflicts.refuse(jobs)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("s3conn.jobs.hourly and s3conn.jobs.nightly both sync");
    }

    @Test
    void twoPipelineJobsOfOneStateInOneSqliteFileSpelledTwoWaysAreRefusedNamingBoth() {
        List<JobDefinition> jobs = List.of(
                JobDefinition.of("one", Map.of("type", "pipeline", "bucket", "a", "destination-bucket", "b", "format", "json",
                        "state", "s", "database", "jdbc:sqlite:serve.db")),
                JobDefinition.of("two", Map.of("type", "pipeline", "bucket", "c", "destination-bucket", "d", "format", "json",
                        "state", "s", "database", "jdbc:sqlite:./x/../serve.db")));

        assertThatThrownBy(() -> JobConflicts.refuse(jobs)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("s3conn.jobs.one and s3conn.jobs.two both keep state s");
    }
}
