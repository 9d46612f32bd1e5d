package io.s3conn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.s3conn.source.change.sqs.QueueUnavailableException;
import io.s3conn.source.change.sqs.SqsNotifications;
import io.s3conn.source.change.sqs.SqsSettings;

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

    @Test
    void aQueueDeletedWhileItIsReadEndsTheReading() throws Exception {
        String url = Fixtures.sqs().createQueue("deleted-while-read");
        try (SqsNotifications reader = new SqsNotifications(Fixtures.sqs().client(), url, SETTINGS)) {
            reader.checkQueue();
            reader.start();
            Fixtures.sqs().client().deleteQueue(d -> d.queueUrl(url));

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
            assertThat(failure.missing()).isTrue();
        }
    }
}
