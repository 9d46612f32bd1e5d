package io.s3conn.testbed.synthetic;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import io.s3conn.testbed.WireText;

/**
 * The XML bodies of a synthetic bucket's answers, written directly (a page is produced per request, so
 * no DOM). Keys are URL-encoded when the client asked for {@code encoding-type=url}, otherwise escaped.
 */
final class SyntheticXml {

    private static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ISO_INSTANT;

    private SyntheticXml() {
    }

    /** Writes the requested encoding of keys and prefixes. */
    record Encoding(boolean url) {
        String apply(String value) {
            return url ? URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20") : WireText.xmlEscaped(value);
        }
    }

    static byte[] listObjectsV2(SyntheticBucket bucket, SyntheticBucket.Page page, String prefix,
                                Optional<String> delimiter, Optional<String> startAfter,
                                Optional<String> continuationToken, Optional<String> nextToken, int maxKeys,
                                Encoding encoding) {
        StringBuilder xml = header("ListBucketResult");
        element(xml, "Name", WireText.xmlEscaped(bucket.name()));
        element(xml, "Prefix", encoding.apply(prefix));
        startAfter.ifPresent(s -> element(xml, "StartAfter", encoding.apply(s)));
        continuationToken.ifPresent(t -> element(xml, "ContinuationToken", WireText.xmlEscaped(t)));
        nextToken.ifPresent(t -> element(xml, "NextContinuationToken", WireText.xmlEscaped(t)));
        element(xml, "KeyCount", Integer.toString(page.contents().size() + page.commonPrefixes().size()));
        pageBounds(xml, page, maxKeys, delimiter, encoding);
        for (SyntheticBucket.Entry entry : page.contents()) {
            xml.append("<Contents>");
            element(xml, "Key", encoding.apply(entry.key()));
            attributes(xml, bucket, entry.index());
            xml.append("</Contents>");
        }
        commonPrefixes(xml, page, encoding);
        return footer(xml, "ListBucketResult");
    }

    static byte[] listObjectVersions(SyntheticBucket bucket, SyntheticBucket.Page page, String prefix,
                                     Optional<String> delimiter, Optional<String> keyMarker,
                                     Optional<String> versionIdMarker, int maxKeys, Encoding encoding) {
        StringBuilder xml = header("ListVersionsResult");
        element(xml, "Name", WireText.xmlEscaped(bucket.name()));
        element(xml, "Prefix", encoding.apply(prefix));
        element(xml, "KeyMarker", encoding.apply(keyMarker.orElse("")));
        element(xml, "VersionIdMarker", WireText.xmlEscaped(versionIdMarker.orElse("")));
        if (page.truncated() && page.lastItem().isPresent()) {
            String last = page.lastItem().get();
            element(xml, "NextKeyMarker", encoding.apply(last));
            bucket.indexOf(last).ifPresent(i -> element(xml, "NextVersionIdMarker", bucket.versionId(i)));
        }
        pageBounds(xml, page, maxKeys, delimiter, encoding);
        for (SyntheticBucket.Entry entry : page.contents()) {
            xml.append("<Version>");
            element(xml, "Key", encoding.apply(entry.key()));
            element(xml, "VersionId", bucket.versionId(entry.index()));
            element(xml, "IsLatest", "true");
            attributes(xml, bucket, entry.index());
            xml.append("</Version>");
        }
        commonPrefixes(xml, page, encoding);
        return footer(xml, "ListVersionsResult");
    }

    static byte[] error(String code, String message, String resource, String requestId) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>");
        element(xml, "Code", WireText.xmlEscaped(code));
        element(xml, "Message", WireText.xmlEscaped(message));
        element(xml, "Resource", WireText.xmlEscaped(resource));
        element(xml, "RequestId", WireText.xmlEscaped(requestId));
        return footer(xml, "Error");
    }

    /** What both listings say of a page before its entries: its size limit, delimiter, key encoding, whether more follow. */
    private static void pageBounds(StringBuilder xml, SyntheticBucket.Page page, int maxKeys, Optional<String> delimiter,
                                   Encoding encoding) {
        element(xml, "MaxKeys", Integer.toString(maxKeys));
        delimiter.ifPresent(d -> element(xml, "Delimiter", encoding.apply(d)));
        if (encoding.url()) {
            element(xml, "EncodingType", "url");
        }
        element(xml, "IsTruncated", Boolean.toString(page.truncated()));
    }

    private static void attributes(StringBuilder xml, SyntheticBucket bucket, long index) {
        element(xml, "LastModified", ISO_MILLIS.format(bucket.lastModified(index)));
        element(xml, "ETag", WireText.xmlEscaped(bucket.eTag(index)));
        element(xml, "Size", Long.toString(bucket.size(index)));
        element(xml, "StorageClass", "STANDARD");
    }

    private static void commonPrefixes(StringBuilder xml, SyntheticBucket.Page page, Encoding encoding) {
        for (String prefix : page.commonPrefixes()) {
            xml.append("<CommonPrefixes>");
            element(xml, "Prefix", encoding.apply(prefix));
            xml.append("</CommonPrefixes>");
        }
    }

    private static StringBuilder header(String root) {
        return new StringBuilder(64 * 1024).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(root)
                .append(" xmlns=\"").append(NAMESPACE).append("\">");
    }

    private static byte[] footer(StringBuilder xml, String root) {
        return xml.append("</").append(root).append('>').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Appends an element whose content is already escaped or encoded. */
    private static void element(StringBuilder xml, String name, String content) {
        xml.append('<').append(name).append('>').append(content).append("</").append(name).append('>');
    }

}
