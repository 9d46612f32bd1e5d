package io.s3conn.source.change.sqs;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * The receiving thread ending for a reason that is no SQS answer. No queue server makes a JVM run out of memory, so
 * the client here is a small one that fails its receive: what it stands for is the JVM, not SQS.
 */
class SqsNotificationsReceiverTest {

    @Test
    void anErrorThatEndsTheReceivingThreadIsThrownToTheReaderInsteadOfAQuietQueue() {
        try (SqsNotifications notifications = new SqsNotifications(failingReceives(new OutOfMemoryError("thrown by the test")),
                "http://127.0.0.1:9324/000000000000/events", SqsSettings.defaults())) {
            notifications.start();

            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> {
                while (true) {
                    notifications.take(Instant.now().plusMillis(100), 10);
                }
            }).isInstanceOf(OutOfMemoryError.class).hasMessage("thrown by the test"));
        }
    }

    @Test
    void aFailureThatIsNoSqsAnswerIsThrownToTheReaderNamingTheQueue() {
        try (SqsNotifications notifications = new SqsNotifications(failingReceives(new IllegalArgumentException("bad state")),
                "http://127.0.0.1:9324/000000000000/events", SqsSettings.defaults())) {
            notifications.start();

            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> {
                while (true) {
                    notifications.take(Instant.now().plusMillis(100), 10);
                }
            }).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("receiving from http://127.0.0.1:9324/000000000000/events stopped: ")
                    .hasMessageContaining("bad state"));
        }
    }

    private static SqsClient failingReceives(Throwable failure) {
        return new SqsClient() {
            @Override
            public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
                if (failure instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) failure;
            }

            @Override
            public String serviceName() {
                return "sqs";
            }

            @Override
            public void close() {
            }
        };
    }
}
