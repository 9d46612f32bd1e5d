package io.s3conn.source.change.sqs;

import java.util.Objects;

/**
 * The notification queue cannot be read, and waiting will not change that: it does not exist, or access to it
 * is refused. Thrown by {@link SqsNotifications#checkQueue()} before a reader starts, and by
 * {@link SqsNotifications#take} when the queue goes away while it runs.
 */
public final class QueueUnavailableException extends RuntimeException {

    private final String queueUrl;
    private final boolean missing;

    /**
     * @param queueUrl the queue
     * @param missing  true when it does not exist, false when access was refused
     * @param cause    what SQS answered
     */
    public QueueUnavailableException(String queueUrl, boolean missing, Throwable cause) {
        super((missing ? "queue " + queueUrl + " does not exist"
                : "access refused to queue " + queueUrl + ": check the credentials and their permissions"), cause);
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
        this.missing = missing;
    }

    /** The queue. */
    public String queueUrl() {
        return queueUrl;
    }

    /** True when the queue does not exist; false when access was refused. */
    public boolean missing() {
        return missing;
    }
}
