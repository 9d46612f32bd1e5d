package io.s3conn.testbed;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** JDK-only XML helpers: hardened DOM parsing, serialisation and S3 error documents. */
final class S3Xml {

    private static final DocumentBuilderFactory PARSERS = newParserFactory();
    private static final TransformerFactory TRANSFORMERS = TransformerFactory.newInstance();

    private S3Xml() {
    }

    private static DocumentBuilderFactory newParserFactory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        try {
            // Bodies come from clients: no DTDs, no external entities.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        factory.setExpandEntityReferences(false);
        return factory;
    }

    /** Parses XML; throws {@link IllegalArgumentException} when it is not well-formed. */
    static Document parse(byte[] xml) {
        try {
            DocumentBuilder builder;
            synchronized (PARSERS) {
                builder = PARSERS.newDocumentBuilder();
            }
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException("malformed XML: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] serialize(Document document) {
        try {
            Transformer transformer;
            synchronized (TRANSFORMERS) {
                transformer = TRANSFORMERS.newTransformer();
            }
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.INDENT, "no");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Direct child elements of {@code parent} with the given local name, in document order. */
    static List<Element> children(Node parent, String localName) {
        List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                result.add(e);
            }
        }
        return result;
    }

    /** Text of the first direct child element with that name, or null. */
    static String childText(Node parent, String localName) {
        List<Element> found = children(parent, localName);
        return found.isEmpty() ? null : found.getFirst().getTextContent();
    }

    /** An S3 error document such as Amazon S3 sends it. */
    static byte[] error(String code, String message, String resource, String requestId, String... extraNameValues) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>")
                .append(WireText.xmlEscaped(code)).append("</Code><Message>").append(WireText.xmlEscaped(message)).append("</Message>");
        for (int i = 0; i + 1 < extraNameValues.length; i += 2) {
            xml.append('<').append(extraNameValues[i]).append('>').append(WireText.xmlEscaped(extraNameValues[i + 1]))
                    .append("</").append(extraNameValues[i]).append('>');
        }
        if (resource != null) {
            xml.append("<Resource>").append(WireText.xmlEscaped(resource)).append("</Resource>");
        }
        xml.append("<RequestId>").append(WireText.xmlEscaped(requestId)).append("</RequestId></Error>");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

}
