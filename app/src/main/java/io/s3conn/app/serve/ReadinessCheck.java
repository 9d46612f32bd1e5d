package io.s3conn.app.serve;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when, for every job, its bucket answers a listing and its database takes a write. The jobs are checked at
 * once, each listing given {@link #LISTING_TIMEOUT} and each check {@link #CHECK_TIMEOUT}: a probe answers within
 * seconds however many jobs there are and however slow an endpoint or database is (a job's own attempt timeout is a
 * minute, a PostgreSQL statement's five), as probes with timeouts of a few seconds need. Each job's client and
 * database are kept from probe to probe ({@link JobProbe}), one per configured job, and closed when serve stops.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    static final Duration LISTING_TIMEOUT = Duration.ofSeconds(3);
    /** How long a probe waits for a job's check: its listing's time, and some for the database's write. */
    static final Duration CHECK_TIMEOUT = LISTING_TIMEOUT.plusSeconds(2);

    @Inject
    JobRunner runner;

    private final Map<String, JobProbe> probes = new ConcurrentHashMap<>();
    private final ExecutorService checking = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean stopped;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("s3conn jobs").up();
        Map<String, CompletableFuture<Optional<String>>> checks = new LinkedHashMap<>();
        for (String name : runner.names()) {
            checks.put(name, probe(name).check(checking));
        }
        long deadline = System.nanoTime() + CHECK_TIMEOUT.toNanos();
        for (Map.Entry<String, CompletableFuture<Optional<String>>> check : checks.entrySet()) {
            Optional<String> failure = outcome(check.getValue(), deadline);
            if (failure.isPresent()) {
                response.down().withData(check.getKey(), failure.get());
            } else {
                response.withData(check.getKey(), "ok");
            }
        }
        return response.build();
    }

    /** The job's probe, made at its first check; none once serve stops (the probe made then says so, and is closed). */
    private JobProbe probe(String name) {
        JobProbe probe = probes.computeIfAbsent(name, n -> new JobProbe(runner.definition(n), LISTING_TIMEOUT));
        if (stopped) {
            probe.close();
        }
        return probe;
    }

    private static Optional<String> outcome(CompletableFuture<Optional<String>> check, long deadline) {
        try {
            return check.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return Optional.of("no answer from S3 or the database within " + CHECK_TIMEOUT.toSeconds()
                    + " s; the next probe waits for the same check");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("the check was interrupted");
        } catch (ExecutionException e) {
            return Optional.of("the check failed: " + e.getCause());
        }
    }

    @PreDestroy
    void close() {
        stopped = true;
        probes.values().forEach(JobProbe::close);
        checking.shutdown();
    }
}
