package io.s3conn.source.walk;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Reads the versions and delete markers of a ListObjectVersions response as the document arrives, in the
 * document's order, and strips its echoed request parameters ({@link ListingEchoGuard}), in one pass.
 *
 * <p>Each entry plain enough to be read from its bytes ({@link VersionElement}) is taken out of the document, so
 * the SDK parses only what is left (the few elements around the entries); that parse was most of a version
 * sync's CPU. An entry that is not plain is left to the SDK, and its place in the document is noted instead, so
 * that it sorts as the document had it.
 *
 * <p>Why the order matters: S3 lists a key's versions and delete markers interleaved, newest first. The SDK hands
 * them over as two separate lists, and LastModified has whole seconds only, so a put, a delete and a put within
 * one second could not be put back in order without the document's own order.
 *
 * <p>The entries are known once the SDK has read the response, which it has by the time it returns it. One
 * instance serves one request; a retried attempt's document is read again from its start.
 */
final class VersionDocument implements ExecutionInterceptor {

    /** An entry where the document had it: read here, or left to the SDK (its key and version id, as written). */
    private record Noted(Optional<VersionElement> read, String escapedKey, String escapedVersionId) {
    }

    private final List<Noted> noted = new ArrayList<>();
    private final Map<String, Integer> order = new HashMap<>();
    private int indexed;
    private boolean urlEncoded;

    /** The entries read from the document, with their places in it; keys decoded. */
    synchronized List<Indexed> read() {
        List<Indexed> read = new ArrayList<>(noted.size());
        for (int i = 0; i < noted.size(); i++) {
            Optional<VersionElement> element = noted.get(i).read();
            if (element.isPresent()) {
                // EncodingType may come after the entries, so keys are decoded only once the document was read.
                VersionElement entry = urlEncoded ? element.get().withKey(SdkHttpUtils.urlDecode(element.get().version().key()))
                        : element.get();
                read.add(new Indexed(entry, i));
            }
        }
        return read;
    }

    /** An entry read from the document and its index in it. */
    record Indexed(VersionElement element, int index) {
    }

    /** The index in the document of an entry the SDK read; entries not seen sort last. */
    synchronized int indexOf(ObjectVersion version) {
        for (; indexed < noted.size(); indexed++) {
            Noted entry = noted.get(indexed);
            if (entry.read().isEmpty()) {
                String key = XmlText.unescape(entry.escapedKey());
                order.put(id(XmlText.unescape(entry.escapedVersionId()), urlEncoded ? SdkHttpUtils.urlDecode(key) : key),
                        indexed);
            }
        }
        return order.getOrDefault(id(version.versionId().orElse(""), version.key()), Integer.MAX_VALUE);
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        return Listings.filteredBody(context, body -> {
            forget(); // a retried request's document is read again from its start
            return new TopLevelElementFilter(body, ListingEchoGuard.ECHOED, this::element);
        });
    }

    private synchronized void forget() {
        noted.clear();
        order.clear();
        indexed = 0;
        urlEncoded = false;
    }

    private synchronized boolean element(String name, byte[] document, int from, int to) {
        switch (name) {
            case "Version", "DeleteMarker" -> {
                Optional<VersionElement> read = VersionElement.read(name.equals("DeleteMarker"), document, from, to);
                noted.add(read.isPresent() ? new Noted(read, "", "") : new Noted(read,
                        XmlText.child(document, from, to, "Key").orElse(""),
                        XmlText.child(document, from, to, "VersionId").orElse("")));
                return read.isPresent();
            }
            case "EncodingType" -> {
                urlEncoded = XmlText.child(document, from, to, "EncodingType").filter("url"::equals).isPresent();
                return false;
            }
            default -> {
                return false; // other elements say nothing of the entries
            }
        }
    }

    private static String id(String versionId, String key) {
        return versionId + '\u0000' + key;
    }
}
