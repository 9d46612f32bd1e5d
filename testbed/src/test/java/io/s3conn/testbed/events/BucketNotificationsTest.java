package io.s3conn.testbed.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import io.s3conn.testbed.TestBed;
import io.s3conn.testbed.sqs.ElasticMqServer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotification;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotificationRecord;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.FilterRuleName;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tier;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The archive emulator's event notifications, read back from a real SQS server (ElasticMQ) with the
 * SDK's own parser: one bucket and queue per test.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BucketNotificationsTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static TestBed tb;
    private static ElasticMqServer sqs;

    private String bucket;
    private String queueName;
    private String queueUrl;

    @BeforeAll
    static void start() {
        tb = TestBed.start();
        sqs = ElasticMqServer.start();
        tb.emulator().notifications().connect(sqs.endpoint());
    }

    @AfterAll
    static void stop() {
        if (sqs != null) {
            sqs.close();
        }
        if (tb != null) {
            tb.close();
        }
    }

    @AfterEach
    void reset() {
        tb.emulator().reset();
    }

    /** A new bucket whose events of {@code types} (all object events when none) go to a new queue; its test event taken. */
    private void bucketWithQueue(String prefix, String suffix, Event... types) {
        int n = NAMES.incrementAndGet();
        bucket = "events-" + n;
        queueName = "events-queue-" + n;
        tb.createBucket(bucket);
        queueUrl = sqs.createQueue(queueName);
        QueueConfiguration.Builder queue = QueueConfiguration.builder().id("config-" + n)
                .queueArn(ElasticMqServer.queueArn(queueName))
                .events(types.length == 0 ? List.of(Event.S3_OBJECT_CREATED, Event.S3_OBJECT_REMOVED, Event.S3_OBJECT_RESTORE)
                        : List.of(types));
        if (prefix != null || suffix != null) {
            queue.filter(f -> f.key(k -> {
                List<software.amazon.awssdk.services.s3.model.FilterRule> rules = new ArrayList<>();
                if (prefix != null) {
                    rules.add(software.amazon.awssdk.services.s3.model.FilterRule.builder().name(FilterRuleName.PREFIX).value(prefix).build());
                }
                if (suffix != null) {
                    rules.add(software.amazon.awssdk.services.s3.model.FilterRule.builder().name(FilterRuleName.SUFFIX).value(suffix).build());
                }
                k.filterRules(rules);
            }));
        }
        tb.client().putBucketNotificationConfiguration(b -> b.bucket(bucket)
                .notificationConfiguration(c -> c.queueConfigurations(queue.build())));
        assertThat(receive(1)).singleElement().satisfies(m -> assertThat(m.body()).contains("\"Event\":\"s3:TestEvent\""));
    }

    private void bucketWithQueue() {
        bucketWithQueue(null, null);
    }

    /** Waits for at least {@code count} messages (up to 10 s), deletes them, and returns them. */
    private List<Message> receive(int count) {
        List<Message> messages = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (messages.size() < count && System.nanoTime() < deadline) {
            List<Message> batch = sqs.client().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            for (Message m : batch) {
                sqs.client().deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
            messages.addAll(batch);
        }
        return messages;
    }

    /** Messages arriving within {@code wait}. */
    private List<Message> receiveFor(Duration wait) {
        List<Message> messages = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            List<Message> batch = sqs.client().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            batch.forEach(m -> sqs.client().deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
            messages.addAll(batch);
        }
        return messages;
    }

    private static S3EventNotificationRecord record(Message message) {
        return S3EventNotification.fromJson(message.body()).getRecords().getFirst();
    }

    private static List<S3EventNotificationRecord> records(List<Message> messages) {
        return messages.stream().map(BucketNotificationsTest::record).toList();
    }

    private void put(String key, String content) {
        tb.put(bucket, key, content, null);
    }

    @Test
    void setting_a_configuration_sends_a_test_event_and_get_returns_the_configuration() {
        bucketWithQueue("logs/", ".json", Event.S3_OBJECT_CREATED);

        var configuration = tb.client().getBucketNotificationConfiguration(b -> b.bucket(bucket));

        assertThat(configuration.queueConfigurations()).singleElement().satisfies(q -> {
            assertThat(q.queueArn()).isEqualTo(ElasticMqServer.queueArn(queueName));
            assertThat(q.eventsAsStrings()).containsExactly("s3:ObjectCreated:*");
            assertThat(q.filter().key().filterRules()).extracting(r -> r.nameAsString() + "=" + r.value())
                    .containsExactly("prefix=logs/", "suffix=.json");
        });
    }

    @Test
    void a_configuration_naming_a_queue_that_does_not_exist_is_refused() {
        tb.createBucket("events-missing-queue");

        S3Exception refused = catchThrowableOfType(S3Exception.class, () -> tb.client().putBucketNotificationConfiguration(b -> b
                .bucket("events-missing-queue").notificationConfiguration(c -> c.queueConfigurations(q -> q
                        .queueArn(ElasticMqServer.queueArn("no-such-queue")).events(Event.S3_OBJECT_CREATED)))));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.getMessage()).contains("Unable to validate the following destination configurations");
    }

    @Test
    void a_put_sends_ObjectCreated_Put_with_size_etag_and_sequencer() {
        bucketWithQueue();

        put("report.csv", "hello");

        S3EventNotificationRecord record = record(receive(1).getFirst());
        assertThat(record.getEventName()).isEqualTo("ObjectCreated:Put");
        assertThat(record.getEventSource()).isEqualTo("aws:s3");
        assertThat(record.getS3().getBucket().getName()).isEqualTo(bucket);
        assertThat(record.getS3().getObject().getKey()).isEqualTo("report.csv");
        assertThat(record.getS3().getObject().getSizeAsLong()).isEqualTo(5L);
        assertThat(record.getS3().getObject().getETag()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
        assertThat(record.getS3().getObject().getSequencer()).matches("[0-9A-F]{18}");
        assertThat(record.getS3().getConfigurationId()).startsWith("config-");
    }

    @Test
    void keys_are_url_encoded_in_the_message_with_spaces_as_plus_signs() {
        bucketWithQueue();

        put("dir/red flower+1 100%é.txt", "x");

        S3EventNotificationRecord record = record(receive(1).getFirst());
        assertThat(record.getS3().getObject().getKey()).isEqualTo("dir/red+flower%2B1+100%25%C3%A9.txt");
        assertThat(record.getS3().getObject().getUrlDecodedKey()).isEqualTo("dir/red flower+1 100%é.txt");
    }

    @Test
    void sequencers_of_one_key_increase_with_each_change() {
        bucketWithQueue();

        put("k", "1");
        put("k", "2");
        tb.client().deleteObject(b -> b.bucket(bucket).key("k"));

        List<S3EventNotificationRecord> records = records(receive(3));
        assertThat(records).extracting(S3EventNotificationRecord::getEventName)
                .containsExactly("ObjectCreated:Put", "ObjectCreated:Put", "ObjectRemoved:Delete");
        List<String> sequencers = records.stream().map(r -> r.getS3().getObject().getSequencer()).toList();
        assertThat(sequencers).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void a_delete_on_a_versioned_bucket_sends_DeleteMarkerCreated_with_the_markers_version() {
        bucketWithQueue();
        tb.client().putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));

        String written = tb.client().putObject(b -> b.bucket(bucket).key("v"), RequestBody.fromString("1")).versionId();
        String marker = tb.client().deleteObject(b -> b.bucket(bucket).key("v")).versionId();

        List<S3EventNotificationRecord> records = records(receive(2));
        assertThat(records.get(0).getS3().getObject().getVersionId()).isEqualTo(written);
        assertThat(records.get(1).getEventName()).isEqualTo("ObjectRemoved:DeleteMarkerCreated");
        assertThat(records.get(1).getS3().getObject().getVersionId()).isEqualTo(marker);
    }

    @Test
    void copies_and_multipart_uploads_have_their_own_event_names() {
        bucketWithQueue();
        put("source", "s");

        tb.client().copyObject(b -> b.sourceBucket(bucket).sourceKey("source").destinationBucket(bucket).destinationKey("copy"));
        String upload = tb.client().createMultipartUpload(b -> b.bucket(bucket).key("multi")).uploadId();
        String eTag = tb.client().uploadPart(b -> b.bucket(bucket).key("multi").uploadId(upload).partNumber(1),
                RequestBody.fromString("part")).eTag();
        tb.client().completeMultipartUpload(b -> b.bucket(bucket).key("multi").uploadId(upload)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(eTag).build())));

        assertThat(records(receive(3))).extracting(r -> r.getEventName() + " " + r.getS3().getObject().getKey())
                .containsExactly("ObjectCreated:Put source", "ObjectCreated:Copy copy",
                        "ObjectCreated:CompleteMultipartUpload multi");
    }

    @Test
    void events_outside_the_prefix_and_suffix_filter_or_of_other_types_are_not_sent() {
        bucketWithQueue("in/", ".txt", Event.S3_OBJECT_CREATED);

        put("out/a.txt", "x");
        put("in/a.bin", "x");
        put("in/a.txt", "x");
        tb.client().deleteObject(b -> b.bucket(bucket).key("in/a.txt"));

        assertThat(records(receiveFor(Duration.ofSeconds(2)))).extracting(r -> r.getEventName() + " " + r.getS3().getObject().getKey())
                .containsExactly("ObjectCreated:Put in/a.txt");
    }

    @Test
    void filter_rules_match_the_url_encoded_key_as_on_Amazon_S3() {
        bucketWithQueue("year%3D2024/", null, Event.S3_OBJECT_CREATED);

        put("year=2024/a b.txt", "x");
        put("year%3D2024/literal.txt", "x");

        assertThat(records(receiveFor(Duration.ofSeconds(2)))).extracting(r -> r.getS3().getObject().getUrlDecodedKey())
                .containsExactly("year=2024/a b.txt");
    }

    /** A GLACIER object "archived" in a bucket sending restore events, a restore of 2 days asked for that takes {@code delay}. */
    private void restoreStarted(Duration delay) {
        bucketWithQueue(null, null, Event.S3_OBJECT_RESTORE);
        tb.put(bucket, "archived", "cold", "GLACIER");
        tb.emulator().setRestoreDelay(delay);
        tb.client().restoreObject(b -> b.bucket(bucket).key("archived")
                .restoreRequest(r -> r.days(2).glacierJobParameters(g -> g.tier(Tier.STANDARD))));
    }

    @Test
    void a_restore_sends_ObjectRestore_Post_and_its_completion_ObjectRestore_Completed_with_the_expiry() {
        restoreStarted(Duration.ofHours(1));

        tb.emulator().completeRestores();

        List<S3EventNotificationRecord> records = records(receive(2));
        assertThat(records).extracting(S3EventNotificationRecord::getEventName)
                .containsExactly("ObjectRestore:Post", "ObjectRestore:Completed");
        var restore = records.get(1).getGlacierEventData().getRestoreEventData();
        assertThat(restore.getLifecycleRestoreStorageClass()).isEqualTo("GLACIER");
        assertThat(restore.getLifecycleRestorationExpiryTime()).isAfter(java.time.Instant.now().plus(Duration.ofDays(1)));
    }


    @Test
    void a_restore_sends_ObjectRestore_Completed_once_its_delay_is_over_though_nobody_reads_the_object() {
        restoreStarted(Duration.ofSeconds(2));

        assertThat(records(receive(2))).extracting(S3EventNotificationRecord::getEventName)
                .containsExactly("ObjectRestore:Post", "ObjectRestore:Completed");
    }
    @Test
    void an_Intelligent_Tiering_object_moved_to_an_archive_tier_sends_IntelligentTiering_with_the_tier() {
        bucketWithQueue(null, null, Event.S3_INTELLIGENT_TIERING);
        tb.put(bucket, "tiered", "cooling down", "INTELLIGENT_TIERING");

        tb.emulator().setArchiveStatus(bucket, "tiered", "ARCHIVE_ACCESS");
        tb.emulator().setArchiveStatus(bucket, "tiered", "NONE");

        assertThat(records(receiveFor(Duration.ofSeconds(2)))).singleElement().satisfies(record -> {
            assertThat(record.getEventName()).isEqualTo("IntelligentTiering");
            assertThat(record.getS3().getObject().getKey()).isEqualTo("tiered");
            assertThat(record.getIntelligentTieringEventData().getDestinationAccessTier()).isEqualTo("ARCHIVE_ACCESS");
        });
    }

    @Test
    void dropped_messages_are_never_sent() throws InterruptedException {
        bucketWithQueue();
        tb.emulator().notifications().switches(DeliverySwitches.none().drop(1));

        put("lost", "x");

        assertThat(tb.emulator().notifications().awaitDelivered(Duration.ofSeconds(5))).isTrue();
        assertThat(receiveFor(Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void duplicated_messages_arrive_twice_with_the_same_sequencer() {
        bucketWithQueue();
        tb.emulator().notifications().switches(DeliverySwitches.none().duplicate(1));

        put("twice", "x");

        List<S3EventNotificationRecord> records = records(receive(2));
        assertThat(records).hasSize(2);
        assertThat(records.get(0).getS3().getObject().getSequencer()).isEqualTo(records.get(1).getS3().getObject().getSequencer());
    }

    @Test
    void reordered_messages_arrive_newest_first() {
        bucketWithQueue();
        tb.emulator().notifications().switches(DeliverySwitches.none().reorder(Duration.ofMillis(500)));

        put("r", "1");
        put("r", "2");

        List<String> sequencers = records(receive(2)).stream().map(r -> r.getS3().getObject().getSequencer()).toList();
        assertThat(sequencers).hasSize(2);
        assertThat(sequencers.get(0)).isGreaterThan(sequencers.get(1));
    }

    @Test
    void delayed_messages_arrive_after_the_delay() {
        bucketWithQueue();
        tb.emulator().notifications().switches(DeliverySwitches.none().delay(Duration.ofMillis(1500)));

        put("late", "x");

        assertThat(receiveFor(Duration.ofMillis(1000))).isEmpty();
        assertThat(receive(1)).hasSize(1);
    }
}
