package io.s3conn.kafka.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.slf4j.event.EventRecodingLogger;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPLogger;
import org.slf4j.helpers.SubstituteLogger;

import io.s3conn.core.s3.RequestFailure;
import io.s3conn.destination.s3.UploadRefusedException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class OutageTest {

    private final AtomicLong now = new AtomicLong();
    private final Outage outage = new Outage(NOPLogger.NOP_LOGGER, "reading", "photos", now::get);

    @Test
    void theWaitsDoubleFromOneSecondUpToThirtySeconds() {
        assertThat(IntStream.rangeClosed(1, 7).mapToObj(i -> outage.failed(RequestFailure.THROTTLED, slowDown()).toSeconds()))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
    }

    @Test
    void theNextAttemptIsDueOnceTheWaitIsOver() {
        outage.failed(RequestFailure.THROTTLED, slowDown());
        now.addAndGet(Duration.ofMillis(400).toNanos());

        assertThat(outage.untilRetry()).isEqualTo(Duration.ofMillis(600));
        now.addAndGet(Duration.ofMillis(600).toNanos());
        assertThat(outage.untilRetry()).isZero();
    }

    @Test
    void aSuccessEndsTheEpisodeAndTheNextFailureWaitsOneSecondAgain() {
        outage.failed(RequestFailure.THROTTLED, slowDown());
        outage.failed(RequestFailure.THROTTLED, slowDown());

        outage.succeeded();

        assertThat(outage.ongoing()).isFalse();
        assertThat(outage.failed(RequestFailure.THROTTLED, slowDown())).isEqualTo(Duration.ofSeconds(1));
    }

    /** Before, the SDK's sentence: "Please reduce your request rate. (Service: S3, Status Code: 503, Request ID: ...)". */
    @Test
    void aFailedRequestIsShownInTheCliWordsNamingTheBucketItsCodeAndStatus() {
        IllegalStateException wrapped = new IllegalStateException("reader thread", slowDown());

        assertThat(Outage.oneLine(wrapped, "photos")).isEqualTo("S3 request to bucket photos failed: SlowDown (HTTP 503)");
    }

    @Test
    void aRefusedRequestIsShownAsTheCliShowsIt() {
        S3Exception refused = (S3Exception) S3Exception.builder().statusCode(403).message("Access Denied (Service: S3, Status "
                + "Code: 403, Request ID: 1)").awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").build()).build();

        assertThat(Outage.oneLine(refused, "photos"))
                .isEqualTo("access refused to bucket photos (AccessDenied): check the credentials and their permissions");
    }

    /** Before, the SDK's sentence: "Unable to execute HTTP request: Connection refused", naming neither endpoint nor bucket. */
    @Test
    void aRequestThatReachedNoServerIsShownAsTheCliShowsIt() {
        SdkClientException unanswered = SdkClientException.builder().message("Unable to execute HTTP request: Connection refused")
                .cause(new ConnectException("Connection refused")).build();

        assertThat(Outage.oneLine(new IllegalStateException("reader thread", unanswered), "photos"))
                .isEqualTo("cannot reach the S3 endpoint for bucket photos: ConnectException (Connection refused)");
    }

    /** Ceph RGW refuses a storage class it was not configured with by a 400 without words: what was sent says why. */
    @Test
    void anUploadRefusedWithoutWordsIsShownWithTheObjectAndTheSettingsSent() {
        S3Exception wordless = (S3Exception) S3Exception.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidArgument").build()).build();
        RuntimeException failed = new IllegalStateException("batch failed", new UploadRefusedException("archive",
                "photos/2026/12/01/a112e2fd3de9d7d8790b.jsonl", "storage class GLACIER_IR", wordless));

        assertThat(Outage.oneLine(failed, "archive")).isEqualTo("upload of photos/2026/12/01/a112e2fd3de9d7d8790b.jsonl to bucket archive "
                + "refused, sent with storage class GLACIER_IR: InvalidArgument (HTTP 400); check that the server takes "
                + "these settings (storage-class, sse, acl)");
    }

    /** A prefix or a range's key may hold a newline or ESC: each log line of an episode stays one line, shown escaped. */
    @Test
    void theLinesOfAnEpisodeShowControlCharactersOfTheKeysEscaped() {
        Queue<SubstituteLoggingEvent> events = new ConcurrentLinkedQueue<>();
        EventRecodingLogger log = new EventRecodingLogger(new SubstituteLogger("task", events, true), events);
        Outage logged = new Outage(log, "reading s3://photos/2026\n[forged] \u001b[31m/ range [a\u2028b, c)", "photos", now::get);

        logged.failed(RequestFailure.THROTTLED, slowDown());
        logged.succeeded();

        List<String> lines = events.stream()
                .map(event -> MessageFormatter.arrayFormat(event.getMessage(), event.getArgumentArray()).getMessage()).toList();
        assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line)
                .startsWith("reading s3://photos/2026\\x0a[forged] \\x1b[31m/ range [a\\u2028b, c) ")
                .doesNotContain("\n", "\u001b", "\u2028"));
    }

    private static S3Exception slowDown() {
        return (S3Exception) S3Exception.builder().statusCode(503).message("Please reduce your request rate. (Service: S3, Status Code: 503, Request ID: 1)\nsecond line")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("SlowDown").build()).build();
    }
}
