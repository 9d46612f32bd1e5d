package io.s3conn.app.serve;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.s3conn.app.config.ChangeFeedSettings;
import io.s3conn.app.config.ConfigurationException;
import io.s3conn.app.config.ResolvedSettings;
import io.s3conn.app.config.S3connConfig;
import io.s3conn.app.config.Settings;
import io.s3conn.app.pipeline.Pipeline;
import io.s3conn.core.jdbc.Database;
import io.s3conn.core.json.Json;
import io.s3conn.core.record.Record;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.text.TerminalText;
import io.s3conn.destination.StoredBatch;
import io.s3conn.glacier.ServerTraits;
import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.events.InventoryEventApplier;
import io.s3conn.inventory.events.InventoryWatch;
import io.s3conn.inventory.objects.InventorySync;
import io.s3conn.inventory.InventorySyncOptions;
import io.s3conn.inventory.SyncSummary;
import io.s3conn.inventory.versions.VersionInventorySync;
import io.s3conn.source.SourceProgress;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs the configured jobs: an inventory sync when triggered (never twice at once), a pipeline
 * continuously. Keeps each job's status and counts them in the metrics.
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    @Inject
    S3connConfig config;

    @Inject
    MeterRegistry registry;

    private JobMeters metrics;

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "s3conn-job");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Map<String, Pipeline> pipelines = new ConcurrentHashMap<>();
    /** How to stop each inventory job running now: its sync (and watch) end after the pages being committed. */
    private final Map<String, Runnable> inventories = new ConcurrentHashMap<>();
    private final Map<String, WatchGauges> watchGauges = new ConcurrentHashMap<>();
    /** What the lag of a job that has not succeeded yet is counted from: a job failing (or hanging) since start shows. */
    private final Instant started = Instant.now();

    /** Every job's meters exist from the start, so that a scrape (and an alert on errors) sees each job at 0. */
    @PostConstruct
    void registerJobs() {
        metrics = new JobMeters(registry);
        config.jobs().keySet().forEach(this::state);
    }

    /** The configured job names, sorted. */
    public List<String> names() {
        return List.copyOf(new TreeMap<>(config.jobs()).keySet());
    }

    /** Whether a job of this name is configured. */
    public boolean exists(String name) {
        return config.jobs().containsKey(name);
    }

    /**
     * Starts a run in the background.
     *
     * @return false when the job is already running (or the process is stopping)
     */
    public boolean trigger(String name) {
        State state = state(name);
        if (stopping.get() || !state.begin(Instant.now())) {
            return false;
        }
        executor.submit(() -> execute(name, state));
        return true;
    }

    /**
     * Starts a run in the background unless the job is already running; for the scheduler. A tick that finds the
     * job still running is skipped and counted ({@code ticksSkipped}, {@code s3conn_job_ticks_skipped_total}): the
     * job takes longer than its schedule allows.
     *
     * <p>The run goes to the jobs' own daemon threads, not the scheduler's: those are Quarkus's worker pool, which
     * Quarkus waits for when it stops (up to a minute), so a sync hanging on a request kept serve alive past
     * {@code s3conn.serve.shutdown-timeout}.
     */
    public void runIfIdle(String name) {
        State state = state(name);
        if (stopping.get()) {
            return;
        }
        if (!state.begin(Instant.now())) {
            state.ticksSkipped.incrementAndGet();
            return;
        }
        executor.submit(() -> execute(name, state));
    }

    /**
     * Starts a job in the background if its last run failed and it is not running: a pipeline, which otherwise runs
     * until serve stops, is not left stopped by a passing outage.
     */
    public void restartIfFailed(String name) {
        if ("failed".equals(state(name).lastOutcome)) {
            trigger(name);
        }
    }

    /**
     * A job's definition.
     *
     * @throws io.s3conn.app.config.ConfigurationException when its settings are wrong
     */
    public JobDefinition definition(String name) {
        return JobDefinition.of(name, config.jobs().get(name));
    }

    /** Runs a job that {@link State#begin} marked running. */
    private void execute(String name, State state) {
        JobDefinition definition = definition(name);
        try {
            Map<String, Long> counts = switch (definition.resolve()) {
                case RunnableJob.InventoryJob job when job.notifications().isPresent() -> watch(name, job);
                case RunnableJob.InventoryJob job -> inventory(name, job);
                case RunnableJob.PipelineJob job -> pipeline(name, job);
            };
            state.succeed(Instant.now(), counts);
            metrics.runs(name, "ok").increment();
        } catch (Exception e) {
            if (stopping.get() && (e instanceof CancellationException || interrupted(e))) {
                // Not a failure: serve is stopping, and the next run resumes the sync from its checkpoint.
                LOG.infof("job %s stopped with serve; its sync resumes from its checkpoint at the next run", TerminalText.escaped(name));
                state.stopped(Instant.now());
                return;
            }
            String message = definition.failure(e);
            // Escaped: the failure may name a key or quote a server, either of which may hold a newline.
            LOG.errorf("job %s failed: %s", TerminalText.escaped(name), TerminalText.escaped(message));
            state.fail(Instant.now(), message);
            metrics.runs(name, "failed").increment();
            metrics.errors(name).increment();
        } finally {
            state.running.set(false);
        }
    }

    /**
     * Whether a run ended because its thread was interrupted: serve stopping past its shutdown timeout interrupts the
     * runs still going, and the SDK then gives up the request in flight ({@code AbortedException}, "Thread was
     * interrupted"). That is a stop, not a failure of the job.
     */
    private static boolean interrupted(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException || cause instanceof java.io.InterruptedIOException
                    || cause instanceof AbortedException) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted();
    }

    private Map<String, Long> inventory(String name, RunnableJob.InventoryJob job) {
        ResolvedSettings settings = job.settings();
        InventoryScope scope = job.scope();
        InventorySyncOptions options = job.options();
        try (S3Client s3 = S3Clients.create(settings.connection()); Database database = Database.open(settings.databaseUrl())) {
            ServerTraits server = ServerTraits.of(settings.connection().isAmazonS3());
            InventorySync objects = new InventorySync(s3, server, database, options);
            VersionInventorySync versionSync = new VersionInventorySync(s3, server, database, options);
            running(name, () -> {
                objects.stop();
                versionSync.stop();
            });
            SyncSummary summary = objects.run(scope, (s, counters) -> { });
            metrics.objectsListed(name).increment(summary.counters().listed());
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("listed", summary.counters().listed());
            counts.put("changed", summary.counters().changed());
            counts.put("deleted", summary.counters().deleted());
            counts.put("objects", summary.contents().objects());
            if (job.versions()) {
                SyncSummary versions = versionSync.run(scope, (s, counters) -> { });
                counts.put("versions_listed", versions.counters().listed());
            }
            state(name).checkpoint = checkpoint(objects, scope);
            return counts;
        } finally {
            inventories.remove(name);
        }
    }

    /** Registers how to stop an inventory job that runs now; a stop that came first applies at once. */
    private void running(String name, Runnable stop) {
        inventories.put(name, stop);
        if (stopping.get()) {
            stop.run();
        }
    }

    /** The scope's checkpoint as JSON, for the status; null before its first sync. */
    private static String checkpoint(InventorySync sync, InventoryScope scope) {
        return sync.checkpoint(scope).map(Json::write).orElse(null);
    }

    /**
     * An inventory job with {@code notifications}: {@code s3_objects} kept live until serve stops, its lag
     * ({@code s3conn_inventory_event_lag_seconds}: zero while it is caught up, else now minus the newest applied
     * event's time, see {@link InventoryWatch#lag()}) and events applied ({@code s3conn_inventory_events_total}) in the metrics. It succeeds each
     * time a reconciling sync completes (the table was then proven equal to the bucket), so that
     * {@code s3conn_job_lag_seconds} tells how long ago that was; its status counts what the watch did so far.
     */
    private Map<String, Long> watch(String name, RunnableJob.InventoryJob job) {
        ResolvedSettings settings = job.settings();
        InventoryScope scope = job.scope();
        State state = state(name);
        ChangeFeedSettings feed = job.notifications().orElseThrow();
        InventorySyncOptions options = job.options();
        try (S3Client s3 = S3Clients.create(settings.connection()); Database database = Database.open(settings.databaseUrl());
             ChangeFeedSettings.OpenedQueue queue = feed.openQueue(settings.connection()).orElseThrow()) {
            InventorySync sync = new InventorySync(s3, ServerTraits.of(settings.connection().isAmazonS3()), database, options);
            InventoryWatch watch = new InventoryWatch(queue.reader(), new InventoryEventApplier(s3, database, scope, Clock.systemUTC()),
                    scope, () -> {
                        SyncSummary summary = sync.run(scope, (s, counters) -> { });
                        metrics.objectsListed(name).increment(summary.counters().listed());
                        state.lastSuccess = Instant.now();
                        state.checkpoint = checkpoint(sync, scope);
                        return summary;
                    }, feed.reconcileEvery(), Clock.systemUTC());
            running(name, () -> {
                watch.stop();
                sync.stop();
            });
            WatchGauges gauges = watchGauges(name);
            gauges.watch = watch;
            try {
                return watch.run(false).counts();
            } finally {
                inventories.remove(name);
                gauges.appliedBefore += watch.stats().applied();
                gauges.watch = null;
            }
        }
    }

    /** The meters of one watching job, registered once: they read whichever watch runs now. */
    private WatchGauges watchGauges(String name) {
        return watchGauges.computeIfAbsent(name, n -> {
            WatchGauges gauges = new WatchGauges();
            metrics.eventLag(n, gauges,
                    g -> g.watch == null ? Double.NaN : g.watch.lag().map(lag -> lag.toMillis() / 1000.0).orElse(Double.NaN));
            metrics.events(n, gauges, g -> g.watch == null ? g.appliedBefore : g.appliedBefore + g.watch.stats().applied());
            return gauges;
        });
    }

    /** What the metrics of a watching job read. */
    private static final class WatchGauges {
        volatile InventoryWatch watch;
        volatile long appliedBefore;
    }

    /**
     * A pipeline job runs until serve stops. While it runs, its counts and checkpoint (the last stored object and
     * the source position committed with it) are those of the run so far, and it succeeds each time a CDC poll
     * completes: {@code s3conn_job_lag_seconds} then tells how long ago it last caught up with its bucket.
     */
    private Map<String, Long> pipeline(String name, RunnableJob.PipelineJob job) throws Exception {
        State state = state(name);
        PipelineCounts live = new PipelineCounts();
        Counter recordsRead = metrics.recordsRead(name);
        Counter recordsWritten = metrics.recordsWritten(name);
        Pipeline pipeline = new Pipeline(job.settings(), new Pipeline.Listener() {
            @Override
            public void read(Record record) {
                recordsRead.increment();
                live.read++;
            }

            @Override
            public void stored(StoredBatch batch) {
                recordsWritten.increment(batch.records());
                live.written += batch.records();
                live.batches++;
                Map<String, String> checkpoint = new LinkedHashMap<>();
                checkpoint.put("object", "s3://" + batch.bucket() + "/" + batch.key());
                checkpoint.put("position", new String(batch.lastPosition().bytes(), StandardCharsets.UTF_8));
                state.checkpoint = Json.write(checkpoint);
                state.counts = live.asMap();
            }

            @Override
            public void progressed(SourceProgress progress) {
                if (progress.polls() > live.polls) {
                    live.polls = progress.polls();
                    state.lastSuccess = Instant.now();
                }
                state.counts = live.asMap();
            }
        });
        pipelines.put(name, pipeline);
        try {
            if (!stopping.get()) {
                pipeline.run(Long.MAX_VALUE, false);
                // Returned without a stop: its source is done (a snapshot read to the end), nothing is left to catch up.
                state.finished = !stopping.get();
            }
            return live.asMap();
        } finally {
            pipelines.remove(name);
        }
    }

    /**
     * What a pipeline job's run did so far, read by the HTTP threads. Each field has one writer at a time: the
     * pipeline's thread, or for stored batches whichever thread flushes the writer (it flushes one at a time).
     */
    private static final class PipelineCounts {
        volatile long read;
        volatile long written;
        volatile long batches;
        volatile long polls;

        Map<String, Long> asMap() {
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("records_read", read);
            counts.put("records_written", written);
            counts.put("batches", batches);
            counts.put("cdc_polls", polls);
            return counts;
        }
    }

    /** The status of a job; a watch that runs now counts what it did so far. */
    public JobStatus status(String name) {
        State state = state(name);
        Map<String, Long> counts = Optional.ofNullable(watchGauges.get(name)).map(gauges -> gauges.watch)
                .map(watch -> watch.stats().counts()).orElse(state.counts);
        return new JobStatus(name, type(name), state.running.get() ? "running" : "idle", state.runs,
                text(state.lastStart), text(state.lastEnd), state.lastOutcome, state.lastError, text(state.lastSuccess),
                state.ticksSkipped.get(), counts, state.checkpoint);
    }

    /**
     * Stops pipelines at their next safe point, and inventory syncs and watches after the pages being committed
     * (the next run resumes from the checkpoint), and waits up to {@code timeout} for running jobs.
     */
    public void stop(java.time.Duration timeout) {
        stopping.set(true);
        pipelines.values().forEach(Pipeline::stop);
        inventories.values().forEach(Runnable::run);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && states.values().stream().anyMatch(s -> s.running.get())) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @PreDestroy
    void shutdown() {
        executor.shutdownNow();
    }

    private State state(String name) {
        return states.computeIfAbsent(name, n -> {
            State state = new State();
            // Registered once per job, at 0 from the start, so that an alert on their increase sees a job's first
            // failure (a series that appears at 1 shows no increase): runs by outcome, errors, what its type counts,
            // skipped ticks, last success time, and lag (seconds since then, or since serve started).
            // A pipeline whose snapshot completed has no lag: it has nothing left to read, and an alert on a lag that
            // grew from then on would fire for a job that did all it was asked to.
            metrics.runs(n, "ok");
            metrics.runs(n, "failed");
            metrics.errors(n);
            if ("pipeline".equals(type(n))) {
                metrics.recordsRead(n);
                metrics.recordsWritten(n);
            } else {
                metrics.objectsListed(n);
                if (watches(n)) {
                    // Its event lag (NaN until the first sync) and events too: a watch whose queue never opens
                    // would otherwise have no series at all for an alert on them to see.
                    watchGauges(n);
                }
            }
            metrics.ticksSkipped(n, state, s -> s.ticksSkipped.get());
            metrics.lastSuccess(n, state, s -> s.lastSuccess == null ? 0 : s.lastSuccess.getEpochSecond());
            metrics.lag(n, state, s -> s.finished ? 0
                    : Instant.now().getEpochSecond() - (s.lastSuccess == null ? started : s.lastSuccess).getEpochSecond());
            return state;
        });
    }

    /**
     * A job's type as its definition reads it, {@code inventory} or {@code pipeline}: written {@code Pipeline} or with a
     * trailing space, the job runs as a pipeline, and read as written it was shown so and counted as an inventory job
     * (an {@code s3conn_objects_listed_total} series, no records series from the start). As written for a job whose
     * settings are wrong, which serve refuses at start.
     */
    private String type(String name) {
        try {
            return definition(name).type();
        } catch (ConfigurationException wrong) {
            return config.jobs().get(name).getOrDefault(Settings.TYPE.name(), "");
        }
    }

    /** Whether an inventory job has a queue; a job whose settings are wrong has none (serve refuses it at start). */
    private boolean watches(String name) {
        try {
            return definition(name).values().find(Settings.NOTIFICATIONS).isPresent();
        } catch (ConfigurationException wrong) {
            return false;
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** One job's mutable status. */
    private static final class State {
        final AtomicBoolean running = new AtomicBoolean();
        final AtomicLong ticksSkipped = new AtomicLong();
        volatile long runs;
        volatile Instant lastStart;
        volatile Instant lastEnd;
        volatile Instant lastSuccess;
        volatile String lastOutcome;
        volatile String lastError;
        volatile Map<String, Long> counts = Map.of();
        volatile String checkpoint;
        /** A pipeline whose last run read its source to the end (snapshot mode): done until it is run again. */
        volatile boolean finished;

        /**
         * Marks the job running and its run started, at once: a status read as soon as this returns (the 202 of
         * {@code POST /jobs/{name}/run}) shows the run it started, not the last one's end.
         *
         * @return false when the job is already running
         */
        boolean begin(Instant at) {
            if (!running.compareAndSet(false, true)) {
                return false;
            }
            runs++;
            lastStart = at;
            lastEnd = null;
            finished = false;
            return true;
        }

        void succeed(Instant at, Map<String, Long> newCounts) {
            lastEnd = at;
            lastSuccess = at;
            lastOutcome = "ok";
            lastError = null;
            counts = Collections.unmodifiableMap(new LinkedHashMap<>(newCounts)); // in the order the job counted
        }

        void stopped(Instant at) {
            lastEnd = at;
            lastOutcome = "stopped";
        }

        void fail(Instant at, String message) {
            lastEnd = at;
            lastOutcome = "failed";
            lastError = message;
        }
    }
}
