package io.s3conn.app.serve;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The meters of {@code serve}'s jobs, each tagged with its job: names, help texts and units in one place, so that
 * every series of a name carries the same {@code # HELP} line (a meter registered without one would leave it empty in
 * the exposition, whichever came first). Counters keep the names README documents; the gauges in seconds say so as
 * their unit.
 */
final class JobMeters {

    private static final String JOB = "job";
    private static final String SECONDS = "seconds";

    private final MeterRegistry registry;

    JobMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Runs of a job that ended with {@code outcome} (ok or failed). */
    Counter runs(String job, String outcome) {
        return Counter.builder("s3conn_job_runs_total").description("Runs of the job that ended, by outcome (ok, failed)")
                .tags(JOB, job, "outcome", outcome).register(registry);
    }

    /** Failed runs of a job. */
    Counter errors(String job) {
        return counter("s3conn_errors_total", "Failed runs of the job (each logged with its one-line error)", job);
    }

    /** Objects an inventory job's syncs listed. */
    Counter objectsListed(String job) {
        return counter("s3conn_objects_listed_total", "Objects the inventory job's syncs listed", job);
    }

    /** Records a pipeline job read from its source. */
    Counter recordsRead(String job) {
        return counter("s3conn_records_read_total", "Records the pipeline job read from its source bucket", job);
    }

    /** Records a pipeline job stored in its destination. */
    Counter recordsWritten(String job) {
        return counter("s3conn_records_written_total", "Records the pipeline job stored in its destination bucket", job);
    }

    /** Ticks of a job's schedule that found it still running, as {@code skipped} counts them. */
    <T> void ticksSkipped(String job, T state, ToDoubleFunction<T> skipped) {
        FunctionCounter.builder("s3conn_job_ticks_skipped_total", state, skipped)
                .description("Ticks of the job's schedule that found it still running, so started no run")
                .tag(JOB, job).register(registry);
    }

    /** When a job last succeeded, as {@code epochSeconds} reads it (0 before its first success). */
    <T> void lastSuccess(String job, T state, ToDoubleFunction<T> epochSeconds) {
        gauge("s3conn_job_last_success_seconds", "When the job last succeeded, in seconds since the epoch (0: not yet)",
                job, state, epochSeconds);
    }

    /** How far behind a job is, as {@code seconds} reads it. */
    <T> void lag(String job, T state, ToDoubleFunction<T> seconds) {
        gauge("s3conn_job_lag_seconds", "Seconds since the job last succeeded (since serve started if it has not yet); "
                + "0 for a pipeline job whose snapshot completed", job, state, seconds);
    }

    /** How far behind a watching job's newest applied event is, as {@code seconds} reads it. */
    <T> void eventLag(String job, T state, ToDoubleFunction<T> seconds) {
        gauge("s3conn_inventory_event_lag_seconds", "0 while the watch is caught up (every received event applied, the "
                + "queue long-polled); else seconds from the newest applied event's eventTime to now (NaN: not known yet)",
                job, state, seconds);
    }

    /** Events a watching job applied to s3_objects, as {@code applied} counts them. */
    <T> void events(String job, T state, ToDoubleFunction<T> applied) {
        FunctionCounter.builder("s3conn_inventory_events_total", state, applied)
                .description("Bucket events the watching inventory job applied to s3_objects").tag(JOB, job).register(registry);
    }

    private Counter counter(String name, String help, String job) {
        return Counter.builder(name).description(help).tag(JOB, job).register(registry);
    }

    private <T> void gauge(String name, String help, String job, T state, ToDoubleFunction<T> value) {
        Gauge.builder(name, state, value).description(help).baseUnit(SECONDS).tag(JOB, job).strongReference(true)
                .register(registry);
    }
}
