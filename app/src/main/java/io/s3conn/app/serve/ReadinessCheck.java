package io.s3conn.app.serve;

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

/** Ready when, for every job, its bucket answers a listing and its database takes a write. */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    @Inject
    JobRunner runner;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("s3conn jobs").up();
        for (String name : runner.names()) {
            JobDefinition job = runner.definition(name);
            try {
                ResolvedSettings settings = SettingsResolver.connection(job.values(), true);
                try (S3Client s3 = S3Clients.create(settings.connection().withMaxAttempts(1))) {
                    s3.listObjectsV2(b -> b.bucket(settings.bucket()).maxKeys(1));
                }
                try (Database database = Database.open(settings.databaseUrl())) {
                    new JdbcCheckpointStore(database).save("health:" + name, "{}");
                }
                response.withData(name, "ok");
            } catch (RuntimeException e) {
                response.down().withData(name, job.failure(e));
            }
        }
        return response.build();
    }
}
