package io.s3conn.app.serve;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.s3conn.glacier.ServerTraits;
import io.s3conn.app.cli.Failure;
import io.s3conn.app.config.ConnectionOptions;
import io.s3conn.app.config.ResolvedSettings;
import io.s3conn.app.config.S3connConfig;
import io.s3conn.app.config.SettingsResolver;
import io.s3conn.core.jdbc.Database;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.time.Durations;
import io.s3conn.destination.format.RecordFormats;
import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.objects.InventorySync;
import io.s3conn.inventory.InventorySyncOptions;
import io.s3conn.inventory.SyncSummary;
import io.s3conn.inventory.versions.VersionInventorySync;
import io.s3conn.destination.s3.ObjectNamer;
import io.s3conn.destination.s3.S3BatchWriter;
import io.s3conn.destination.s3.S3DestinationConfiguration;
import io.s3conn.source.s3.ContentMode;
import io.s3conn.source.s3.RecordSink;
import io.s3conn.source.s3.S3Source;
import io.s3conn.source.s3.S3SourceConfiguration;
import io.s3conn.source.s3.SourceMode;
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
    MeterRegistry metrics;

    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "s3conn-job");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Map<String, S3Source> pipelines = new ConcurrentHashMap<>();

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
        if (stopping.get() || !state.running.compareAndSet(false, true)) {
            return false;
        }
        executor.submit(() -> execute(name, state));
        return true;
    }

    /** Runs a job now on the calling thread, unless it is already running; for the scheduler. */
    public void runIfIdle(String name) {
        State state = state(name);
        if (!stopping.get() && state.running.compareAndSet(false, true)) {
            execute(name, state);
        }
    }

    private void execute(String name, State state) {
        S3connConfig.Job job = config.jobs().get(name);
        Instant start = Instant.now();
        state.start(start);
        try {
            Map<String, Long> counts = switch (job.type()) {
                case "inventory" -> inventory(name, job);
                case "pipeline" -> pipeline(name, job);
                default -> throw new IllegalArgumentException("unknown job type \"" + job.type() + "\" (inventory or pipeline)");
            };
            state.succeed(Instant.now(), counts);
            metrics.counter("s3conn_job_runs_total", "job", name, "outcome", "ok").increment();
        } catch (Exception e) {
            String message = Failure.of(e, job.bucket(), Optional.empty()).message();
            LOG.errorf("job %s failed: %s", name, message);
            state.fail(Instant.now(), message);
            metrics.counter("s3conn_job_runs_total", "job", name, "outcome", "failed").increment();
            metrics.counter("s3conn_errors_total", "job", name).increment();
        } finally {
            state.running.set(false);
        }
    }

    private Map<String, Long> inventory(String name, S3connConfig.Job job) {
        ResolvedSettings settings = settings(job);
        InventoryScope scope = new InventoryScope(settings.bucket(), settings.prefix());
        try (S3Client s3 = S3Clients.create(settings.connection()); Database database = Database.open(settings.databaseUrl())) {
            InventorySyncOptions options = InventorySyncOptions.defaults();
            SyncSummary summary = new InventorySync(s3, ServerTraits.of(settings.connection().isAmazonS3()), database, options)
                    .run(scope, (s, counters) -> { });
            metrics.counter("s3conn_objects_listed_total", "job", name).increment(summary.counters().listed());
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("listed", summary.counters().listed());
            counts.put("changed", summary.counters().changed());
            counts.put("deleted", summary.counters().deleted());
            counts.put("objects", summary.contents().objects());
            if (job.versions()) {
                SyncSummary versions = new VersionInventorySync(s3, ServerTraits.of(settings.connection().isAmazonS3()), database, options)
                        .run(scope, (s, counters) -> { });
                counts.put("versions_listed", versions.counters().listed());
            }
            state(name).checkpoint = new InventorySync(s3, ServerTraits.of(false), database, options).checkpoint(scope)
                    .map(io.s3conn.core.json.Json::write).orElse(null);
            return counts;
        }
    }

    private Map<String, Long> pipeline(String name, S3connConfig.Job job) throws Exception {
        ResolvedSettings settings = settings(job);
        String target = job.destinationBucket()
                .orElseThrow(() -> new IllegalArgumentException("pipeline job " + name + " needs destination-bucket"));
        S3SourceConfiguration source = new S3SourceConfiguration(settings.bucket(), settings.prefix(), SourceMode.ALL,
                Durations.parse(job.pollingPeriod()), ContentMode.INLINE, S3SourceConfiguration.DEFAULT_MAX_PAYLOAD_BYTES, 8,
                "job:" + name, true);
        S3DestinationConfiguration destination = new S3DestinationConfiguration(target, job.destinationPrefix().orElse(""),
                ObjectNamer.DEFAULT_TEMPLATE, RecordFormats.of(job.format(), Optional.empty()), 1000, 64L * 1024 * 1024,
                Durations.parse(job.flushInterval()), S3DestinationConfiguration.DEFAULT_PART_SIZE,
                Optional.empty(), Optional.empty(), Optional.empty());
        try (S3Client s3 = S3Clients.create(settings.connection());
             Database database = Database.open(settings.databaseUrl());
             Database acknowledgements = Database.open(settings.databaseUrl())) {
            S3Source reader = S3Source.acknowledged(s3, database, acknowledgements, source, Clock.systemUTC());
            pipelines.put(name, reader);
            var timer = Executors.newSingleThreadScheduledExecutor();
            try (S3BatchWriter writer = new S3BatchWriter(s3, destination, batch -> {
                reader.acknowledge(batch.records());
                metrics.counter("s3conn_records_written_total", "job", name).increment(batch.records());
            }, Clock.systemUTC())) {
                timer.scheduleAtFixedRate(writer::flushIfDue, 100, 100, TimeUnit.MILLISECONDS);
                long records = reader.run(Optional.empty(), new RecordSink() {
                    @Override
                    public void accept(io.s3conn.core.record.Record record) {
                        metrics.counter("s3conn_records_read_total", "job", name).increment();
                        writer.write(record);
                    }

                    @Override
                    public void drain() {
                        writer.flush();
                    }
                }, Long.MAX_VALUE, false).records();
                return Map.of("records", records);
            } finally {
                timer.shutdownNow();
                pipelines.remove(name);
            }
        }
    }

    private ResolvedSettings settings(S3connConfig.Job job) {
        ConnectionOptions options = new ConnectionOptions();
        options.bucket(job.bucket());
        job.prefix().ifPresent(options::prefix);
        return new SettingsResolver(config).resolve(options, true);
    }

    /** The status of a job. */
    public JobStatus status(String name) {
        S3connConfig.Job job = config.jobs().get(name);
        State state = state(name);
        return new JobStatus(name, job.type(), state.running.get() ? "running" : "idle", state.runs,
                text(state.lastStart), text(state.lastEnd), state.lastOutcome, state.lastError, text(state.lastSuccess),
                state.counts, state.checkpoint);
    }

    /**
     * Stops pipelines at their next safe point and waits up to {@code timeout} for running jobs; an
     * inventory sync stopped by the exit that follows resumes from its last committed page.
     */
    public void stop(java.time.Duration timeout) {
        stopping.set(true);
        pipelines.values().forEach(S3Source::stop);
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
            // Registered once per job: last success time, and lag (seconds since then) for alerts.
            metrics.gauge("s3conn_job_last_success_seconds", List.of(Tag.of("job", n)), state,
                    s -> s.lastSuccess == null ? 0 : s.lastSuccess.getEpochSecond());
            metrics.gauge("s3conn_job_lag_seconds", List.of(Tag.of("job", n)), state,
                    s -> s.lastSuccess == null ? Double.NaN : Instant.now().getEpochSecond() - s.lastSuccess.getEpochSecond());
            return state;
        });
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** One job's mutable status. */
    private static final class State {
        final AtomicBoolean running = new AtomicBoolean();
        volatile long runs;
        volatile Instant lastStart;
        volatile Instant lastEnd;
        volatile Instant lastSuccess;
        volatile String lastOutcome;
        volatile String lastError;
        volatile Map<String, Long> counts = Map.of();
        volatile String checkpoint;

        void start(Instant at) {
            runs++;
            lastStart = at;
            lastEnd = null;
        }

        void succeed(Instant at, Map<String, Long> newCounts) {
            lastEnd = at;
            lastSuccess = at;
            lastOutcome = "ok";
            lastError = null;
            counts = Map.copyOf(newCounts);
        }

        void fail(Instant at, String message) {
            lastEnd = at;
            lastOutcome = "failed";
            lastError = message;
        }
    }
}
