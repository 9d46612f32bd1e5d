package io.s3conn.source.change.sqs;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
            return new NotificationMessage.Malformed("not JSON (" + e.getClass().getSimpleName() + ")");
        }
        if (root == null || !root.isObject()) {
            return new NotificationMessage.Malformed("not a JSON object");
        }
        try {
            if (root.has("Records")) {
                return s3Notification(root, body);
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
        } catch (MalformedField e) {
            return new NotificationMessage.Malformed(e.getMessage());
        } catch (RuntimeException e) {
            // Only the exception's name: the messages of Java's parsers and the SDK's quote the text they refused.
            return new NotificationMessage.Malformed("a message that could not be read (" + e.getClass().getSimpleName() + ")");
        }
        return new NotificationMessage.Malformed("neither an S3 event notification nor an EventBridge S3 event");
    }

    private static NotificationMessage s3Notification(JsonNode root, String body) {
        checkValuesTheSdkParses(root.path("Records"));
        List<S3EventNotificationRecord> records;
        try {
            records = S3EventNotification.fromJson(body).getRecords();
        } catch (IllegalArgumentException e) {
            if (e.getClass() != IllegalArgumentException.class) {
                throw e; // a NumberFormatException, say, which quotes the number
            }
            // The SDK reader's own checks (Validate): their messages name the field and the type it expected, no value.
            return new NotificationMessage.Malformed("a record that is not an S3 event: " + e.getMessage());
        }
        List<ObjectEvent> events = new ArrayList<>();
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
                    decodedKey(object.getKey()),
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
        // EventBridge tells a delete marker's creation from a version's deletion by this field, not by its detail-type.
        String deletionType = detail.path("deletion-type").asText("");
        String eventName = deletionType.isEmpty() ? detailType : detailType + " (" + deletionType + ")";
        return new NotificationMessage.Events(List.of(new ObjectEvent(ObjectEvent.Kind.ofDetailType(detailType), eventName,
                bucket, key, text(object, "version-id"), text(object, "etag"), text(object, "sequencer"), size,
                time(text(root, "time"), "an EventBridge event whose time"),
                time(text(detail, "restore-expiry-time"), "an EventBridge event whose detail.restore-expiry-time"))));
    }

    /**
     * Checks the values of S3 records the SDK's reader turns into times and numbers, which it does with Java's parsers,
     * whose messages quote the text they refused ({@code Text 'notatime' could not be parsed}, {@code For input string}).
     */
    private static void checkValuesTheSdkParses(JsonNode records) {
        if (!records.isArray()) {
            return; // the SDK's reader says what it expected
        }
        for (JsonNode record : records) {
            time(textOf(record.path("eventTime")), "a record whose eventTime");
            time(textOf(record.path("glacierEventData").path("restoreEventData").path("lifecycleRestorationExpiryTime")),
                    "a record whose glacierEventData.restoreEventData.lifecycleRestorationExpiryTime");
            JsonNode size = record.path("s3").path("object").path("size");
            if (size.isNumber() && !(size.isIntegralNumber() && size.canConvertToLong())) {
                throw new MalformedField("a record whose s3.object.size is not a whole number of bytes");
            }
        }
    }

    /** The key of an S3 record, decoded as a form: '+' is a space, a plus sign is %2B. */
    private static String decodedKey(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the whole key.
            throw new MalformedField("a record whose s3.object.key is not URL-encoded: a '%' is not followed by two hexadecimal digits");
        }
    }

    /** The time {@code value} holds, if any; {@code whose} names the field for a value that is none. */
    private static Optional<Instant> time(Optional<String> value, String whose) {
        try {
            return value.map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw new MalformedField(whose + " is not a time such as 2024-01-31T12:00:00Z");
        }
    }

    /** The text of a string field, as the SDK reads it: an empty one too. */
    private static Optional<String> textOf(JsonNode node) {
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) ? present(node.get(field).asText()) : Optional.empty();
    }

    private static Optional<String> present(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isEmpty() && !v.equals("null"));
    }

    /** A field whose value is not what it should be; the message names the field and what was expected, never the value. */
    private static final class MalformedField extends RuntimeException {

        MalformedField(String message) {
            super(message, null, false, false);
        }
    }
}
