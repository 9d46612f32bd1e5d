package io.s3conn.source.change.sqs;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.s3conn.core.json.Json;
import io.s3conn.core.json.JsonErrors;
import software.amazon.awssdk.eventnotifications.s3.model.GlacierEventData;
import software.amazon.awssdk.eventnotifications.s3.model.RestoreEventData;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotification;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotificationRecord;
import software.amazon.awssdk.eventnotifications.s3.model.S3Object;

/**
 * Reads the body of a queue message in the shapes S3 changes arrive in: S3's own notification
 * ({@code {"Records":[...]}}, read with the SDK's parser; keys URL-encoded with spaces as {@code +}),
 * the {@code s3:TestEvent}, an EventBridge event routed to SQS ({@code "source":"aws.s3"}, keys as they
 * are), and either of the first two wrapped in an SNS notification.
 */
final class NotificationMessages {

    private NotificationMessages() {
    }

    /** The events of {@code body}; never throws. */
    public static NotificationMessage parse(String body) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            // In plain words that quote nothing of the body: Jackson's own message quotes the token it found.
            return new NotificationMessage.Malformed("not JSON: " + JsonErrors.describe(e));
        } catch (RuntimeException e) {
            return new NotificationMessage.Malformed("not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            return new NotificationMessage.Malformed("not a JSON object");
        }
        try {
            if (root.has("Records")) {
                return s3Notification(body);
            }
            if ("s3:TestEvent".equals(root.path("Event").asText())) {
                return new NotificationMessage.TestEvent();
            }
            if ("aws.s3".equals(root.path("source").asText()) && root.has("detail-type")) {
                return eventBridge(root);
            }
            if ("Notification".equals(root.path("Type").asText()) && root.path("Message").isTextual()) {
                return parse(root.path("Message").asText()); // SNS to SQS, without raw message delivery
            }
            if ("SubscriptionConfirmation".equals(root.path("Type").asText())) {
                // No event reaches the queue until someone confirms: say so rather than call it no S3 event.
                return new NotificationMessage.Malformed("an SNS subscription confirmation of " + root.path("TopicArn").asText()
                        + ": no event comes through the topic until its SubscribeURL is visited");
            }
        } catch (RuntimeException e) {
            return new NotificationMessage.Malformed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return new NotificationMessage.Malformed("neither an S3 event notification nor an EventBridge S3 event");
    }

    private static NotificationMessage s3Notification(String body) {
        List<ObjectEvent> events = new ArrayList<>();
        List<S3EventNotificationRecord> records = S3EventNotification.fromJson(body).getRecords();
        if (records == null) {
            return new NotificationMessage.Malformed("\"Records\" is not a list of records");
        }
        for (S3EventNotificationRecord record : records) {
            if (record.getS3() == null || record.getS3().getBucket() == null || record.getS3().getObject() == null
                    || record.getEventName() == null || record.getS3().getObject().getKey() == null) {
                return new NotificationMessage.Malformed("a record without event name, bucket or key");
            }
            if (record.getS3().getObject().getKey().isEmpty()) {
                // No S3 key is empty, and a HEAD of one fails in the SDK before it is sent: no reader may meet it.
                return new NotificationMessage.Malformed("a record with an empty key");
            }
            S3Object object = record.getS3().getObject();
            Optional<Instant> restoreExpiry = Optional.ofNullable(record.getGlacierEventData())
                    .map(GlacierEventData::getRestoreEventData)
                    .map(RestoreEventData::getLifecycleRestorationExpiryTime);
            events.add(new ObjectEvent(ObjectEvent.Kind.ofEventName(record.getEventName()), record.getEventName(),
                    record.getS3().getBucket().getName(),
                    // Form encoding: '+' is a space, a plus sign is %2B.
                    URLDecoder.decode(object.getKey(), StandardCharsets.UTF_8),
                    present(object.getVersionId()), present(object.getETag()), present(object.getSequencer()),
                    Optional.ofNullable(object.getSizeAsLong()), Optional.ofNullable(record.getEventTime()), restoreExpiry));
        }
        return new NotificationMessage.Events(events);
    }

    private static NotificationMessage eventBridge(JsonNode root) {
        String detailType = root.path("detail-type").asText();
        JsonNode detail = root.path("detail");
        String bucket = detail.path("bucket").path("name").asText(null);
        String key = detail.path("object").path("key").asText(null);
        if (bucket == null || key == null) {
            return new NotificationMessage.Malformed("an EventBridge event without bucket or key");
        }
        if (key.isEmpty()) {
            return new NotificationMessage.Malformed("an EventBridge event with an empty key");
        }
        JsonNode object = detail.path("object");
        Optional<Long> size = object.path("size").canConvertToLong() ? Optional.of(object.path("size").asLong()) : Optional.empty();
        return new NotificationMessage.Events(List.of(new ObjectEvent(ObjectEvent.Kind.ofDetailType(detailType), detailType,
                bucket, key, text(object, "version-id"), text(object, "etag"), text(object, "sequencer"), size,
                text(root, "time").map(Instant::parse),
                text(detail, "restore-expiry-time").map(Instant::parse))));
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) ? present(node.get(field).asText()) : Optional.empty();
    }

    private static Optional<String> present(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isEmpty() && !v.equals("null"));
    }
}
