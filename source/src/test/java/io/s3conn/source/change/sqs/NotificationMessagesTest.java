package io.s3conn.source.change.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class NotificationMessagesTest {

    private static String s3Message(String eventName, String encodedKey) {
        return """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-west-2",
                "eventTime":"1970-01-01T00:00:00.000Z","eventName":"%s","userIdentity":{"principalId":"AIDAJDPLRKLG7UEXAMPLE"},
                "requestParameters":{"sourceIPAddress":"127.0.0.1"},"responseElements":{"x-amz-request-id":"C3D13FE58DE4C810",
                "x-amz-id-2":"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"},
                "s3":{"s3SchemaVersion":"1.0","configurationId":"testConfigRule","bucket":{"name":"mybucket",
                "ownerIdentity":{"principalId":"A3NL1KOZZKExample"},"arn":"arn:aws:s3:::mybucket"},
                "object":{"key":"%s","size":1024,"eTag":"d41d8cd98f00b204e9800998ecf8427e",
                "versionId":"096fKKXTRTtl3on89fVO.nfljtsv6qko","sequencer":"0055AED6DCD90281E5"}}}]}
                """.formatted(eventName, encodedKey);
    }

    /** An EventBridge "Object Restore Completed" event with {@code time} and the restore's {@code expiry}, as given. */
    private static String eventBridgeRestore(String time, String expiry) {
        return """
                {"version":"0","detail-type":"Object Restore Completed","source":"aws.s3","time":"%s",
                "detail":{"version":"0","bucket":{"name":"b"},"object":{"key":"k","size":5},"restore-expiry-time":"%s"}}
                """.formatted(time, expiry);
    }

    /** The reason {@code body} is malformed, failing the test when it is not. */
    private static String malformedReason(String body) {
        NotificationMessage parsed = NotificationMessages.parse(body);
        assertThat(parsed).isInstanceOf(NotificationMessage.Malformed.class);
        return ((NotificationMessage.Malformed) parsed).reason();
    }

    private static ObjectEvent onlyEvent(String body) {
        NotificationMessage parsed = NotificationMessages.parse(body);
        assertThat(parsed).isInstanceOf(NotificationMessage.Events.class);
        return ((NotificationMessage.Events) parsed).events().getFirst();
    }

    @Test
    void anS3MessageGivesItsEventWithTheDecodedKey() {
        ObjectEvent event = onlyEvent(s3Message("ObjectCreated:Put", "photos/red+flower%2B1+100%25%C3%A9.jpg"));

        assertThat(event).isEqualTo(new ObjectEvent(ObjectEvent.Kind.CREATED, "ObjectCreated:Put", "mybucket",
                "photos/red flower+1 100%é.jpg", Optional.of("096fKKXTRTtl3on89fVO.nfljtsv6qko"),
                Optional.of("d41d8cd98f00b204e9800998ecf8427e"), Optional.of("0055AED6DCD90281E5"), Optional.of(1024L),
                Optional.of(Instant.EPOCH), Optional.empty()));
    }

    @Test
    void removalsAndLifecycleExpirationsAreRemovesAndRestoresChangeNoContent() {
        assertThat(onlyEvent(s3Message("ObjectRemoved:DeleteMarkerCreated", "k")).kind()).isEqualTo(ObjectEvent.Kind.REMOVED);
        assertThat(onlyEvent(s3Message("LifecycleExpiration:Delete", "k")).kind()).isEqualTo(ObjectEvent.Kind.REMOVED);
        assertThat(onlyEvent(s3Message("ObjectRestore:Completed", "k")).kind().changesContent()).isFalse();
    }

    /** An EventBridge "Object Deleted" event with {@code deletionType} for key {@code k}. */
    private static String eventBridgeDeletion(String deletionType) {
        return """
                {"version":"0","detail-type":"Object Deleted","source":"aws.s3","time":"2021-11-12T00:00:00Z",
                "detail":{"version":"0","bucket":{"name":"b"},"object":{"key":"k","sequencer":"617f08299329d189"},
                "reason":"DeleteObject","deletion-type":"%s"}}
                """.formatted(deletionType);
    }

    @Test
    void anEventBridgeDeletionCreatesADeleteMarkerWhenItsDeletionTypeSaysSo() {
        assertThat(onlyEvent(eventBridgeDeletion("Delete Marker Created")).createsDeleteMarker()).isTrue();
        assertThat(onlyEvent(eventBridgeDeletion("Permanently Deleted")).createsDeleteMarker()).isFalse();
    }

    @Test
    void anS3DeletionCreatesADeleteMarkerWhenItsNameSaysSo() {
        assertThat(onlyEvent(s3Message("ObjectRemoved:DeleteMarkerCreated", "k")).createsDeleteMarker()).isTrue();
        assertThat(onlyEvent(s3Message("LifecycleExpiration:DeleteMarkerCreated", "k")).createsDeleteMarker()).isTrue();
        assertThat(onlyEvent(s3Message("ObjectRemoved:Delete", "k")).createsDeleteMarker()).isFalse();
    }

    @Test
    void restoreAndTransitionEventsHaveKindsOfTheirOwn() {
        assertThat(onlyEvent(s3Message("ObjectRestore:Post", "k")).kind()).isEqualTo(ObjectEvent.Kind.RESTORE_STARTED);
        assertThat(onlyEvent(s3Message("ObjectRestore:Completed", "k")).kind()).isEqualTo(ObjectEvent.Kind.RESTORE_COMPLETED);
        assertThat(onlyEvent(s3Message("ObjectRestore:Delete", "k")).kind()).isEqualTo(ObjectEvent.Kind.RESTORE_EXPIRED);
        assertThat(onlyEvent(s3Message("LifecycleTransition", "k")).kind()).isEqualTo(ObjectEvent.Kind.TRANSITIONED);
        assertThat(onlyEvent(s3Message("ObjectTagging:Put", "k")).kind()).isEqualTo(ObjectEvent.Kind.OTHER);
    }

    @Test
    void anIntelligentTieringMoveToAnArchiveTierIsATransitionInBothShapes() {
        assertThat(onlyEvent(s3Message("IntelligentTiering", "k")).kind()).isEqualTo(ObjectEvent.Kind.TRANSITIONED);
        assertThat(onlyEvent("""
                {"version":"0","detail-type":"Object Access Tier Changed","source":"aws.s3","time":"2021-11-12T00:00:00Z",
                "detail":{"version":"0","bucket":{"name":"b"},"object":{"key":"k","size":5},
                "destination-access-tier":"ARCHIVE_ACCESS"}}
                """).kind()).isEqualTo(ObjectEvent.Kind.TRANSITIONED);
    }

    @Test
    void aCompletedRestoreCarriesTheExpiryOfItsCopy() {
        String body = s3Message("ObjectRestore:Completed", "k").replace("\"s3\":{", """
                "glacierEventData":{"restoreEventData":{"lifecycleRestorationExpiryTime":"2030-05-01T00:00:00.000Z",
                "lifecycleRestoreStorageClass":"GLACIER"}},"s3":{""");

        assertThat(onlyEvent(body).restoreExpiry()).contains(Instant.parse("2030-05-01T00:00:00Z"));
    }

    @Test
    void theTestEventIsRecognised() {
        assertThat(NotificationMessages.parse("""
                {"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2014-10-13T15:57:02.089Z","Bucket":"bucketname",
                "RequestId":"5582815E1AEA5ADF","HostId":"8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE"}
                """)).isInstanceOf(NotificationMessage.TestEvent.class);
    }

    @Test
    void anEventBridgeEventGivesItsKeyAsItIs() {
        ObjectEvent event = onlyEvent("""
                {"version":"0","id":"17793124-05d4-b198-2fde-7ededc63b103","detail-type":"Object Created","source":"aws.s3",
                "account":"111122223333","time":"2021-11-12T00:00:00Z","region":"ca-central-1",
                "resources":["arn:aws:s3:::example-bucket"],"detail":{"version":"0","bucket":{"name":"example-bucket"},
                "object":{"key":"red flower+1.jpg","size":5,"etag":"b1946ac92492d2347c6235b4d2611184",
                "version-id":"IYV3p45BT0ac8hjHg1houSdS1a.Mro8e","sequencer":"617f08299329d189"},
                "request-id":"N4N7GDK58NMKJ12R","requester":"123456789012","source-ip-address":"1.2.3.4","reason":"PutObject"}}
                """);

        assertThat(event.kind()).isEqualTo(ObjectEvent.Kind.CREATED);
        assertThat(event.key()).isEqualTo("red flower+1.jpg");
        assertThat(event.sequencer()).contains("617f08299329d189");
    }

    @Test
    void anSnsNotificationIsUnwrapped() {
        String inner = s3Message("ObjectRemoved:Delete", "k").replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "");
        ObjectEvent event = onlyEvent("{\"Type\":\"Notification\",\"MessageId\":\"1\",\"Message\":\"" + inner + "\"}");

        assertThat(event.kind()).isEqualTo(ObjectEvent.Kind.REMOVED);
    }

    @Test
    void anSnsSubscriptionConfirmationIsLeftToTheQueueSayingWhatItAwaits() {
        NotificationMessage parsed = NotificationMessages.parse("""
                {"Type":"SubscriptionConfirmation","MessageId":"1","Token":"2336412f37","TopicArn":"arn:aws:sns:us-east-1:123456789012:b-events",
                "Message":"You have chosen to subscribe to the topic arn:aws:sns:us-east-1:123456789012:b-events.",
                "SubscribeURL":"https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=2336412f37"}
                """);

        assertThat(parsed).isInstanceOfSatisfying(NotificationMessage.Malformed.class, malformed -> assertThat(malformed.reason())
                .isEqualTo("an SNS subscription confirmation of arn:aws:sns:us-east-1:123456789012:b-events: no event comes "
                        + "through the topic until its SubscribeURL is visited"));
    }

    @Test
    void anythingElseIsMalformed() {
        assertThat(NotificationMessages.parse("not json")).isInstanceOf(NotificationMessage.Malformed.class);
        assertThat(NotificationMessages.parse("[1,2]")).isInstanceOf(NotificationMessage.Malformed.class);
        assertThat(NotificationMessages.parse("{\"hello\":\"world\"}")).isInstanceOf(NotificationMessage.Malformed.class);
        assertThat(NotificationMessages.parse("{\"Records\":[{\"eventName\":\"ObjectCreated:Put\"}]}"))
                .isInstanceOf(NotificationMessage.Malformed.class);
        assertThat(NotificationMessages.parse(s3Message("ObjectCreated:Put", "bad%zzescape")))
                .isInstanceOf(NotificationMessage.Malformed.class);
    }

    @Test
    void aRecordWithAnEmptyKeyIsMalformed() {
        NotificationMessage parsed = NotificationMessages.parse(s3Message("ObjectCreated:Put", ""));

        assertThat(parsed).isInstanceOfSatisfying(NotificationMessage.Malformed.class,
                malformed -> assertThat(malformed.reason()).isEqualTo("a record with an empty key"));
    }

    @Test
    void recordsThatAreNullAreMalformedInWordsNotAnExceptionName() {
        NotificationMessage parsed = NotificationMessages.parse("{\"Records\":null}");

        assertThat(parsed).isInstanceOfSatisfying(NotificationMessage.Malformed.class,
                malformed -> assertThat(malformed.reason()).isEqualTo("\"Records\" is not a list of records"));
    }

    @Test
    void anEventBridgeEventWithAnEmptyKeyIsMalformed() {
        NotificationMessage parsed = NotificationMessages.parse("""
                {"version":"0","detail-type":"Object Created","source":"aws.s3","time":"2021-11-12T00:00:00Z",
                "detail":{"bucket":{"name":"example-bucket"},"object":{"key":"","size":5}}}
                """);

        assertThat(parsed).isInstanceOfSatisfying(NotificationMessage.Malformed.class,
                malformed -> assertThat(malformed.reason()).isEqualTo("an EventBridge event with an empty key"));
    }

    @Test
    void theReasonAMessageIsMalformedIsOneLine() {
        NotificationMessage parsed = NotificationMessages.parse("this is not json");

        assertThat(parsed).isInstanceOfSatisfying(NotificationMessage.Malformed.class,
                malformed -> assertThat(malformed.reason()).startsWith("not JSON").doesNotContain("\n"));
    }

    @Test
    void aBodyThatIsNotJsonIsDescribedWithoutQuotingItsText() {
        NotificationMessage parsed = NotificationMessages.parse("secretword and more");

        assertThat(parsed).isInstanceOfSatisfying(NotificationMessage.Malformed.class,
                malformed -> assertThat(malformed.reason()).isEqualTo("not JSON: expected a value (a string in double quotes,"
                        + " a number, true, false, null, an object or an array) (line 1, column 1)"));
    }

    @Test
    void anEventTimeThatIsNoTimeIsNamedWithoutQuotingIt() {
        String body = s3Message("ObjectCreated:Put", "k").replace("1970-01-01T00:00:00.000Z", "notatime-secret");

        assertThat(malformedReason(body)).isEqualTo("a record whose eventTime is not a time such as 2024-01-31T12:00:00Z");
    }

    @Test
    void aRestoreExpiryThatIsNoTimeIsNamedWithoutQuotingIt() {
        String body = s3Message("ObjectRestore:Completed", "k").replace("\"s3\":{", """
                "glacierEventData":{"restoreEventData":{"lifecycleRestorationExpiryTime":"notatime-secret"}},"s3":{""");

        assertThat(malformedReason(body)).isEqualTo("a record whose glacierEventData.restoreEventData.lifecycleRestorationExpiryTime"
                + " is not a time such as 2024-01-31T12:00:00Z");
    }

    @Test
    void aSizeThatIsNoWholeNumberIsNamedWithoutQuotingIt() {
        String body = s3Message("ObjectCreated:Put", "k").replace("\"size\":1024", "\"size\":1024.5");

        assertThat(malformedReason(body)).isEqualTo("a record whose s3.object.size is not a whole number of bytes");
    }

    @Test
    void aKeyWhoseUrlEncodingIsBrokenIsNamedWithoutQuotingIt() {
        assertThat(malformedReason(s3Message("ObjectCreated:Put", "secret%zz")))
                .isEqualTo("a record whose s3.object.key is not URL-encoded: a '%' is not followed by two hexadecimal digits");
    }

    @Test
    void aRecordFieldOfTheWrongTypeIsNamedInTheSdksWords() {
        String body = s3Message("ObjectCreated:Put", "k").replace("\"eventTime\":\"1970-01-01T00:00:00.000Z\"", "\"eventTime\":5");

        assertThat(malformedReason(body)).isEqualTo("a record that is not an S3 event: 'eventTime' was not a string");
    }

    @Test
    void anEventBridgeTimeThatIsNoTimeIsNamedWithoutQuotingIt() {
        assertThat(malformedReason(eventBridgeRestore("notatime-secret", "2030-05-01T00:00:00Z")))
                .isEqualTo("an EventBridge event whose time is not a time such as 2024-01-31T12:00:00Z");
    }

    @Test
    void anEventBridgeRestoreExpiryThatIsNoTimeIsNamedWithoutQuotingIt() {
        assertThat(malformedReason(eventBridgeRestore("2021-11-12T00:00:00Z", "notatime-secret")))
                .isEqualTo("an EventBridge event whose detail.restore-expiry-time is not a time such as 2024-01-31T12:00:00Z");
    }

    @Test
    void anEventBridgeRestoreGivesTheExpiryOfItsCopy() {
        assertThat(onlyEvent(eventBridgeRestore("2021-11-12T00:00:00Z", "2030-05-01T00:00:00Z")).restoreExpiry())
                .contains(Instant.parse("2030-05-01T00:00:00Z"));
    }
}
