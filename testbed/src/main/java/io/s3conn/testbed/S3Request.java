package io.s3conn.testbed;

import com.sun.net.httpserver.Headers;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A path-style S3 request as received by the emulator: method, raw target, decoded bucket and key,
 * query parameters, headers and the fully read body.
 */
record S3Request(String method, String rawTarget, String bucket, String key, Map<String, String> query,
                 Headers headers, byte[] body) {

    /** Query parameters that only shape a ListObjects (v1) listing. */
    private static final Set<String> LIST_V1_PARAMS = Set.of("prefix", "delimiter", "marker", "max-keys",
            "encoding-type");
    /** Object sub-resources that make a GET/PUT/DELETE on a key something else than the plain operation. */
    private static final Set<String> OBJECT_SUBRESOURCES = Set.of("acl", "tagging", "uploadId", "uploads",
            "attributes", "legal-hold", "retention", "torrent", "restore", "select", "partNumber");

    static S3Request of(String method, URI uri, Headers headers, byte[] body) {
        String rawPath = uri.getRawPath() == null ? "/" : uri.getRawPath();
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        int slash = path.indexOf('/');
        String bucket = WireText.decodePath(slash < 0 ? path : path.substring(0, slash));
        String key = slash < 0 || slash == path.length() - 1 ? null : WireText.decodePath(path.substring(slash + 1));
        // The original target goes upstream unchanged: the signature covers its exact encoding.
        return new S3Request(method, uri.toString(), bucket.isEmpty() ? null : bucket, key,
                parseQuery(uri.getRawQuery()), headers, body);
    }

    S3Operation operation() {
        if (bucket == null) {
            return S3Operation.OTHER;
        }
        if (key == null) {
            return switch (method) {
                case "GET" -> {
                    if ("2".equals(query.get("list-type"))) {
                        yield S3Operation.LIST_OBJECTS_V2;
                    }
                    if (query.containsKey("versions")) {
                        yield S3Operation.LIST_OBJECT_VERSIONS;
                    }
                    yield LIST_V1_PARAMS.containsAll(query.keySet()) ? S3Operation.LIST_OBJECTS : S3Operation.OTHER;
                }
                case "POST" -> query.containsKey("delete") ? S3Operation.DELETE_OBJECTS : S3Operation.OTHER;
                default -> S3Operation.OTHER;
            };
        }
        if (method.equals("POST") && query.containsKey("restore")) {
            return S3Operation.RESTORE_OBJECT;
        }
        if (query.keySet().stream().anyMatch(OBJECT_SUBRESOURCES::contains)) {
            return S3Operation.OTHER;
        }
        return switch (method) {
            case "HEAD" -> S3Operation.HEAD_OBJECT;
            case "GET" -> S3Operation.GET_OBJECT;
            case "PUT" -> headers.containsKey("x-amz-copy-source") ? S3Operation.COPY_OBJECT : S3Operation.PUT_OBJECT;
            case "DELETE" -> S3Operation.DELETE_OBJECT;
            default -> S3Operation.OTHER;
        };
    }

    String header(String name) {
        return headers.getFirst(name);
    }

    /** The resource named in S3 error documents. */
    String resource() {
        return "/" + (bucket == null ? "" : bucket) + (key == null ? "" : "/" + key);
    }

    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.put(name, value);
        }
        return query;
    }

}
