package io.s3conn.testbed.events;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.s3conn.testbed.TestBed;
import io.s3conn.testbed.events.S3EventMessages.ObjectEvent;
import io.s3conn.testbed.events.S3EventMessages.Restore;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Amazon S3's event notifications to SQS, which S3Proxy does not have: the bucket notification
 * configurations (queue configurations with event types and prefix/suffix filters), and after each
 * change the emulator reports, the message S3 would send to each matching queue, with increasing
 * sequencers per key. Delivery goes through {@link DeliverySwitches} to delay, duplicate, reorder or
 * drop messages.
 *
 * <p>The emulator calls the {@code object...}/{@code restore...} hooks after the change succeeded upstream;
 * nothing is looked up or sent for buckets without a configuration.
 */
public final class BucketNotifications implements AutoCloseable {

    private final URI upstream;
    private final String region;
    private final Clock clock;
    private final Map<String, List<QueueConfiguration>> configurations = new ConcurrentHashMap<>();
    private final Sequencers sequencers = new Sequencers();
    private final QueueDelivery delivery = new QueueDelivery();
    private volatile S3Client upstreamClient;

    /**
     * @param upstream the S3 server behind the emulator, asked for what a message says of an object
     * @param region   the region in messages and of the SQS server
     */
    public BucketNotifications(URI upstream, String region, Clock clock) {
        this.upstream = upstream;
        this.region = region;
        this.clock = clock;
    }

    /** Sends messages to the SQS server at {@code endpoint} (queue ARNs name queues there). */
    public void connect(URI sqsEndpoint) {
        delivery.connect(sqsEndpoint, region);
    }

    /** How messages are delivered now. */
    public DeliverySwitches switches() {
        return delivery.switches();
    }

    /** How messages are delivered from now on. */
    public void switches(DeliverySwitches switches) {
        delivery.switches(switches);
    }

    /** Messages sent, dropped, duplicated, failed. */
    public DeliveryCounts counts() {
        return delivery.counts();
    }

    /** Waits until every message of the changes so far left (delayed or held ones included). */
    public boolean awaitDelivered(Duration timeout) throws InterruptedException {
        return delivery.awaitDelivered(timeout);
    }

    // ---- configuration ----

    /**
     * PutBucketNotificationConfiguration: replaces the bucket's configuration and sends each queue an
     * {@code s3:TestEvent}, as S3 does to validate destinations.
     *
     * @throws IllegalArgumentException for a document S3 would refuse, or a queue that cannot be reached
     */
    public void putConfiguration(String bucket, byte[] body) {
        List<QueueConfiguration> queues = NotificationConfigurationXml.parse(body);
        for (String arn : new LinkedHashSet<>(queues.stream().map(QueueConfiguration::queueArn).toList())) {
            delivery.sendNow(arn, S3EventMessages.testEvent(bucket, clock.instant()));
        }
        if (queues.isEmpty()) {
            configurations.remove(bucket);
        } else {
            configurations.put(bucket, List.copyOf(queues));
        }
    }

    /** GetBucketNotificationConfiguration: the document of the bucket's configuration (empty when none). */
    public String configurationXml(String bucket) {
        return NotificationConfigurationXml.render(configurations.getOrDefault(bucket, List.of()));
    }

    // ---- hooks ----

    /**
     * An object was written: {@code ObjectCreated:Put}, {@code :Post}, {@code :Copy} or
     * {@code :CompleteMultipartUpload}.
     *
     * @param versionId the version written, when the answer named one
     */
    public void objectCreated(String eventName, String bucket, String key, Optional<String> versionId) {
        if (!configured(eventName, bucket, key)) {
            return;
        }
        // Taken before the lookup: it orders this write against the next one on the key.
        String sequencer = sequencers.next();
        Instant time = clock.instant();
        Optional<HeadObjectResponse> head = head(bucket, key, versionId);
        publish(new ObjectEvent(eventName, bucket, key, head.map(HeadObjectResponse::contentLength),
                head.map(h -> unquote(h.eTag())), versionId.or(() -> head.map(HeadObjectResponse::versionId)),
                Optional.of(sequencer), Optional.empty(), Optional.empty(), time));
    }

