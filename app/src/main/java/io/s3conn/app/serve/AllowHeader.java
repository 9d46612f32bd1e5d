package io.s3conn.app.serve;

import java.util.List;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * An {@code OPTIONS} answer names the methods its path takes, as a 405 does: the REST layer's own lists every method
 * of the resource class ({@code POST} on {@code /jobs/{name}}, which only {@code /jobs/{name}/run} takes).
 */
public class AllowHeader {

    @ServerResponseFilter
    public void options(ContainerRequestContext request, ContainerResponseContext response) {
        if (!"OPTIONS".equals(request.getMethod()) || !response.getHeaders().containsKey(HttpHeaders.ALLOW)) {
            return;
        }
        List<String> allowed = ApiRoutes.API.allowed(request.getUriInfo().getRequestUri().getRawPath());
        if (!allowed.isEmpty()) {
            response.getHeaders().putSingle(HttpHeaders.ALLOW, String.join(", ", allowed));
        }
    }
}
