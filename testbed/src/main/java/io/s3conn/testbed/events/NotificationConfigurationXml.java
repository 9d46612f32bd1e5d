package io.s3conn.testbed.events;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import io.s3conn.testbed.WireText;

/**
 * The XML of PutBucketNotificationConfiguration / GetBucketNotificationConfiguration, for the queue
 * configurations only (topic and Lambda destinations and EventBridge are not emulated).
 */
final class NotificationConfigurationXml {

    private static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

    private NotificationConfigurationXml() {
    }

    /**
     * The queue configurations of a request body.
     *
     * @throws IllegalArgumentException when the body is not such a document
     */
    static List<QueueConfiguration> parse(byte[] body) {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("not a notification configuration: " + e.getMessage(), e);
        }
        Element root = document.getDocumentElement();
        if (!"NotificationConfiguration".equals(root.getLocalName())) {
            throw new IllegalArgumentException("root element must be NotificationConfiguration");
        }
        List<QueueConfiguration> queues = new ArrayList<>();
        for (Element queue : children(root, "QueueConfiguration")) {
            String arn = text(queue, "Queue").orElseThrow(() -> new IllegalArgumentException("a QueueConfiguration needs a Queue"));
            List<String> events = children(queue, "Event").stream().map(e -> e.getTextContent().trim()).toList();
            if (events.isEmpty()) {
                throw new IllegalArgumentException("a QueueConfiguration needs at least one Event");
            }
            Optional<String> prefix = Optional.empty();
            Optional<String> suffix = Optional.empty();
            for (Element filter : children(queue, "Filter")) {
                for (Element s3Key : children(filter, "S3Key")) {
                    for (Element rule : children(s3Key, "FilterRule")) {
                        String name = text(rule, "Name").orElse("");
                        Optional<String> value = Optional.of(text(rule, "Value").orElse(""));
                        switch (name.toLowerCase(java.util.Locale.ROOT)) {
                            case "prefix" -> prefix = value;
                            case "suffix" -> suffix = value;
                            default -> throw new IllegalArgumentException("unknown filter rule name " + name);
                        }
                    }
                }
            }
            queues.add(new QueueConfiguration(text(queue, "Id").orElse(UUID.randomUUID().toString()), arn, events,
                    prefix, suffix));
        }
        return queues;
    }

    /** The document GetBucketNotificationConfiguration answers. */
    static String render(List<QueueConfiguration> queues) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<NotificationConfiguration xmlns=\"")
                .append(NAMESPACE).append("\">");
        for (QueueConfiguration queue : queues) {
            xml.append("<QueueConfiguration><Id>").append(WireText.xmlEscaped(queue.id())).append("</Id><Queue>")
                    .append(WireText.xmlEscaped(queue.queueArn())).append("</Queue>");
            queue.events().forEach(e -> xml.append("<Event>").append(WireText.xmlEscaped(e)).append("</Event>"));
            if (queue.prefix().isPresent() || queue.suffix().isPresent()) {
                xml.append("<Filter><S3Key>");
                queue.prefix().ifPresent(p -> xml.append("<FilterRule><Name>prefix</Name><Value>").append(WireText.xmlEscaped(p))
                        .append("</Value></FilterRule>"));
                queue.suffix().ifPresent(s -> xml.append("<FilterRule><Name>suffix</Name><Value>").append(WireText.xmlEscaped(s))
                        .append("</Value></FilterRule>"));
                xml.append("</S3Key></Filter>");
            }
            xml.append("</QueueConfiguration>");
        }
        return xml.append("</NotificationConfiguration>").toString();
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static Optional<String> text(Element parent, String localName) {
        return children(parent, localName).stream().findFirst().map(e -> e.getTextContent().trim());
    }
}
