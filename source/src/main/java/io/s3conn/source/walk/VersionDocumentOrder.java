package io.s3conn.source.walk;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Remembers where each version and delete marker stood in a ListObjectVersions response.
 *
 * <p>S3 lists a key's versions and delete markers interleaved, newest first. The SDK hands them over
 * as two separate lists, and LastModified has whole seconds only, so a put, a delete and a put within
 * one second could not be put back in order without the document's own order.
 *
 * <p>The entries are noted as the SDK reads the document ({@link TopLevelElementFilter}): no copy of the
 * page and no second parse. The order is known once the SDK has read the response, which it has by the
 * time it returns it.
 */
final class VersionDocumentOrder implements ExecutionInterceptor {

    /** Key and version id of each entry, as the document has them (escaped, and URL-encoded if it says so). */
    private final List<String[]> entries = new ArrayList<>();
    private final Map<String, Integer> order = new HashMap<>();
    private int indexed;
    private boolean urlEncoded;

    /** The entry's index in the response (one instance per request); entries not seen sort last. */
    synchronized int indexOf(ObjectVersion version) {
        // EncodingType may come after the entries, so keys are decoded only once the document was read.
        for (; indexed < entries.size(); indexed++) {
            String key = XmlText.unescape(entries.get(indexed)[0]);
            order.put(id(XmlText.unescape(entries.get(indexed)[1]), urlEncoded ? SdkHttpUtils.urlDecode(key) : key), indexed);
        }
        return order.getOrDefault(id(version.versionId().orElse(""), version.key()), Integer.MAX_VALUE);
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        return Listings.filteredBody(context, body -> {
            forget(); // a retried request's document is read again from its start
            return new TopLevelElementFilter(body, Set.of(), this::element);
        });
    }

    private synchronized void forget() {
        entries.clear();
        order.clear();
        indexed = 0;
        urlEncoded = false;
    }

    private synchronized void element(String name, byte[] document, int from, int to) {
        switch (name) {
            case "Version", "DeleteMarker" -> entries.add(new String[] {
                    XmlText.child(document, from, to, "Key").orElse(""),
                    XmlText.child(document, from, to, "VersionId").orElse("")});
            case "EncodingType" -> urlEncoded = XmlText.child(document, from, to, "EncodingType")
                    .filter("url"::equals).isPresent();
            default -> {
                // Other elements say nothing of the order.
            }
        }
    }

    private static String id(String versionId, String key) {
        return versionId + '\u0000' + key;
    }
}
