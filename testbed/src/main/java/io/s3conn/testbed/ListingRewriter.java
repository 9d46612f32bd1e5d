package io.s3conn.testbed;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.BiFunction;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Rewrites S3Proxy's listing XML (ListObjectsV2, ListObjects, ListObjectVersions): storage classes
 * from the registry and, on request, {@code RestoreStatus} elements exactly where Amazon S3 puts them.
 */
final class ListingRewriter {

    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ISO_INSTANT;

    private ListingRewriter() {
    }

    /**
     * @param xml               the listing as S3Proxy sent it
     * @param bucket            the listed bucket
     * @param addRestoreStatus  whether the client asked for {@code RestoreStatus}
     * @param lookup            (bucket, key) to the emulated state, empty for objects the emulator never saw
     */
    static byte[] rewrite(byte[] xml, String bucket, boolean addRestoreStatus,
                          BiFunction<String, String, Optional<ArchiveRegistry.ObjectView>> lookup) {
        Document doc = S3Xml.parse(xml);
        Element root = doc.getDocumentElement();
        // Keys are URL-encoded in the XML when the client asked for encoding-type=url; the response says so.
        boolean urlEncoded = "url".equalsIgnoreCase(S3Xml.childText(root, "EncodingType"));
        for (Element entry : S3Xml.children(root, "Contents")) {
            rewriteEntry(doc, entry, bucket, urlEncoded, addRestoreStatus, lookup);
        }
        for (Element version : S3Xml.children(root, "Version")) {
            // The registry knows the current version only; older versions keep what S3Proxy says.
            if ("true".equals(S3Xml.childText(version, "IsLatest"))) {
                rewriteEntry(doc, version, bucket, urlEncoded, addRestoreStatus, lookup);
            }
        }
        return S3Xml.serialize(doc);
    }

    private static void rewriteEntry(Document doc, Element entry, String bucket, boolean urlEncoded,
                                     boolean addRestoreStatus,
                                     BiFunction<String, String, Optional<ArchiveRegistry.ObjectView>> lookup) {
        String key = S3Xml.childText(entry, "Key");
        if (key == null) {
            return;
        }
        if (urlEncoded) {
            // URLDecoder handles both S3's '+' for space and S3Proxy's %20.
            key = URLDecoder.decode(key, StandardCharsets.UTF_8);
        }
        Optional<ArchiveRegistry.ObjectView> state = lookup.apply(bucket, key);
        if (state.isEmpty()) {
            return;
        }
        ArchiveRegistry.ObjectView view = state.get();
        var storageClass = S3Xml.children(entry, "StorageClass");
        if (storageClass.isEmpty()) {
            entry.appendChild(element(doc, entry, "StorageClass", view.storageClass()));
        } else {
            storageClass.getFirst().setTextContent(view.storageClass());
        }
        if (addRestoreStatus && view.hasRestoreHistory()) {
            Element restore = element(doc, entry, "RestoreStatus", null);
            restore.appendChild(element(doc, entry, "IsRestoreInProgress", Boolean.toString(view.restoreOngoing())));
            if (view.restored() && view.restoreExpiry() != null) {
                restore.appendChild(element(doc, entry, "RestoreExpiryDate", iso(view.restoreExpiry())));
            }
            entry.appendChild(restore);
        }
    }

    private static Element element(Document doc, Element sibling, String name, String text) {
        // Same namespace as the listing's elements, so no xmlns attribute is written.
        Element e = doc.createElementNS(sibling.getNamespaceURI(), name);
        if (text != null) {
            e.setTextContent(text);
        }
        return e;
    }

    static String iso(Instant instant) {
        return ISO_SECONDS.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
