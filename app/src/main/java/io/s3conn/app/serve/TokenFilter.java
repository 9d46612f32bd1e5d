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
        boolean valid = presents(request.getHeaderString(HttpHeaders.AUTHORIZATION), token.get());
        return valid ? Optional.empty() : Optional.of(ApiError.response(Response.Status.UNAUTHORIZED,
                "a valid bearer token is required").header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
    }

    /**
     * Whether an {@code Authorization} header presents {@code token} as a bearer token. The scheme is compared without
     * regard to case, as HTTP's authentication schemes are (RFC 9110, 11.1: {@code bearer} too), and the spaces after
     * it are one separator; the token itself is compared exactly, in constant time.
     */
    static boolean presents(String header, String token) {
        if (header == null) {
            return false;
        }
        int space = header.indexOf(' ');
        if (space < 0 || !header.substring(0, space).equalsIgnoreCase("Bearer")) {
            return false;
        }
        String given = header.substring(space + 1).replaceFirst("^ +", "");
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
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
