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
import io.s3conn.app.config.Settings;

/**
 * Puts the configured jobs on quarkus-scheduler: inventory jobs on their {@code every} interval or
 * {@code cron} expression (a tick while the job still runs is skipped and counted, so it never runs twice at
 * once; a failed run is retried at the next tick), pipelines started once and run continuously (started again at
 * most {@code s3conn.serve.pipeline-restart} after they failed); an inventory job with {@code notifications} starts
 * at once, watches continuously, and is started again at its next tick should it have failed (without an
 * {@code every} or {@code cron} of its own, at most {@code s3conn.serve.pipeline-restart} after).
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
     * @throws ConfigurationException when a job's settings are wrong, or two jobs would share a lease or a queue
     *                                ({@link JobConflicts}): nothing is started
     */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        // Every job checked and scheduled first: one that could never run stops serve before any job has started.
        List<String> atOnce = new ArrayList<>();
        String restartEvery = ServeOptions.of(config.serve()).pipelineRestart().toString();
        List<JobDefinition> jobs = runner.names().stream().map(runner::definition).toList();
        JobConflicts.refuse(jobs);
        for (JobDefinition job : jobs) {
            String name = job.name();
            boolean continuous = job.type().equals("pipeline") || job.values().find(Settings.NOTIFICATIONS).isPresent();
            if (continuous) {
                // Runs from now on (a pipeline, or a watch); its ticks only start it again should it have failed (S3,
                // the database or the queue away for longer than the retries last): the next run resumes.
                // A watch restarts at its own every or cron if it has one; else as soon as a pipeline would, not an hour on.
                atOnce.add(name);
                boolean ownSchedule = job.values().find(Settings.EVERY).isPresent() || job.values().find(Settings.CRON).isPresent();
                scheduleTicks(name, job, () -> runner.restartIfFailed(name),
                        job.type().equals("pipeline") || !ownSchedule ? Optional.of(restartEvery) : Optional.empty(), true);
            } else {
                scheduleTicks(name, job, () -> runner.runIfIdle(name), Optional.empty(), false);
            }
        }
        atOnce.forEach(runner::trigger);
        scheduler.resume();
    }

    /**
     * Schedules a job's ticks: at {@code interval} if given, else at its {@code every} (default 1h) or {@code cron}.
     * An interval's first tick comes at once, unless {@code startedAlready}: a job started with serve has its first
     * tick one interval later, else a run that failed within milliseconds of start-up would be restarted at once.
     */
    private void scheduleTicks(String name, JobDefinition job, Runnable tick, Optional<String> interval, boolean startedAlready) {
        // Concurrent ticks are let through: the runner starts a run only when none is running, and counts the others.
        var definition = scheduler.newJob("s3conn-" + name)
                .setConcurrentExecution(Scheduled.ConcurrentExecution.PROCEED)
                .setTask(execution -> tick.run());
        Optional<String> cron = job.values().find(Settings.CRON);
        if (interval.isPresent() || cron.isEmpty()) {
            String every = interval.orElseGet(() -> job.values().find(Settings.EVERY).orElse(Duration.ofHours(1)).toString());
            definition.setInterval(every);
            if (startedAlready) {
                definition.setDelayed(every);
            }
            definition.schedule();
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
