package io.s3conn.app.serve;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.s3conn.app.config.S3connConfig;

/**
 * Guards the API's POST requests: with a token configured, they need {@code Authorization: Bearer
 * <token>}. Without one, the server only ever listens on loopback ({@link OpenApiGuard} refuses to
 * start otherwise), where any local process may trigger a run.
 */
public class TokenFilter {

    @Inject
    S3connConfig config;

    @ConfigProperty(name = "quarkus.http.host")
    String host;

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext request) {
        if (!"POST".equals(request.getMethod())) {
            return Optional.empty();
        }
        Optional<String> token = config.serve().token().filter(t -> !t.isBlank());
        if (token.isEmpty()) {
            return isLoopback(host) ? Optional.empty()
                    : Optional.of(ApiError.response(Response.Status.FORBIDDEN, "no API token configured").build());
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String expected = "Bearer " + token.get();
        boolean valid = header != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
        return valid ? Optional.empty() : Optional.of(ApiError.response(Response.Status.UNAUTHORIZED,
                "a valid bearer token is required").header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
    }

    /** Whether a bind address only accepts connections from this machine. */
    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
