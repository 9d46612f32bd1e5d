package io.s3conn.source.change.sqs;

import java.util.Objects;

/**
 * A message received from the queue and not deleted yet.
 *
 * @param messageId     SQS's id of the message (the same on every delivery)
 * @param receiptHandle what deletes it or changes its visibility (new on every delivery)
 * @param body          the message body
 * @param receiveCount  how often SQS delivered it, this time included
 */
public record QueueMessage(String messageId, String receiptHandle, String body, int receiveCount) {

    /** Checks every value is given. */
    public QueueMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(receiptHandle, "receiptHandle");
        Objects.requireNonNull(body, "body");
    }
}
