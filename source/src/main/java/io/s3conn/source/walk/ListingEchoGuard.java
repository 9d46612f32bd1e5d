package io.s3conn.source.walk;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

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
 *
 * <p>The document is searched with {@code indexOf} rather than a regular expression: a page of 1,000 keys is
 * some 300 KB, and trying an alternation at each of its characters took about a sixth of a listing's CPU.
 */
final class ListingEchoGuard implements ExecutionInterceptor {

    /** The echoed request parameters. */
    private static final String[] ECHOED = {"Prefix", "StartAfter", "KeyMarker", "NextKeyMarker", "Marker", "NextMarker",
            "Delimiter"};
    private static final String FOLDER_OPEN = "<CommonPrefixes>";
    private static final String FOLDER_CLOSE = "</CommonPrefixes>";

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        return Listings.rewrittenBody(context, ListingEchoGuard::strip);
    }

    /** The document without its echoed parameters. */
    static byte[] strip(byte[] document) {
        String xml = new String(document, StandardCharsets.UTF_8);
        List<int[]> folders = spans(xml);
        List<int[]> cuts = new ArrayList<>();
        for (String name : ECHOED) {
            for (int from = xml.indexOf("<" + name); from >= 0; from = xml.indexOf("<" + name, from + 1)) {
                int end = elementEnd(xml, from, name);
                if (end > 0 && !inside(folders, from)) {
                    cuts.add(new int[] {from, end});
                }
            }
        }
        if (cuts.isEmpty()) {
            return document;
        }
        cuts.sort(Comparator.comparingInt(cut -> cut[0]));
        StringBuilder stripped = new StringBuilder(xml.length());
        int kept = 0;
        for (int[] cut : cuts) {
            stripped.append(xml, kept, cut[0]);
            kept = cut[1];
        }
        stripped.append(xml, kept, xml.length());
        return stripped.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Where the element {@code name} that starts at {@code from} ends: {@code <name/>}, {@code <name />} or
     * {@code <name>text</name>}; -1 where {@code from} starts another element ({@code <PrefixFoo>}) or one with
     * children.
     */
    private static int elementEnd(String xml, int from, String name) {
        int at = from + 1 + name.length();
        while (at < xml.length() && Character.isWhitespace(xml.charAt(at))) {
            at++;
        }
        if (xml.startsWith("/>", at)) {
            return at + 2;
        }
        if (at != from + 1 + name.length() || !xml.startsWith(">", at)) {
            return -1;
        }
        int close = xml.indexOf('<', at + 1);
        String closing = "</" + name + ">";
        return close >= 0 && xml.startsWith(closing, close) ? close + closing.length() : -1;
    }

    /** The spans of the {@code CommonPrefixes} entries, in document order. */
    private static List<int[]> spans(String xml) {
        List<int[]> spans = new ArrayList<>();
        for (int open = xml.indexOf(FOLDER_OPEN); open >= 0; open = xml.indexOf(FOLDER_OPEN, open + 1)) {
            int close = xml.indexOf(FOLDER_CLOSE, open);
            spans.add(new int[] {open, close < 0 ? xml.length() : close});
        }
        return spans;
    }

    private static boolean inside(List<int[]> spans, int at) {
        int low = 0;
        int high = spans.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int[] span = spans.get(middle);
            if (at < span[0]) {
                high = middle - 1;
            } else if (at >= span[1]) {
                low = middle + 1;
            } else {
                return true;
            }
        }
        return false;
    }
}
