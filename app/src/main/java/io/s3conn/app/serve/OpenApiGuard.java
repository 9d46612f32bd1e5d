package io.s3conn.app.serve;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;
import io.s3conn.app.config.ConfigurationException;
import io.s3conn.app.config.S3connConfig;

/**
 * Refuses to open the HTTP port beyond loopback without {@code s3conn.serve.token}: anyone who can reach it could
 * trigger jobs. Quarkus opens the port only after the start-up event, so this check, which sees the whole
 * configuration ({@code config/application.properties}, YAML files, {@code QUARKUS_CONFIG_LOCATIONS}, the
 * environment), stops serve before the port is bound, even briefly. Commands other than {@code serve} open no port.
 */
@ApplicationScoped
public class OpenApiGuard {

    @Inject
    S3connConfig config;

    @ConfigProperty(name = "quarkus.http.host")
    String host;

    @ConfigProperty(name = "quarkus.http.host-enabled", defaultValue = "true")
    boolean listening;

    void check(@Observes StartupEvent startup) {
        if (listening && !TokenFilter.isLoopback(host) && config.serve().token().filter(t -> !t.isBlank()).isEmpty()) {
            throw new ConfigurationException("refusing to serve beyond loopback without s3conn.serve.token (S3CONN_SERVE_TOKEN): "
                    + "anyone who can reach the port could trigger jobs");
        }
    }
}
