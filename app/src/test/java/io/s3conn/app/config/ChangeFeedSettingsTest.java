package io.s3conn.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ChangeFeedSettingsTest {

    private static ChangeFeedSettings of(Map<String, String> keys) {
        return ChangeFeedSettings.of(SettingValues.merge(KeyedSettings.of("test", keys)));
    }

    @Test
    void withoutNotificationsChangesComeFromListings() {
        assertThat(of(Map.of()).queueUrl()).isEmpty();
    }

    @Test
    void aQueueIsReconciledByListingEveryHourUnlessTold() {
        ChangeFeedSettings feed = of(Map.of("notifications", "sqs:http://127.0.0.1:9324/000000000000/q"));

        assertThat(feed.queueUrl()).isPresent();
        assertThat(feed.reconcileEvery()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aQueueThatIsNotHttpIsQuotedWithoutItsUserInfo() {
        assertThatThrownBy(() -> of(Map.of("notifications", "sqs:ftp://user:secret@127.0.0.1:9324/000000000000/q")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("\"notifications\" in test must be sqs:http(s)://host[:port]/account/queue")
                .hasMessageEndingWith(", was: sqs:ftp://127.0.0.1:9324/000000000000/q");
    }

    /** Before, the form alone: "must be sqs:http(s)://host[:port]/account/queue, e.g. ..., was: ...". */
    @Test
    void aQueueUrlWhosePortIsNotFrom1To65535IsToldThatItsPortIsWrong() {
        assertThatThrownBy(() -> of(Map.of("notifications", "sqs:http://user:secret@127.0.0.1:99999/000000000000/q")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("\"notifications\" in test must have a port from 1 to 65535, was:"
                        + " sqs:http://127.0.0.1:99999/000000000000/q");
    }

    @Test
    void aQueueUrlWithoutSchemeIsToldTheFormItLacks() {
        assertThatThrownBy(() -> of(Map.of("notifications", "sqs:127.0.0.1:9324/000000000000/q")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("\"notifications\" in test must be sqs:http(s)://host[:port]/account/queue, e.g."
                        + " sqs:https://sqs.us-east-1.amazonaws.com/123456789012/bucket-events, was: sqs:127.0.0.1:9324/000000000000/q");
    }

    @Test
    void aQueueUrlWithAnUpperCaseSchemeIsAcceptedInLowerCase() {
        ChangeFeedSettings feed = of(Map.of("notifications", "sqs:HTTP://127.0.0.1:9324/000000000000/q"));

        assertThat(feed.queueUrl()).map(Object::toString).contains("http://127.0.0.1:9324/000000000000/q");
    }

    /** Before, the line quoted the empty URL: "notifications:  is not a queue URL". */
    @Test
    void sqsWithoutAUrlIsRefusedAsNamingNoQueue() {
        assertThatThrownBy(() -> of(Map.of("notifications", "sqs:")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("\"notifications\" in test must give the queue's URL after sqs:, e.g. "
                        + "sqs:https://sqs.us-east-1.amazonaws.com/123456789012/bucket-events, was: sqs:");
    }

    /** Before, the run sent its first request and ended with "SQS request failed: InvalidAction (HTTP 400)", exit 1. */
    @Test
    void anEndpointWithoutAQueuePathIsRefusedAsNamingNoQueue() {
        assertThatThrownBy(() -> of(Map.of("notifications", "sqs:http://127.0.0.1:9324/")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("\"notifications\" in test must give the queue's URL, not the server's alone, e.g. "
                        + "sqs:https://sqs.us-east-1.amazonaws.com/123456789012/bucket-events, was: sqs:http://127.0.0.1:9324/");
    }

    @Test
    void aQueueArnIsRefusedWithTheUrlItStandsFor() {
        assertThatThrownBy(() -> of(Map.of("notifications", "sqs:arn:aws:sqs:eu-west-1:123456789012:b-events")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("\"notifications\" in test must give the queue's URL, not its ARN: "
                        + "sqs:https://sqs.eu-west-1.amazonaws.com/123456789012/b-events, was: sqs:arn:aws:sqs:eu-west-1:123456789012:b-events");
    }

    @Test
    void reconcileEveryWithoutNotificationsIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> of(Map.of("reconcile-every", "5m"))).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("\"reconcile-every\" in test: applies to notifications only");
    }

    /**
     * Before, 1ms was taken: each reconciliation was due again before the queue was read once, so the source or watch
     * listed the scope without pause, applied no event and never stopped with --stop-when-idle.
     */
    @Test
    void reconcileEveryUnderASecondIsRefused() {
        assertThatThrownBy(() -> of(Map.of("notifications", "sqs:http://127.0.0.1:9324/000000000000/q", "reconcile-every", "1ms")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("\"reconcile-every\" in test must be at least 1s (each reconciliation lists the whole scope; "
                        + "events are applied between them), was: 1ms");
    }

    @Test
    void reconcileEveryOfOneSecondIsTaken() {
        ChangeFeedSettings feed = of(Map.of("notifications", "sqs:http://127.0.0.1:9324/000000000000/q", "reconcile-every", "1s"));

        assertThat(feed.reconcileEvery()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void notificationsInSnapshotModeAreRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> of(Map.of("notifications", "sqs:http://127.0.0.1:9324/000000000000/q", "mode", "snapshot")))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("\"notifications\" in test: needs CDC");
    }
}
