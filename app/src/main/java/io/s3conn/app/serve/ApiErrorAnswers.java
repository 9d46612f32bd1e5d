package io.s3conn.app.serve;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;

/**
 * Every 404 and 405 of the server as an {@link ApiError}, as the API's own answers are. Without this, a path nothing
 * serves got Vert.x's HTML page, and a method a path does not take an empty 405 without the {@code Allow} header that
 * says which ones it does.
 */
public class ApiErrorAnswers {

    /** The methods Quarkus's own routes take (health and metrics only read). */
    private static final String QUARKUS_ROUTE_METHODS = "GET, HEAD";
    /** Before the routes, as any filter; the value only orders it among filters, of which s3conn has no other. */
    private static final int QUARKUS_ROUTE_FILTER_PRIORITY = 100;

    /** A path no route serves (under {@code /jobs}, {@code /q} or anywhere), once every route has passed on it. */
    void notFound(@Observes Router router) {
        router.errorHandler(404, context -> {
            if (!context.response().ended()) {
                context.response().setStatusCode(404).putHeader(HttpHeaders.CONTENT_TYPE, ApiError.CONTENT_TYPE)
                        .end(new ApiError("no such path: " + context.request().path()).json());
            }
        });
    }

    /**
     * A method other than GET or HEAD on Quarkus's own routes (health, metrics, under
     * {@code quarkus.http.non-application-root-path}): 405, as the API answers a method it does not take. Quarkus
     * registers those routes for every method, so a POST to {@code /q/health} answered 200 as if it were a GET. Every
     * route there only reads, so the one list of methods serves them all. A filter, as it runs before every route.
     */
    void readOnlyQuarkusRoutes(@Observes Filters filters,
                               @ConfigProperty(name = "quarkus.http.non-application-root-path", defaultValue = "q")
                               String root) {
        String base = "/" + root.replaceAll("^/+|/+$", "");
        filters.register(context -> {
            HttpMethod method = context.request().method();
            String path = context.normalizedPath();
            boolean quarkusRoute = path.equals(base) || path.startsWith(base + "/");
            if (!quarkusRoute || method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD)) {
                context.next();
                return;
            }
            context.response().setStatusCode(405).putHeader(HttpHeaders.CONTENT_TYPE, ApiError.CONTENT_TYPE)
                    .putHeader(HttpHeaders.ALLOW, QUARKUS_ROUTE_METHODS)
                    .end(new ApiError(method.name() + " is not allowed on " + context.request().path() + "; allowed: "
                            + QUARKUS_ROUTE_METHODS).json());
        }, QUARKUS_ROUTE_FILTER_PRIORITY);
    }

    /** A method the API's path does not take: which ones it does, in the body and in {@code Allow}. */
    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, HttpServerRequest request) {
        List<String> allowed = ApiRoutes.API.allowed(request.path());
        String methods = String.join(", ", allowed);
        return ApiError.response(Response.Status.METHOD_NOT_ALLOWED, request.method().name() + " is not allowed on "
                        + request.path() + (allowed.isEmpty() ? "" : "; allowed: " + methods))
                .header(HttpHeaders.ALLOW, allowed.isEmpty() ? null : methods).build();
    }
}
