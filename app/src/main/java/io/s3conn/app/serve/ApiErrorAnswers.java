package io.s3conn.app.serve;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;

/**
 * Every 404 and 405 of the server as an {@link ApiError}, as the API's own answers are. Without this, a path nothing
 * serves got Vert.x's HTML page, and a method a path does not take an empty 405 without the {@code Allow} header that
 * says which ones it does.
 */
public class ApiErrorAnswers {

    /** A path no route serves (under {@code /jobs}, {@code /q} or anywhere), once every route has passed on it. */
    void notFound(@Observes Router router) {
        router.errorHandler(404, context -> {
            if (!context.response().ended()) {
                context.response().setStatusCode(404).putHeader(HttpHeaders.CONTENT_TYPE, ApiError.CONTENT_TYPE)
                        .end(new ApiError("no such path: " + context.request().path()).json());
            }
        });
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
