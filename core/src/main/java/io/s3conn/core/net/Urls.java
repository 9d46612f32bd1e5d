package io.s3conn.core.net;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * URLs as messages may show them. An endpoint or queue URL can carry credentials as user info
 * ({@code http://user:secret@host/}); every message or log line that names such a URL shows it through
 * {@link #withoutUserInfo(String)}, so the secret never reaches a terminal, a log or an API answer.
 */
public final class Urls {

    private Urls() {
    }

    /**
     * {@code url} without its user info: {@code http://user:secret@host:9000/} becomes {@code http://host:9000/}.
     * Works on text that is not a valid URL too (that is when an error quotes it): everything after the scheme up
     * to the last {@code @} goes, since a secret may hold characters ({@code /}, {@code @}) that end the user info
     * of a well-formed URL early; an {@code @} in a path (not seen in endpoint or queue URLs) shortens the URL shown.
     */
    public static String withoutUserInfo(String url) {
        int at = url.lastIndexOf('@');
        if (at < 0) {
            return url;
        }
        int scheme = url.indexOf("://");
        int start = scheme >= 0 && scheme < at ? scheme + "://".length() : 0;
        return url.substring(0, start) + url.substring(at + 1);
    }

    /**
     * {@code url} as a refusal may quote it: without user info ({@link #withoutUserInfo}), and with its query and
     * fragment, if any, shown as {@code ?…}: a URL refused for having one ({@link #http}) may hold a token there.
     */
    public static String shown(String url) {
        String shown = withoutUserInfo(url);
        int query = shown.indexOf('?');
        int fragment = shown.indexOf('#');
        int cut = query < 0 ? fragment : fragment < 0 ? query : Math.min(query, fragment);
        return cut < 0 ? shown : shown.substring(0, cut) + "?…";
    }

    /**
     * {@code uri} as an http or https endpoint URL with a host, its scheme in lower case; empty when it is not one.
     * Schemes are case-insensitive (RFC 3986, 3.1), so {@code HTTP://host:9000} is accepted, and written
     * {@code http://} once, here, for the SDK and everything after it that compares schemes. A query or a fragment
     * makes no endpoint (no S3 endpoint or SQS queue URL has one, and requests would not carry it), and is refused
     * rather than shown in messages: it is where a copied URL would hold a token. Nor does a port outside 1 to 65535,
     * which the HTTP client would refuse only once a request is sent, as no connection failure.
     */
    public static Optional<URI> http(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || !hasValidPort(uri)) {
            return Optional.empty();
        }
        String lower = scheme.toLowerCase(Locale.ROOT);
        if (!lower.equals("http") && !lower.equals("https")) {
            return Optional.empty();
        }
        // Only the scheme changes: the rest, user info and escapes included, stays as it was written.
        return Optional.of(lower.equals(scheme) ? uri : URI.create(lower + uri.toString().substring(scheme.length())));
    }

    /** Whether {@code uri} names no port (the scheme's default) or one from 1 to 65535. */
    public static boolean hasValidPort(URI uri) {
        return uri.getPort() == -1 || (uri.getPort() >= 1 && uri.getPort() <= 65535);
    }
}
