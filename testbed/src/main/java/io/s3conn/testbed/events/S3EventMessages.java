package io.s3conn.testbed.events;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import software.amazon.awssdk.eventnotifications.s3.model.GlacierEventData;
import software.amazon.awssdk.eventnotifications.s3.model.IntelligentTieringEventData;
import software.amazon.awssdk.eventnotifications.s3.model.RequestParameters;
import software.amazon.awssdk.eventnotifications.s3.model.ResponseElements;
import software.amazon.awssdk.eventnotifications.s3.model.RestoreEventData;
import software.amazon.awssdk.eventnotifications.s3.model.S3;
import software.amazon.awssdk.eventnotifications.s3.model.S3Bucket;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotification;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotificationRecord;
import software.amazon.awssdk.eventnotifications.s3.model.S3Object;
import software.amazon.awssdk.eventnotifications.s3.model.UserIdentity;

/**
 * The JSON bodies Amazon S3 sends to a queue: one {@code {"Records":[...]}} message per event (written
 * with the SDK's own event notification model), and the {@code s3:TestEvent} sent when a configuration
 * is set.
 */
final class S3EventMessages {

    private static final String OWNER = "S3CONNTESTBED";

    private S3EventMessages() {
    }

    /**
     * What happened to which object.
     *
     * @param accessTier for {@code IntelligentTiering}: the archive access tier the object moved to
     */
    record ObjectEvent(String eventName, String bucket, String key, Optional<Long> size, Optional<String> eTag,
                       Optional<String> versionId, Optional<String> sequencer, Optional<Restore> restore,
                       Optional<String> accessTier, Instant time) {
    }

    /** The {@code glacierEventData.restoreEventData} of an {@code ObjectRestore:Completed} event. */
    record Restore(Instant expiry, String storageClass) {
    }

    /** The message body of one event for one configuration. */
    static String eventMessage(ObjectEvent event, String region, String configurationId) {
        S3EventNotificationRecord record = new S3EventNotificationRecord();
        record.setEventVersion(event.restore().isPresent() || event.accessTier().isPresent() ? "2.3" : "2.1");
        record.setEventSource("aws:s3");
        record.setAwsRegion(region);
        record.setEventTime(event.time());
        record.setEventName(event.eventName());
        record.setUserIdentity(new UserIdentity("AWS:" + OWNER));
        record.setRequestParameters(new RequestParameters("127.0.0.1"));
        String requestId = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(java.util.Locale.ROOT);
        record.setResponseElements(new ResponseElements(requestId, requestId));
        record.setS3(new S3(configurationId,
                new S3Bucket(event.bucket(), new UserIdentity(OWNER), "arn:aws:s3:::" + event.bucket()),
                new S3Object(encodeKey(event.key()), event.size().orElse(null), event.eTag().orElse(null),
                        event.versionId().orElse(null), event.sequencer().orElse(null)),
                "1.0"));
        event.restore().ifPresent(r -> record.setGlacierEventData(new GlacierEventData(
                new RestoreEventData(r.expiry().toString(), r.storageClass()))));
        event.accessTier().ifPresent(tier -> record.setIntelligentTieringEventData(new IntelligentTieringEventData(tier)));
        return new S3EventNotification(List.of(record)).toJson();
    }

    /** The message S3 sends to a queue when a notification configuration naming it is set. */
    static String testEvent(String bucket, Instant time) {
        return "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":\"" + time + "\",\"Bucket\":\""
                + bucket + "\",\"RequestId\":\"" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                + "\",\"HostId\":\"s3conn-testbed\"}";
    }

    /**
     * A key as event messages carry it: form-URL-encoded ({@code "red flower.jpg"} becomes
     * {@code "red+flower.jpg"}, a plus sign {@code %2B}, non-ASCII as UTF-8 percent escapes), with the
     * slashes of key paths left as they are.
     */
    static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }
}
