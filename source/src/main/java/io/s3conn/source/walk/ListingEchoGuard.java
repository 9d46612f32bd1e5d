package io.s3conn.source.walk;

import java.io.InputStream;
import java.util.Optional;
import java.util.Set;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Removes the request parameters a listing response echoes ({@code Prefix}, {@code StartAfter},
 * {@code KeyMarker}, {@code NextKeyMarker}, {@code Marker}, {@code NextMarker}, {@code Delimiter}) and its
 * continuation tokens before the SDK reads the document.
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
 *
 * <p>The document is filtered as it arrives ({@link TopLevelElementFilter}), so the SDK parses a page while the
 * server still sends it.
 */
final class ListingEchoGuard implements ExecutionInterceptor {

    /**
     * The echoed request parameters, and the continuation tokens: Ceph RGW's token is the page's last key, raw, so a
     * key holding a character XML 1.0 cannot carry (ESC, most of C0) made the whole page unreadable ({@code &#x1b;})
     * when it ended a page, or was the first key of the one-key listing that checks a bucket. Nothing reads the tokens.
     */
    static final Set<String> ECHOED = Set.of("Prefix", "StartAfter", "KeyMarker", "NextKeyMarker", "Marker",
            "NextMarker", "Delimiter", "ContinuationToken", "NextContinuationToken");

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        return Listings.filteredBody(context, ListingEchoGuard::strip);
    }

    /** The document without its echoed parameters, as it arrives. */
    static InputStream strip(InputStream document) {
        return new TopLevelElementFilter(document, ECHOED);
    }
}
