package io.s3conn.app.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.s3conn.app.config.ConfigurationException;
import io.s3conn.app.config.Settings;

/**
 * Puts the configured jobs on quarkus-scheduler: inventory jobs on their {@code every} interval or
 * {@code cron} expression (a tick while the job still runs is skipped, so it never runs twice at
 * once; a failed run is retried at the next tick), pipelines started once and run continuously (started again at
 * their next tick, every minute by default, should they have failed); an inventory job with {@code notifications}
 * starts at once, watches continuously, and is started again at its next tick should it have failed.
 */
@ApplicationScoped
public class JobScheduler {

    /** How soon a failed pipeline job is started again when it sets neither {@code every} nor {@code cron}. */
    static final String PIPELINE_RESTART = "1m";

    @Inject
    Scheduler scheduler;

    @Inject
    JobRunner runner;

    private boolean started;

    /**
     * Schedules every job and starts the scheduler; idempotent.
     *
     * @throws io.s3conn.app.config.ConfigurationException when a job's settings are wrong: nothing is started
     */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        // Every job checked and scheduled first: one that could never run stops serve before any job has started.
        List<String> atOnce = new ArrayList<>();
        for (String name : runner.names()) {
            JobDefinition job = runner.definition(name);
            job.requireRunnable();
            if (job.type().equals("pipeline")) {
                // Runs from now on; its ticks only start it again should it have failed (S3 or the database away
                // for longer than the retries last): the next run resumes from its last stored batch.
                atOnce.add(name);
                schedule(name, job, PIPELINE_RESTART, () -> runner.restartIfFailed(name));
                continue;
            }
            if (job.values().find(Settings.NOTIFICATIONS).isPresent()) {
                // Watches from now on; the ticks below only restart it should it have failed.
                atOnce.add(name);
            }
            schedule(name, job, "1h", () -> runner.runIfIdle(name));
        }
        atOnce.forEach(runner::trigger);
        scheduler.resume();
    }

    /** @param defaultEvery the interval when the job sets neither {@code every} nor {@code cron} */
    private void schedule(String name, JobDefinition job, String defaultEvery, Runnable tick) {
        var definition = scheduler.newJob("s3conn-" + name)
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setTask(execution -> tick.run());
        Optional<String> cron = job.values().find(Settings.CRON);
        String every = job.values().find(Settings.EVERY).orElse(defaultEvery);
        try {
            if (cron.isPresent()) {
                definition.setCron(cron.get());
            } else {
                definition.setInterval(every);
            }
            definition.schedule();
        } catch (IllegalArgumentException | IllegalStateException e) {
            // quarkus-scheduler parses both only here, and says so with a stack trace of its own.
            throw new ConfigurationException(cron.isPresent()
                    ? "\"cron\" in s3conn.jobs." + name + " must be a Quartz cron expression such as 0 0/15 * * * ?, was: "
                            + cron.get()
                    : "\"every\" in s3conn.jobs." + name + " must be a duration such as 5m, 1h or PT30S, was: " + every, e);
        }
    }
}
