package io.s3conn.source.walk;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * <p>Only top-level elements are touched: without a delimiter, listings carry no {@code CommonPrefixes}.
 */
final class ListingEchoGuard implements ExecutionInterceptor {

    private static final Pattern ECHOES = Pattern.compile(
            "<(Prefix|StartAfter|KeyMarker|NextKeyMarker|Marker|NextMarker|Delimiter)(?:\\s*/>|>[^<]*</\\1>)");

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        Optional<InputStream> body = context.responseBody();
        if (body.isEmpty() || !context.httpResponse().isSuccessful()) {
            return body;
        }
        byte[] bytes;
        try {
            bytes = body.get().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(new ByteArrayInputStream(strip(bytes)));
    }

    /** The document without its echoed parameters. */
    static byte[] strip(byte[] document) {
        String xml = new String(document, StandardCharsets.UTF_8);
        String stripped = ECHOES.matcher(xml).replaceAll("");
        return stripped.length() == xml.length() ? document : stripped.getBytes(StandardCharsets.UTF_8);
    }
}
