package io.s3conn.app.serve;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.s3conn.app.config.ResolvedSettings;
import io.s3conn.app.config.SettingsResolver;
import io.s3conn.core.jdbc.Database;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.state.JdbcCheckpointStore;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Ready when, for every job, its bucket answers a listing and its database takes a write. The jobs are checked at
 * once, each listing given {@link #LISTING_TIMEOUT}: a probe answers within seconds however many jobs there are and
 * however slow an endpoint is (a job's own attempt timeout is a minute), as probes with timeouts of a few seconds need.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    static final Duration LISTING_TIMEOUT = Duration.ofSeconds(3);

    @Inject
    JobRunner runner;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("s3conn jobs").up();
        Map<String, Future<Optional<String>>> checks = new LinkedHashMap<>();
        try (ExecutorService checking = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String name : runner.names()) {
                JobDefinition job = runner.definition(name);
                checks.put(name, checking.submit(() -> failure(job)));
            }
            for (Map.Entry<String, Future<Optional<String>>> check : checks.entrySet()) {
                Optional<String> failure = outcome(check.getValue());
                if (failure.isPresent()) {
                    response.down().withData(check.getKey(), failure.get());
                } else {
                    response.withData(check.getKey(), "ok");
                }
            }
        }
        return response.build();
    }

    /** Why {@code job} cannot run now, if it cannot. */
    private static Optional<String> failure(JobDefinition job) {
        try {
            ResolvedSettings settings = SettingsResolver.connection(job.values(), true);
            try (S3Client s3 = S3Clients.create(settings.connection().withMaxAttempts(1)
                    .withAttemptTimeout(LISTING_TIMEOUT))) {
                s3.listObjectsV2(b -> b.bucket(settings.bucket()).maxKeys(1));
            }
            try (Database database = Database.open(settings.databaseUrl())) {
                new JdbcCheckpointStore(database).save("health:" + job.name(), "{}");
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(job.failure(e));
        }
    }

    private static Optional<String> outcome(Future<Optional<String>> check) {
        try {
            return check.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("the check was interrupted");
        } catch (ExecutionException e) {
            return Optional.of("the check failed: " + e.getCause());
        }
    }
}
