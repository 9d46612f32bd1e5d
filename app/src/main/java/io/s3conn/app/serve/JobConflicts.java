package io.s3conn.app.serve;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.s3conn.app.config.ChangeFeedSettings;
import io.s3conn.app.config.ConfigurationException;
import io.s3conn.app.config.Settings;
import io.s3conn.core.jdbc.JdbcUrls;

/**
 * Jobs that cannot run side by side, refused when serve starts rather than failing at every run: two holding one
 * lease would take turns failing on it; two reading one notifications queue would each miss changes, because SQS
 * hands each message to one reader and a reader deletes the messages it has no use for.
 */
final class JobConflicts {

    private JobConflicts() {
    }

    /**
     * Resolves every job and checks them against each other.
     *
     * @throws ConfigurationException for a job that cannot run, or naming two jobs that share a lease or a queue
     */
    static void refuse(List<JobDefinition> jobs) {
        Map<RunnableJob.Lease, String> leases = new HashMap<>();
        Map<URI, String> queues = new HashMap<>();
        for (JobDefinition job : jobs) {
            RunnableJob.Lease lease = job.resolve().lease();
            String holder = leases.putIfAbsent(new RunnableJob.Lease(database(lease.databaseUrl()), lease.held()), job.name());
            if (holder != null) {
                throw new ConfigurationException("s3conn.jobs." + holder + " and s3conn.jobs." + job.name() + " both "
                        + lease.held() + " in the same database: only one of them could hold its lease at a time, "
                        + "the other would fail at every run");
            }
            if (job.values().find(Settings.NOTIFICATIONS).isEmpty()) {
                continue;
            }
            URI queue = ChangeFeedSettings.of(job.values()).queueUrl().orElseThrow();
            String reader = queues.putIfAbsent(queue, job.name());
            if (reader != null) {
                throw new ConfigurationException("s3conn.jobs." + reader + " and s3conn.jobs." + job.name()
                        + " read the same notifications queue: SQS hands each message to one of them, so each would miss "
                        + "changes; give each job a queue of its own (one SNS topic can feed several)");
            }
        }
    }

    /**
     * What identifies a job's database: for SQLite its file's absolute, normalised path (the real one when the file
     * exists), since {@code jdbc:sqlite:s3conn.db}, {@code jdbc:sqlite:./s3conn.db} and the absolute path are one
     * database whose leases the jobs would share; other URLs as written.
     */
    private static String database(String jdbcUrl) {
        return JdbcUrls.sqliteFile(jdbcUrl).filter(file -> !file.isEmpty()).<String>map(file -> {
            try {
                Path path = Path.of(file).toAbsolutePath().normalize();
                return "jdbc:sqlite:" + (Files.exists(path) ? path.toRealPath() : path);
            } catch (InvalidPathException | IOException e) {
                return jdbcUrl;
            }
        }).orElse(jdbcUrl);
    }
}
