package io.s3conn.source.walk;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Removes the request parameters a listing response echoes ({@code Prefix}, {@code StartAfter},
 * {@code KeyMarker}, {@code NextKeyMarker}, {@code Marker}, {@code NextMarker}, {@code Delimiter})
 * before the SDK reads the document.
 *
 * <p>Why: with {@code encoding-type=url} the SDK's {@code DecodeUrlEncodedResponseInterceptor}
 * URL-decodes these fields, but Ceph RGW sends them unencoded while it encodes {@code Key}. Decoding
 * an unencoded value turns {@code +} into a space and {@code %41} into {@code A}, and a {@code %} not
 * followed by two hex digits makes the SDK throw {@code IllegalArgumentException: URLDecoder} for the
 * whole response. The walks never read these echoes (their markers come from the last entry's
 * {@code Key}), so removing them costs nothing and makes every byte of a prefix or marker safe.
 * Keys themselves stay URL-encoded on the wire, which is what lets keys with control characters
 * (not representable in XML 1.0) be listed at all; every server encodes {@code Key}.
 *
 * <p>Only top-level elements are touched: the {@code Prefix} inside each {@code CommonPrefixes} entry of a
 * delimiter listing is a folder's name, encoded like {@code Key} by every server, and is kept.
 */
final class ListingEchoGuard implements ExecutionInterceptor {

    /** An echoed parameter, or a CommonPrefixes entry, whose {@code Prefix} is a folder's name and stays. */
    private static final Pattern ECHOES = Pattern.compile(
            "(<CommonPrefixes>.*?</CommonPrefixes>)"
                    + "|<(Prefix|StartAfter|KeyMarker|NextKeyMarker|Marker|NextMarker|Delimiter)(?:\\s*/>|>[^<]*</\\2>)",
            Pattern.DOTALL);

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        Optional<byte[]> body = Listings.successfulBody(context);
        if (body.isEmpty()) {
            return context.responseBody();
        }
        return Optional.of(new ByteArrayInputStream(strip(body.get())));
    }

    /** The document without its echoed parameters. */
    static byte[] strip(byte[] document) {
        String xml = new String(document, StandardCharsets.UTF_8);
        String stripped = ECHOES.matcher(xml).replaceAll(match -> match.group(1) != null
                ? java.util.regex.Matcher.quoteReplacement(match.group(1)) : "");
        return stripped.length() == xml.length() ? document : stripped.getBytes(StandardCharsets.UTF_8);
    }
}
