package io.s3conn.kafka.connect;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

import io.s3conn.core.s3.RequestFailure;
import io.s3conn.core.text.TerminalText;
import io.s3conn.destination.s3.UploadRefusedException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * An episode of S3 trouble that may pass ({@link RequestFailure#mayPass()}: throttling, 5xx, no connection), which a
 * task waits out instead of failing: the waits between attempts double from {@link #FIRST_WAIT} up to
 * {@link #MAX_WAIT}; the episode is logged once as it begins (one WARN line, no stack trace: a task polled every
 * second would otherwise fill the worker's log) and once as it ends. Not thread-safe: one per task, used from the
 * task's thread.
 */
public final class Outage {

    /** The wait after the first failure of an episode. */
    public static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    /** The longest wait between attempts. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final Logger log;
    private final String what;
    private final String bucket;
    private final LongSupplier nanoTime;
    private int failures;
    private long retryAt;
    private long since;

    /**
     * @param log    where the episode is logged
     * @param what   what the task does, for the log lines ("reading s3://bucket/prefix range [a, b)"); its control
     *               characters are escaped there
     * @param bucket the bucket the task's requests go to, named in the failure's words as the CLI names it
     */
    public Outage(Logger log, String what, String bucket) {
        this(log, what, bucket, System::nanoTime);
    }

    Outage(Logger log, String what, String bucket, LongSupplier nanoTime) {
        this.log = log;
        // The prefix and the range's keys are anyone's text: a newline in them would forge a log line of its own.
        this.what = TerminalText.escaped(what);
        this.bucket = bucket;
        this.nanoTime = nanoTime;
    }

    /**
     * Counts a failure that may pass, logs the episode's first, and returns how long to wait before the next attempt.
     */
    public Duration failed(RequestFailure kind, Throwable error) {
        long now = nanoTime.getAsLong();
        if (failures == 0) {
            since = now;
            log.warn("{} failed ({}): {}; retrying every {} s at most until it passes, the task stays RUNNING",
                    what, kind, TerminalText.escaped(oneLine(error, bucket)), MAX_WAIT.toSeconds());
        }
        failures++;
        Duration wait = wait(failures);
        retryAt = now + wait.toNanos();
        return wait;
    }

    /** Whether the episode is on: a failure came, and no success since. */
    public boolean ongoing() {
        return failures > 0;
    }

    /** How long until the next attempt is due; zero when it is, or when there is no episode. */
    public Duration untilRetry() {
        if (failures == 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.max(0, retryAt - nanoTime.getAsLong()));
    }

    /** Ends the episode, if one is on: an attempt succeeded. */
    public void succeeded() {
        if (failures > 0) {
            log.info("{} works again after {} failed attempts over {} s", what, failures,
                    Duration.ofNanos(nanoTime.getAsLong() - since).toSeconds());
            failures = 0;
        }
    }

    /** The wait after the {@code failures}-th failure in a row: 1 s, 2 s, 4 s ... up to {@link #MAX_WAIT}. */
    static Duration wait(int failures) {
        long millis = FIRST_WAIT.toMillis() << Math.min(failures - 1, 20);
        return Duration.ofMillis(Math.min(millis, MAX_WAIT.toMillis()));
    }

    /**
     * The failure in one line: an upload's refusal (a 400) with what was sent, else S3's answer in the CLI's words
     * ({@link RequestFailure#describe}: {@code S3 request to bucket B failed: SlowDown (HTTP 503)}, not the SDK's sentence
     * with its request id), or a request without an answer in the CLI's words too ({@code cannot reach the S3 endpoint for
     * bucket B: ConnectException (Connection refused)}, not "Unable to execute HTTP request: ..."), else the error's first
     * line.
     *
     * @param bucket the bucket of the failed request
     */
    public static String oneLine(Throwable error, String bucket) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof UploadRefusedException refused) {
                return refusal(refused);
            }
        }
        Throwable shown = RequestFailure.requestFailureIn(error).<Throwable>map(e -> e).orElse(error);
        if (shown instanceof AwsServiceException answer) {
            return RequestFailure.describe(answer, bucket, "");
        }
        if (shown instanceof SdkClientException unanswered) {
            return RequestFailure.describe(unanswered, bucket == null ? "" : " for bucket " + bucket);
        }
        return firstLine(shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage());
    }

    /**
     * A 400 to an upload, named with the object and the settings sent: a server's 400 may come without words (Ceph RGW
     * refusing a storage class it was not configured with), and the request's failure alone would then say nothing
     * but its request id.
     */
    private static String refusal(UploadRefusedException refused) {
        return firstLine(refused.getMessage()) + ": " + refused.refusal()
                + refused.serverWords().map(words -> ": " + words).orElse("")
                + refused.settings().map(sent -> "; check that the server takes these settings (storage-class, sse, acl)")
                        .orElse("");
    }

    private static String firstLine(String message) {
        return message.strip().lines().findFirst().orElse("").strip();
    }
}
