package io.s3conn.app.serve;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.s3conn.app.config.ConfigurationException;
import io.s3conn.app.config.S3connConfig;
import io.s3conn.app.config.SettingType;
import io.s3conn.app.config.Settings;

/**
 * Puts the configured jobs on quarkus-scheduler: inventory jobs on their {@code every} interval or
 * {@code cron} expression (a tick while the job still runs is skipped, so it never runs twice at
 * once; a failed run is retried at the next tick), pipelines started once and run continuously (started again at
 * most {@code s3conn.serve.pipeline-restart} after they failed); an inventory job with {@code notifications} starts
 * at once, watches continuously, and is started again at its next tick should it have failed.
 */
@ApplicationScoped
public class JobScheduler {

    @Inject
    Scheduler scheduler;

    @Inject
    S3connConfig config;

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
        String restartEvery = pipelineRestart().toString();
        List<JobDefinition> jobs = runner.names().stream().map(runner::definition).toList();
        jobs.forEach(JobDefinition::resolve);
        JobDefinition.refuseSharedQueues(jobs);
        for (JobDefinition job : jobs) {
            String name = job.name();
            if (job.type().equals("pipeline")) {
                // Runs from now on; its ticks only start it again should it have failed (S3 or the database away
                // for longer than the retries last): the next run resumes from its last stored batch.
                atOnce.add(name);
                scheduler.newJob("s3conn-" + name)
                        .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                        .setInterval(restartEvery)
                        .setTask(execution -> runner.restartIfFailed(name))
                        .schedule();
                continue;
            }
            if (job.values().find(Settings.NOTIFICATIONS).isPresent()) {
                // Watches from now on; the ticks below only restart it should it have failed.
                atOnce.add(name);
            }
            schedule(name, job);
        }
        atOnce.forEach(runner::trigger);
        scheduler.resume();
    }

    /** {@code s3conn.serve.pipeline-restart}, read as serve starts: a value that does not parse stops it. */
    private Duration pipelineRestart() {
        try {
            return SettingType.POSITIVE_DURATION.parse(config.serve().pipelineRestart());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("s3conn.serve.pipeline-restart: " + e.getMessage(), e);
        }
    }

    private void schedule(String name, JobDefinition job) {
        var definition = scheduler.newJob("s3conn-" + name)
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setTask(execution -> runner.runIfIdle(name));
        Optional<String> cron = job.values().find(Settings.CRON);
        if (cron.isEmpty()) {
            definition.setInterval(job.values().find(Settings.EVERY).orElse(Duration.ofHours(1)).toString()).schedule();
            return;
        }
        try {
            definition.setCron(cron.get()).schedule();
        } catch (IllegalArgumentException | IllegalStateException e) {
            // quarkus-scheduler parses a cron expression only here, and says so with a stack trace of its own.
            throw new ConfigurationException("\"cron\" in s3conn.jobs." + name
                    + " must be a Quartz cron expression such as 0 0/15 * * * ?, was: " + cron.get(), e);
        }
    }
}
