package io.s3conn.source.change.sqs;

import java.util.Objects;
import java.util.Optional;

import io.s3conn.core.net.Urls;
import io.s3conn.core.s3.RequestFailure;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The notification queue cannot be read: it does not exist, access to it is refused, its URL's server answers but
 * not as SQS, or (when it is checked before a reader starts) its endpoint cannot be reached. Thrown by {@link SqsNotifications#checkQueue()}, and
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
        UNREACHABLE,
        /**
         * Its URL's server answered, but not as SQS does: an S3 endpoint's URL given for the queue's, say. Waiting or
         * other credentials will not help; another URL will.
         */
        NOT_SQS
    }

    private final String queueUrl;
    private final Reason reason;

    /**
     * @param queueUrl the queue
     * @param reason   why it cannot be read
     * @param cause    what SQS (or the connection) answered
     */
    public QueueUnavailableException(String queueUrl, Reason reason, Throwable cause) {
        super(message(Urls.withoutUserInfo(queueUrl), reason, cause), cause);
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    private static String message(String shownUrl, Reason reason, Throwable cause) {
        return switch (reason) {
            case MISSING -> "queue " + shownUrl + " does not exist";
            case REFUSED -> "access refused to queue " + shownUrl + ": " + refusal(cause);
            case UNREACHABLE -> "cannot reach queue " + shownUrl;
            // The status only, never the answer's body: an S3 server's refusal, for one, quotes the request it refused.
            case NOT_SQS -> "queue URL " + shownUrl + " did not answer as an SQS queue ("
                    + (cause instanceof AwsServiceException answer ? "HTTP " + answer.statusCode() + " without an SQS error code"
                            : "an answer SQS does not give")
                    + "): check that it is the queue's URL, not the S3 endpoint's";
        };
    }

    /**
     * The error codes with which SQS refuses the credentials themselves, whatever the HTTP status (403 from Amazon SQS;
     * 400 for UnrecognizedClientException, the AWS JSON protocol's code, from other services that speak it), and what
     * each says is wrong: "check the credentials and their permissions" would not say which.
     */
    static Optional<String> credentialRefusal(String code) {
        return Optional.ofNullable(switch (code) {
            case "InvalidClientTokenId", "UnrecognizedClientException" -> "the access key id is not known";
            case "SignatureDoesNotMatch", "InvalidSignatureException" -> "the secret access key is wrong";
            case "ExpiredToken", "ExpiredTokenException" -> "the session token has expired";
            default -> null;
        });
    }

    private static String refusal(Throwable cause) {
        String code = cause instanceof AwsServiceException answer ? RequestFailure.code(answer).orElse("") : "";
        return credentialRefusal(code)
                .map(words -> words + " (" + code + ")" + (code.startsWith("ExpiredToken") ? ": get new temporary credentials" : ""))
                .orElse("check the credentials and their permissions");
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
