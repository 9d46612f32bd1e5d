package io.s3conn.testbed;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Fakes two things Ceph RGW (16.2) does with listing markers that Amazon S3 and S3Proxy do not
 * (see issue 12), so that clients can be tested against them without an RGW:
 * <ul>
 *   <li>with {@code encoding-type=url}, {@code Prefix}, {@code StartAfter}, {@code KeyMarker},
 *       {@code NextKeyMarker}, {@code Marker} and {@code NextMarker} are echoed unencoded, while
 *       {@code Key} stays encoded;</li>
 *   <li>ListObjectVersions with a {@code key-marker} but no {@code version-id-marker} starts at the
 *       marker key instead of after it. The marker key's entries are taken from the last listing of
 *       that key that passed through (good enough for tests, which do not change a key in between).</li>
 * </ul>
 */
final class RgwListingMarkers {

    private static final List<String> ECHOES = List.of("Prefix", "StartAfter", "KeyMarker", "NextKeyMarker",
            "Marker", "NextMarker");

    /** The latest listed entries of each (bucket, key), as detached elements. */
    private final Map<String, List<Element>> entriesByKey = new ConcurrentHashMap<>();

    /** Rewrites a listing as RGW would have answered it. */
    byte[] rewrite(byte[] xml, S3Request request, S3Operation operation) {
        Document doc = S3Xml.parse(xml);
        Element root = doc.getDocumentElement();
        boolean urlEncoded = "url".equalsIgnoreCase(S3Xml.childText(root, "EncodingType"));
        List<Element> entries = new ArrayList<>(S3Xml.children(root, "Contents"));
        entries.addAll(S3Xml.children(root, "Version"));
        entries.addAll(S3Xml.children(root, "DeleteMarker"));
        if (operation == S3Operation.LIST_OBJECT_VERSIONS) {
            remember(request.bucket(), entries, urlEncoded);
            String keyMarker = request.query().get("key-marker");
            if (keyMarker != null && !keyMarker.isEmpty() && !request.query().containsKey("version-id-marker")) {
                includeMarkerKey(doc, root, request.bucket(), keyMarker);
            }
        }
        for (String name : ECHOES) {
            for (Element echo : S3Xml.children(root, name)) {
                echo.setTextContent(decode(echo.getTextContent(), urlEncoded));
            }
        }
        return S3Xml.serialize(doc);
    }

    private void remember(String bucket, List<Element> entries, boolean urlEncoded) {
        Map<String, List<Element>> listed = new java.util.LinkedHashMap<>();
        for (Element entry : entries) {
            String key = decode(S3Xml.childText(entry, "Key"), urlEncoded);
            listed.computeIfAbsent(bucket + "/" + key, k -> new ArrayList<>()).add((Element) entry.cloneNode(true));
        }
        entriesByKey.putAll(listed);
    }

    private void includeMarkerKey(Document doc, Element root, String bucket, String keyMarker) {
        List<Element> cached = entriesByKey.getOrDefault(bucket + "/" + keyMarker, List.of());
        Optional<Node> first = firstEntry(root);
        for (Element entry : cached) {
            Node copy = doc.importNode(entry, true);
            if (first.isPresent()) {
                root.insertBefore(copy, first.get());
            } else {
                root.appendChild(copy);
            }
        }
    }

    private static Optional<Node> firstEntry(Element root) {
        for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element
                    && (element.getLocalName().equals("Version") || element.getLocalName().equals("DeleteMarker"))) {
                return Optional.of(child);
            }
        }
        return Optional.empty();
    }

    private static String decode(String text, boolean urlEncoded) {
        // URLDecoder handles both S3's '+' for space and S3Proxy's %20.
        return urlEncoded && text != null ? URLDecoder.decode(text, StandardCharsets.UTF_8) : text;
    }
}
