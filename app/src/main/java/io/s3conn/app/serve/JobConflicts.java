package io.s3conn.app.serve;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.s3conn.app.config.ChangeFeedSettings;
import io.s3conn.app.config.ConfigurationException;
import io.s3conn.app.config.Settings;
import io.s3conn.app.pipeline.PipelineSettings;
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
        Map<String, Pipeline> pipelines = new LinkedHashMap<>();
        for (JobDefinition job : jobs) {
            RunnableJob runnable = job.resolve();
            if (runnable instanceof RunnableJob.PipelineJob pipeline) {
                pipelines.put(job.name(), new Pipeline(pipeline.settings(), job.values().find(Settings.ENDPOINT_URL).map(Object::toString)));
            }
            RunnableJob.Lease lease = runnable.lease();
            String holder = leases.putIfAbsent(new RunnableJob.Lease(database(lease.databaseUrl()), lease.held()), job.name());
            if (holder != null) {
                throw new ConfigurationException("s3conn.jobs." + holder + " and s3conn.jobs." + job.name() + " both "
                        + lease.held() + " in the same database: only one of them could hold its lease at a time, "
                        + "the other would fail at every run");
            }
            if (job.values().find(Settings.NOTIFICATIONS).isEmpty()) {
                continue;
            }
            URI queue = queue(ChangeFeedSettings.of(job.values()).queueUrl().orElseThrow());
            String reader = queues.putIfAbsent(queue, job.name());
            if (reader != null) {
                throw new ConfigurationException("s3conn.jobs." + reader + " and s3conn.jobs." + job.name()
                        + " read the same notifications queue: SQS hands each message to one of them, so each would miss "
                        + "changes; give each job a queue of its own (one SNS topic can feed several)");
            }
        }
        refuseRings(pipelines);
    }

    /** A pipeline job's settings and the endpoint they are on: one bucket name on two servers is two buckets. */
    private record Pipeline(PipelineSettings settings, Optional<String> endpoint) {
        /** Whether this pipeline could write where {@code next} reads. */
        boolean feeds(Pipeline next) {
            return endpoint.equals(next.endpoint)
                    && settings.destination().writeScope().overlaps(next.settings.source().bucket(), next.settings.source().prefix());
        }
    }

    /**
     * Pipeline jobs that each write where the next one reads, round to the first: every record would be copied on round
     * the ring, and its copies copied again, forever (two jobs between two buckets grew one object of 5 bytes to 49 MB in
     * 20 seconds). A pipeline writing into its own source is refused by {@link PipelineSettings}; a ring of several is
     * seen only here, where all of them are known.
     */
    private static void refuseRings(Map<String, Pipeline> pipelines) {
        for (String start : pipelines.keySet()) {
            // Breadth first from start, each job reached once, until start is reached again.
            Map<String, String> reachedFrom = new HashMap<>();
            ArrayDeque<String> queue = new ArrayDeque<>(List.of(start));
            while (!queue.isEmpty()) {
                String job = queue.poll();
                for (Map.Entry<String, Pipeline> next : pipelines.entrySet()) {
                    if (!pipelines.get(job).feeds(next.getValue())) {
                        continue;
                    }
                    if (next.getKey().equals(start)) {
                        List<String> ring = new ArrayList<>(List.of(start));
                        for (String back = job; !back.equals(start); back = reachedFrom.get(back)) {
                            ring.add(1, back);
                        }
                        ring.add(start);
                        throw new ConfigurationException("pipeline jobs " + ring.stream().map(n -> "s3conn.jobs." + n)
                                .collect(Collectors.joining(" -> ")) + " each write into the source of the next: they would "
                                + "copy back what they wrote, forever; give one of them a destination outside the next one's source");
                    }
                    if (reachedFrom.putIfAbsent(next.getKey(), job) == null) {
                        queue.add(next.getKey());
                    }
                }
            }
        }
    }

    /**
     * What identifies a queue: its URL as SQS reads it, so that one queue written two ways is seen as one. The scheme and
     * host in any case, a port left out or written as its scheme's default, a trailing {@code /}, user info or a query
     * name the same queue; compared as written, {@code https://sqs.eu-west-1.amazonaws.com/1/q/} and
     * {@code https://SQS.eu-west-1.amazonaws.com:443/1/q} were two, and both jobs ran, each missing changes.
     */
    static URI queue(URI url) {
        String scheme = url.getScheme().toLowerCase(java.util.Locale.ROOT);
        int port = url.getPort() != -1 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        String path = url.getPath() == null ? "" : url.getPath().replaceAll("/+$", "");
        try {
            return new URI(scheme, null, url.getHost().toLowerCase(java.util.Locale.ROOT), port, path, null, null);
        } catch (java.net.URISyntaxException e) {
            return url;
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