    /**
     * An object was deleted ({@code ObjectRemoved:Delete}) or hidden behind a delete marker
     * ({@code ObjectRemoved:DeleteMarkerCreated}, with the marker's version id).
     */
    public void objectRemoved(String bucket, String key, Optional<String> versionId, boolean deleteMarkerCreated) {
        String eventName = deleteMarkerCreated ? "ObjectRemoved:DeleteMarkerCreated" : "ObjectRemoved:Delete";
        if (!configured(eventName, bucket, key)) {
            return;
        }
        publish(new ObjectEvent(eventName, bucket, key, Optional.empty(), Optional.empty(), versionId,
                Optional.of(sequencers.next()), Optional.empty(), Optional.empty(), clock.instant()));
    }

    /** A restore was started ({@code ObjectRestore:Post}). */
    public void restoreStarted(String bucket, String key) {
        unsequencedEvent("ObjectRestore:Post", bucket, key, Optional.empty(), Optional.empty());
    }

    /** A restore completed ({@code ObjectRestore:Completed}): the copy lasts until {@code expiry}. */
    public void restoreCompleted(String bucket, String key, String storageClass, Optional<Instant> expiry) {
        unsequencedEvent("ObjectRestore:Completed", bucket, key,
                expiry.map(e -> new Restore(e, storageClass)), Optional.empty());
    }

    /** A lifecycle rule moved the object to another storage class ({@code LifecycleTransition}). */
    public void lifecycleTransition(String bucket, String key) {
        unsequencedEvent("LifecycleTransition", bucket, key, Optional.empty(), Optional.empty());
    }

    /**
     * An Intelligent-Tiering object moved to an archive access tier ({@code IntelligentTiering}, with
     * {@code intelligentTieringEventData.destinationAccessTier}): it needs a restore before it can be read.
     */
    public void intelligentTiering(String bucket, String key, String accessTier) {
        unsequencedEvent("IntelligentTiering", bucket, key, Optional.empty(), Optional.of(accessTier));
    }

    /** An event S3 sends without a sequencer: restores and moves between storage classes or tiers, which change no content. */
    private void unsequencedEvent(String eventName, String bucket, String key, Optional<Restore> restore,
                                  Optional<String> accessTier) {
        if (!configured(eventName, bucket, key)) {
            return;
        }
        Optional<HeadObjectResponse> head = head(bucket, key, Optional.empty());
        publish(new ObjectEvent(eventName, bucket, key, head.map(HeadObjectResponse::contentLength),
                head.map(h -> unquote(h.eTag())), head.map(HeadObjectResponse::versionId), Optional.empty(), restore,
                accessTier, clock.instant()));
    }

    private boolean configured(String eventName, String bucket, String key) {
        return configurations.getOrDefault(bucket, List.of()).stream().anyMatch(q -> q.matches(eventName, key));
    }

    private void publish(ObjectEvent event) {
        for (QueueConfiguration queue : configurations.getOrDefault(event.bucket(), List.of())) {
            if (queue.matches(event.eventName(), event.key())) {
                delivery.deliver(queue.queueArn(), S3EventMessages.eventMessage(event, region, queue.id()));
            }
        }
    }

    /** The object as S3Proxy has it, asked directly (signed with the test bed's credentials). */
    private Optional<HeadObjectResponse> head(String bucket, String key, Optional<String> versionId) {
        try {
            return Optional.of(client().headObject(b -> b.bucket(bucket).key(key).versionId(versionId.orElse(null))));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private S3Client client() {
        S3Client client = upstreamClient;
        if (client == null) {
            synchronized (this) {
                if (upstreamClient == null) {
                    upstreamClient = TestBed.newClient(upstream);
                }
                client = upstreamClient;
            }
        }
        return client;
    }

    private static String unquote(String eTag) {
        return eTag == null ? null : eTag.replace("\"", "");
    }

    @Override
    public void close() {
        delivery.close();
        S3Client client = upstreamClient;
        if (client != null) {
            client.close();
        }
    }
}
