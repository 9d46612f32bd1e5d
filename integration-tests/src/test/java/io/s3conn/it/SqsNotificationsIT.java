package io.s3conn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.s3conn.source.change.sqs.QueueUnavailableException;
import io.s3conn.source.change.sqs.SqsClients;
import io.s3conn.source.change.sqs.SqsNotifications;
import io.s3conn.source.change.sqs.SqsSettings;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The queue reader against ElasticMQ: a queue that cannot be read ends the reading instead of being retried. */
class SqsNotificationsIT {

    private static final SqsSettings SETTINGS = new SqsSettings(Duration.ofSeconds(1), Duration.ofSeconds(4), 1000);

    @Test
    void aQueueThatDoesNotExistFailsTheCheck() {
        String missing = Fixtures.sqs().endpoint().resolve("/000000000000/never-created").toString();
        SqsNotifications reader = new SqsNotifications(Fixtures.sqs().client(), missing, SETTINGS);

        assertThatThrownBy(reader::checkQueue).isInstanceOf(QueueUnavailableException.class)
                .hasMessage("queue " + missing + " does not exist");
    }

    /** Before, the S3 server's refusal of a request signed for SQS said the credentials were wrong. */
    @Test
    void theUrlOfAnS3EndpointFailsTheCheckAsNoSqsQueue() {
        String url = Fixtures.testBed().s3ProxyEndpoint().resolve("/000000000000/q").toString();
        try (SqsClient sqs = SqsClients.create(Fixtures.connection(), URI.create(url))) {
            SqsNotifications reader = new SqsNotifications(sqs, url, SETTINGS);

            assertThatThrownBy(reader::checkQueue).isInstanceOfSatisfying(QueueUnavailableException.class,
                    e -> assertThat(e.reason()).isEqualTo(QueueUnavailableException.Reason.NOT_SQS))
                    .hasMessageStartingWith("queue URL " + url + " did not answer as an SQS queue (HTTP 4");
        }
    }

    /**
     * Deleted after the check and before the first receive: a receive in flight when a queue is deleted may be
     * answered only when its connection times out, which would make this test wait for that, not for the reader.
     */
    @Test
    void aQueueDeletedAfterTheCheckEndsTheReading() throws Exception {
        String url = Fixtures.sqs().createQueue("deleted-after-check");
        try (SqsNotifications reader = new SqsNotifications(Fixtures.sqs().client(), url, SETTINGS)) {
            reader.checkQueue();
            Fixtures.sqs().client().deleteQueue(d -> d.queueUrl(url));
            reader.start();

            Instant deadline = Instant.now().plusSeconds(20);
            QueueUnavailableException failure = null;
            while (failure == null && Instant.now().isBefore(deadline)) {
                try {
                    reader.take(Instant.now().plusMillis(500), 10);
                } catch (QueueUnavailableException e) {
                    failure = e;
                }
            }

            assertThat(failure).as("the reader gave up on the deleted queue").isNotNull();
            assertThat(failure.reason()).isEqualTo(QueueUnavailableException.Reason.MISSING);
        }
    }

    @Test
    void closingRightAfterDeletesRemovesEveryDeletedMessageWithoutAnError() throws Exception {
        String url = Fixtures.sqs().createQueue("closed-after-deletes");
        for (int i = 0; i < 25; i++) {
            int n = i;
            Fixtures.sqs().client().sendMessage(m -> m.queueUrl(url).messageBody("message " + n));
        }
        SqsNotifications reader = new SqsNotifications(Fixtures.sqs().client(), url, SETTINGS);
        reader.start();
        int taken = 0;
        Instant deadline = Instant.now().plusSeconds(20);
        while (taken < 25 && Instant.now().isBefore(deadline)) {
            for (var message : reader.take(Instant.now().plusMillis(500), 25)) {
                reader.delete(message);
                taken++;
            }
        }

        reader.close();

        assertThat(taken).isEqualTo(25);
        assertThat(reader.stats().errors()).isZero();
        assertThat(reader.stats().deleted()).isEqualTo(25);
        assertThat(Fixtures.sqs().client().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
                .visibilityTimeout(0)).messages()).isEmpty();
    }

    /** Before, each delivery counted: a run of an hour said 60 malformed messages of one message left for its redrive policy. */
    @Test
    void aMalformedMessageThatSqsDeliversAgainIsCountedOnce() throws Exception {
        String url = Fixtures.sqs().createQueue("malformed-delivered-again");
        Fixtures.sqs().client().sendMessage(m -> m.queueUrl(url).messageBody("this is not an event"));
        // Two-second visibility: a released message comes back soon.
        try (SqsNotifications reader = new SqsNotifications(Fixtures.sqs().client(), url,
                new SqsSettings(Duration.ofSeconds(1), Duration.ofSeconds(2), 1000))) {
            reader.start();
            int deliveries = 0;
            Instant deadline = Instant.now().plusSeconds(20);
            while (deliveries < 2 && Instant.now().isBefore(deadline)) {
                for (var message : reader.take(Instant.now().plusMillis(500), 10)) {
                    reader.release(message);
                    deliveries++;
                }
            }

            assertThat(deliveries).as("deliveries of the malformed message").isEqualTo(2);
            assertThat(reader.stats().received()).isEqualTo(2);
            assertThat(reader.stats().malformed()).isEqualTo(1);
        }
    }
}
