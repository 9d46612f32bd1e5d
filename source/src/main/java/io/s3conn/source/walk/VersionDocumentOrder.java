package io.s3conn.source.walk;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

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
 */
final class VersionDocumentOrder implements ExecutionInterceptor {

    private final Map<String, Integer> order = new ConcurrentHashMap<>();

    /** The entry's index in the response (one instance per request); entries not seen sort last. */
    int indexOf(ObjectVersion version) {
        return order.getOrDefault(id(version.versionId().orElse(""), version.key()), Integer.MAX_VALUE);
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        return Listings.rewrittenBody(context, bytes -> {
            try {
                index(bytes);
            } catch (XMLStreamException e) {
                // The SDK's own parser reports a broken document; the order then falls back to LastModified.
            }
            return bytes;
        });
    }

    private void index(byte[] document) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XMLStreamReader xml = factory.createXMLStreamReader(new ByteArrayInputStream(document));
        boolean urlEncoded = false;
        int index = 0;
        int depth = 0;
        boolean inEntry = false;
        String key = null;
        String versionId = null;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                String name = xml.getLocalName();
                if (depth == 2 && (name.equals("Version") || name.equals("DeleteMarker"))) {
                    inEntry = true;
                    key = null;
                    versionId = null;
                } else if (depth == 2 && name.equals("EncodingType")) {
                    urlEncoded = "url".equals(xml.getElementText());
                    depth--;
                } else if (inEntry && depth == 3 && name.equals("Key")) {
                    key = xml.getElementText();
                    depth--;
                } else if (inEntry && depth == 3 && name.equals("VersionId")) {
                    versionId = xml.getElementText();
                    depth--;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (depth == 2 && inEntry) {
                    String decoded = key == null ? "" : urlEncoded ? SdkHttpUtils.urlDecode(key) : key;
                    order.put(id(versionId == null ? "" : versionId, decoded), index++);
                    inEntry = false;
                }
                depth--;
            }
        }
    }

    private static String id(String versionId, String key) {
        return versionId + '\u0000' + key;
    }
}
