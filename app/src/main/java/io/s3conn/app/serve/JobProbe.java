package io.s3conn.app.serve;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import io.s3conn.app.config.ChangeFeedSettings;
import io.s3conn.app.config.ResolvedSettings;
import io.s3conn.app.config.SettingsResolver;
import io.s3conn.app.pipeline.Pipeline;
import io.s3conn.core.jdbc.Database;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.state.JdbcCheckpointStore;
import io.s3conn.source.walk.ScopeProbe;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One job's readiness check, which keeps its S3 client and its database open from probe to probe: a probe every few
 * seconds would otherwise build a client, and connect to the database and check its schema, for every job each
 * time. One check of a job runs at a time; probes that come meanwhile share its outcome, so a slow endpoint never
 * piles up checks. The listing is of the job's scope (bucket and prefix), as its runs list, and for a pipeline of its
 * destination bucket, as its runs check it before writing; a job with {@code notifications} has its queue asked for
 * its ARN, as its runs ask before reading. A database that failed
 * is opened afresh at the next check (its connection may be gone); the S3 client reconnects by itself.
 */
final class JobProbe implements AutoCloseable {

    private final JobDefinition job;
    private final Duration listingTimeout;
    /** Touched only by the one check that runs, or by whoever closes the probe once no check runs. */
    private ResolvedSettings settings;
    private RunnableJob resolved;
    private S3Client s3;
    /** The job's queue; empty for a job without notifications, null until known or while it could not be opened. */
    private Optional<ChangeFeedSettings.OpenedQueue> queue;
    private Database database;
    /** Guarded by this. */
    private CompletableFuture<Optional<String>> running = CompletableFuture.completedFuture(Optional.empty());
    private boolean closed;

    JobProbe(JobDefinition job, Duration listingTimeout) {
        this.job = job;
        this.listingTimeout = listingTimeout;
    }

    /** Why the job cannot run now, if it cannot: the check that runs, or a new one started on {@code executor}. */
    synchronized CompletableFuture<Optional<String>> check(Executor executor) {
        if (closed) {
            return CompletableFuture.completedFuture(Optional.of("serve is stopping"));
        }
        if (running.isDone()) {
            running = CompletableFuture.supplyAsync(this::failure, executor);
        }
        return running;
    }

    private Optional<String> failure() {
        try {
            if (settings == null) {
                settings = SettingsResolver.connection(job.values(), true); // fixed from serve's start on
            }
            if (s3 == null) {
                s3 = S3Clients.create(settings.connection().withMaxAttempts(1).withAttemptTimeout(listingTimeout));
            }
            if (resolved == null) {
                resolved = job.resolve(); // fixed from serve's start on, as the settings are
            }
            switch (resolved) {
                // The job's own scope: a policy that grants listing under a prefix only refuses a listing of the bucket.
                case RunnableJob.InventoryJob ignored -> ScopeProbe.check(s3, settings.bucket(), settings.prefix());
                // Both buckets, as each run checks them first: a destination that is gone fails every run.
                case RunnableJob.PipelineJob pipeline -> Pipeline.checkBuckets(s3, pipeline.settings());
            }
            // The queue too: one that is gone or refused fails every run, at its start.
            if (queue == null) {
                Optional<ChangeFeedSettings> feed = switch (resolved) {
                    case RunnableJob.InventoryJob inventory -> inventory.notifications();
                    case RunnableJob.PipelineJob pipeline -> Optional.of(pipeline.settings().changes());
                };
                queue = feed.flatMap(f -> f.openQueue(settings.connection().withMaxAttempts(1).withAttemptTimeout(listingTimeout)));
            } else {
                queue.ifPresent(opened -> opened.reader().checkQueue());
            }
            if (database == null) {
                database = Database.open(settings.databaseUrl());
            }
            try {
                new JdbcCheckpointStore(database).save("health:" + job.name(), "{}");
            } catch (RuntimeException e) {
                closeDatabase();
                throw e;
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(job.failure(e));
        }
    }

    /** Closes the client and the database now, or once the check that runs has ended. */
    @Override
    public synchronized void close() {
        closed = true;
        running.whenComplete((failure, error) -> release());
    }

    private void release() {
        closeDatabase();
        if (queue != null) {
            queue.ifPresent(ChangeFeedSettings.OpenedQueue::close);
            queue = null;
        }
        if (s3 != null) {
            s3.close();
            s3 = null;
        }
    }

    private void closeDatabase() {
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
