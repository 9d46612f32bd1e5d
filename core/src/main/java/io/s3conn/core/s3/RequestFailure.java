package io.s3conn.core.s3;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.FileSystemException;
import java.util.Optional;

import javax.net.ssl.SSLException;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What a request to S3 (or another AWS service) that failed after the client's own retries says about the
 * service: whether it may pass (the service throttles, answers a server error, or cannot be reached) or not (any
 * other answer: retrying the same request gets the same one). The one place s3conn decides this: the CLI picks its
 * exit code from it, the Kafka Connect tasks whether to wait and try again or to fail.
 *
 * <p>Decided with the SDK's own classification where it has one: {@link AwsServiceException#isThrottlingException()}
 * (S3's {@code SlowDown}, SQS's {@code ThrottlingException}, HTTP 429) and {@link SdkException#retryable()}.
 */
public enum RequestFailure {

    /** Throttled ({@code 503 SlowDown}, 429, the SDK's throttling codes). */
    THROTTLED(true),
    /** A server error, 5xx other than 501: the server is there but cannot answer now. */
    SERVER_ERROR(true),
    /** No connection: refused, no route, an unknown host name, or a socket that timed out connecting or reading. */
    UNREACHABLE(true),
    /** The SDK gave up waiting for an answer ({@code attempt-timeout}, or the call's timeout). */
    TIMED_OUT(true),
    /** The connection broke while the request was sent or the answer read (reset, closed, cut off). */
    BROKEN(true),
    /**
     * Anything else: a 4xx (access refused, no such bucket, a wrong secret), 501 (not implemented: the SDK does
     * not retry it either), no credentials, or a failure that is not a request's.
     */
    PERMANENT(false);

    /**
     * RestoreObject's {@code 503} when the Expedited tier has no capacity: the tier's answer, not the server's state
     * (S3 answers it at once, however often asked), so it is {@link #PERMANENT}; a caller falls back to another tier.
     */
    public static final String EXPEDITED_UNAVAILABLE = "GlacierExpeditedRetrievalNotAvailable";

    /** The JDK's words when the server's first bytes are no TLS record (SSLEngineInputRecord, SSLSocketInputRecord). */
    private static final String PLAIN_HTTP_ANSWER_TO_TLS = "Unsupported or unrecognized SSL message";

    private final boolean passing;

    RequestFailure(boolean passing) {
        this.passing = passing;
    }

    /** Whether the same request may succeed later without anything being changed: everything but {@link #PERMANENT}. */
    public boolean mayPass() {
        return passing;
    }

    /**
     * How {@code error} stands: the classification of the first {@link SdkException} in its chain of causes (a
     * request failure wrapped by a reader thread or a batch writer counts as that request's), {@link #PERMANENT}
     * when there is none.
     */
    public static RequestFailure of(Throwable error) {
        return requestFailureIn(error).map(RequestFailure::ofRequest).orElse(PERMANENT);
    }

    /** The first {@link SdkException} in the chain of causes of {@code error}, {@code error} included. */
    public static Optional<SdkException> requestFailureIn(Throwable error) {
        for (Throwable current = error; current != null; current = current.getCause()) {
            if (current instanceof SdkException sdk) {
                return Optional.of(sdk);
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return Optional.empty();
    }

    /** How a request failure the SDK threw stands. */
    public static RequestFailure ofRequest(SdkException error) {
        return switch (error) {
            case AwsServiceException e -> ofAnswer(e);
            case SdkClientException e -> ofClient(e);
            default -> error.retryable() ? BROKEN : PERMANENT;
        };
    }

    /**
     * How an answer of the service stands: throttling and 5xx other than 501 pass, as the SDK retries them, but for
     * {@link #EXPEDITED_UNAVAILABLE}.
     */
    public static RequestFailure ofAnswer(AwsServiceException error) {
        if (error.isThrottlingException()) {
            return THROTTLED;
        }
        if (EXPEDITED_UNAVAILABLE.equals(codeOf(error))) {
            return PERMANENT;
        }
        return error.statusCode() >= 500 && error.statusCode() != 501 ? SERVER_ERROR : PERMANENT;
    }

    /** The error code the service answered with, when it named one. */
    public static Optional<String> code(AwsServiceException error) {
        return Optional.ofNullable(codeOf(error));
    }

    private static String codeOf(AwsServiceException error) {
        return error.awsErrorDetails() == null ? null : error.awsErrorDetails().errorCode();
    }

    /**
     * Whether {@code error} is the JDK's TLS client meeting a server that answered in plain HTTP: an {@code https://}
     * endpoint URL for a server that serves {@code http://}. Permanent: only another URL mends it.
     */
    public static boolean isPlainHttpAnswerToTls(Throwable error) {
        Throwable cause = rootCause(error);
        return cause instanceof SSLException && cause.getMessage() != null
                && cause.getMessage().contains(PLAIN_HTTP_ANSWER_TO_TLS);
    }

    /** How a failure without an answer stands: by its root cause, since the SDK wraps what the connection threw. */
    public static RequestFailure ofClient(SdkClientException error) {
        Throwable cause = rootCause(error);
        if (isPlainHttpAnswerToTls(error)) {
            return PERMANENT;
        }
        if (cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException || cause instanceof SocketTimeoutException
                || cause instanceof InterruptedIOException
                || cause.getClass().getName().contains("HttpHostConnectException")) {
            return UNREACHABLE;
        }
        // The SDK throws these itself when an attempt (or the whole call) outlasts its timeout.
        if (error instanceof ApiCallAttemptTimeoutException || error instanceof ApiCallTimeoutException) {
            return TIMED_OUT;
        }
        if (error.getMessage() != null && error.getMessage().contains("credentials")) {
            return PERMANENT; // no credentials anywhere: none will appear by waiting
        }
        // Reset, closed or cut off while sending or reading (a file of our own is no network failure).
        if (cause instanceof IOException && !(cause instanceof FileSystemException)) {
            return BROKEN;
        }
        return error.retryable() ? BROKEN : PERMANENT;
    }

    /**
     * A service's answer as s3conn words it everywhere: its error code and HTTP status ({@code SlowDown (HTTP 503)}), or
     * the status alone. Never the SDK's sentence ("Please reduce your request rate. (Service: S3, Status Code: 503,
     * Request ID: ...)"): the code is what a user looks up, and the same failure reads the same from the CLI and Kafka.
     */
    public static String answer(AwsServiceException error) {
        String code = codeOf(error);
        return code == null ? "HTTP " + error.statusCode() : code + " (HTTP " + error.statusCode() + ")";
    }

    /** Whether an S3 answer refuses the credentials or what they may do: 401, 403, or a code naming the credentials. */
    public static boolean refusesAccess(AwsServiceException error) {
        String code = codeOf(error);
        return error.statusCode() == 403 || error.statusCode() == 401 || "InvalidAccessKeyId".equals(code)
                || "SignatureDoesNotMatch".equals(code);
    }

    /**
     * A failed S3 request in the one line that the CLI prints and the Kafka Connect tasks log and fail with: a refusal
     * says which credential is wrong when S3 says so ({@code access refused to bucket B: the secret access key is wrong
     * (SignatureDoesNotMatch)}), else to check them; any other answer is {@code S3 request to bucket B failed: SlowDown
     * (HTTP 503)}.
     *
     * @param bucket the request's bucket, or null when the caller does not know it
     * @param where  where the request went, {@code " at URL"}, or empty
     */
    public static String describe(AwsServiceException error, String bucket, String where) {
        String code = codeOf(error);
        String refused = "access refused to bucket " + (bucket == null ? "(unknown)" : bucket) + where;
        if ("InvalidAccessKeyId".equals(code)) {
            return refused + ": the access key id is not known (InvalidAccessKeyId)";
        }
        if ("SignatureDoesNotMatch".equals(code)) {
            return refused + ": the secret access key is wrong (SignatureDoesNotMatch)";
        }
        if (refusesAccess(error)) {
            return refused + " (" + (code == null ? "HTTP " + error.statusCode() : code)
                    + "): check the credentials and their permissions";
        }
        return "S3 request" + (bucket == null ? "" : " to bucket " + bucket) + " failed" + where + ": " + answer(error);
    }

    /**
     * A request that got no answer, in the one line that the CLI prints and the Kafka Connect tasks log and fail with:
     * {@code cannot reach the S3 endpoint at URL: ConnectException (Connection refused)}, no answer in time, a connection
     * that broke, an endpoint answering in another protocol or in plain HTTP to TLS; never the SDK's sentence ("Unable to
     * execute HTTP request: ..."), which names no endpoint and reads differently from host to host.
     *
     * @param where where the request went, {@code " at URL"}, or empty
     */
    public static String describe(SdkClientException error, String where) {
        Throwable cause = rootCause(error);
        if (isPlainHttpAnswerToTls(error)) {
            return "the S3 endpoint" + where + " answered in plain HTTP, not TLS (" + described(cause) + "): give its URL with http://";
        }
        String message = error.getMessage() == null ? "" : firstLine(error.getMessage());
        return switch (ofClient(error)) {
            case UNREACHABLE -> "cannot reach the S3 endpoint" + where + ": " + described(cause);
            case TIMED_OUT -> "no answer in time from the S3 endpoint" + where + ": " + message;
            // The JDK client's words for an answer that is no HTTP: another protocol listens on the endpoint's port.
            case BROKEN -> "Invalid Http response".equals(cause.getMessage())
                    ? "the S3 endpoint" + where + " does not answer in HTTP: another protocol listens on that port "
                            + "(Invalid Http response); give the S3 server's port"
                    : "the connection to the S3 endpoint" + where + " broke: " + described(cause);
            case PERMANENT, THROTTLED, SERVER_ERROR -> "S3 client error" + where + ": " + message;
        };
    }

    /** A root cause as {@code ConnectException (Connection refused)}: its class, and the first line of its message. */
    public static String described(Throwable cause) {
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " (" + firstLine(cause.getMessage()) + ")");
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** The last cause in the chain of {@code error}. */
    public static Throwable rootCause(Throwable error) {
        Throwable current = error;
        while (current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }
}
