package io.s3conn.app.serve;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.s3conn.app.config.S3connConfig;

/**
 * Puts the configured jobs on quarkus-scheduler: inventory jobs on their {@code every} interval or
 * {@code cron} expression (a tick while the job still runs is skipped, so it never runs twice at
 * once; a failed run is retried at the next tick), pipelines started once and run continuously.
 */
@ApplicationScoped
public class JobScheduler {

    @Inject
    Scheduler scheduler;

    @Inject
    JobRunner runner;

    @Inject
    S3connConfig config;

    private boolean started;

    /** Schedules every job and starts the scheduler; idempotent. */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        config.jobs().forEach((name, job) -> {
            if (job.type().equals("pipeline")) {
                runner.trigger(name);
                return;
            }
            var definition = scheduler.newJob("s3conn-" + name)
                    .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                    .setTask(execution -> runner.runIfIdle(name));
            if (job.cron().isPresent()) {
                definition.setCron(job.cron().get());
            } else {
                definition.setInterval(job.every().orElse("1h"));
            }
            definition.schedule();
        });
        scheduler.resume();
    }
}
