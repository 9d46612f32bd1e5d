package io.s3conn.app.serve;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

/**
 * Which methods a path of the API takes, read from its resource's annotations, for the {@code Allow} header of a 405:
 * the REST layer refuses an unknown method without saying which ones are known, and a list kept here by hand would
 * drift from the resource.
 */
final class ApiRoutes {

    /** Methods the REST layer answers besides a resource's own: HEAD wherever GET is, OPTIONS everywhere. */
    private static final String HEAD = "HEAD";
    private static final String OPTIONS = "OPTIONS";

    /** One resource method: the raw (percent-encoded) paths it matches, and its HTTP method. */
    private record Route(Pattern path, String method) {
    }

    /** The routes of {@code serve}'s API. */
    static final ApiRoutes API = of(JobsResource.class);

    private final List<Route> routes;

    private ApiRoutes(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /** The routes of a resource class. */
    static ApiRoutes of(Class<?> resource) {
        String base = Optional.ofNullable(resource.getAnnotation(Path.class)).map(Path::value).orElse("");
        List<Route> routes = new ArrayList<>();
        for (Method method : resource.getMethods()) {
            Optional<String> verb = httpMethod(method);
            if (verb.isPresent()) {
                String own = Optional.ofNullable(method.getAnnotation(Path.class)).map(Path::value).orElse("");
                routes.add(new Route(pattern(base + "/" + own), verb.get()));
            }
        }
        return new ApiRoutes(routes);
    }

    /**
     * The methods {@code rawPath} takes, GET before HEAD and OPTIONS last, for an {@code Allow} header; empty when no
     * route matches. A trailing slash is ignored, as the REST layer ignores it.
     */
    List<String> allowed(String rawPath) {
        String path = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        Set<String> methods = new LinkedHashSet<>();
        routes.stream().filter(route -> route.path().matcher(path).matches()).map(Route::method).sorted().forEach(method -> {
            methods.add(method);
            if (method.equals(HttpMethod.GET)) {
                methods.add(HEAD);
            }
        });
        if (!methods.isEmpty()) {
            methods.add(OPTIONS);
        }
        return List.copyOf(methods);
    }

    private static Optional<String> httpMethod(Method method) {
        return Arrays.stream(method.getAnnotations())
                .map(annotation -> annotation.annotationType().getAnnotation(HttpMethod.class))
                .filter(Objects::nonNull).map(HttpMethod::value).findFirst();
    }

    /** A path template ({@code /jobs/{name}/run}) as a pattern of raw paths: a parameter is one segment. */
    private static Pattern pattern(String template) {
        String path = Arrays.stream(template.split("/")).filter(segment -> !segment.isEmpty())
                .map(segment -> segment.startsWith("{") && segment.endsWith("}") ? "[^/]+" : Pattern.quote(segment))
                .collect(Collectors.joining("/", "/", ""));
        return Pattern.compile(path);
    }
}
