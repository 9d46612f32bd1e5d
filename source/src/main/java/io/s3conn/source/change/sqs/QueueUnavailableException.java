package io.s3conn.source.change.sqs;

import java.util.Objects;

import io.s3conn.core.net.Urls;

/**
 * The notification queue cannot be read: it does not exist, access to it is refused, or (when it is checked
 * before a reader starts) its endpoint cannot be reached. Thrown by {@link SqsNotifications#checkQueue()}, and
 * by {@link SqsNotifications#take} when the queue goes away while it runs (waiting will not bring it back).
 */
public final class QueueUnavailableException extends RuntimeException {

    /** Why the queue cannot be read. */
    public enum Reason {
        /** The queue does not exist. */
        MISSING,
        /** Access to it was refused. */
        REFUSED,
        /** Its endpoint did not answer. */
        UNREACHABLE
    }

    private final String queueUrl;
    private final Reason reason;

    /**
     * @param queueUrl the queue
     * @param reason   why it cannot be read
     * @param cause    what SQS (or the connection) answered
     */
    public QueueUnavailableException(String queueUrl, Reason reason, Throwable cause) {
        super(message(Urls.withoutUserInfo(queueUrl), reason), cause);
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    private static String message(String shownUrl, Reason reason) {
        return switch (reason) {
            case MISSING -> "queue " + shownUrl + " does not exist";
            case REFUSED -> "access refused to queue " + shownUrl + ": check the credentials and their permissions";
            case UNREACHABLE -> "cannot reach queue " + shownUrl;
        };
    }

    /** The queue. */
    public String queueUrl() {
        return queueUrl;
    }

    /** Why the queue cannot be read. */
    public Reason reason() {
        return reason;
    }
}
