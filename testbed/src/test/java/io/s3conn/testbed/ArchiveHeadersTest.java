package io.s3conn.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

class ArchiveHeadersTest extends TestBedTestSupport {

    static String httpDate(Instant instant) {
        return DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC)
                .format(instant);
    }

    private static HeadObjectResponse head(String key) {
        return s3().headObject(b -> b.bucket(BUCKET).key(key));
    }

    @Test
    void head_of_an_object_being_restored_says_ongoing_request_true() {
        String key = uniqueKey("restoring");
        tb.put(BUCKET, key, "x", "GLACIER");
        emulator().markRestoring(BUCKET, key);

        assertThat(head(key).restore()).isEqualTo("ongoing-request=\"true\"");
    }

    @Test
    void head_of_a_restored_object_carries_the_expiry_date_in_rfc_1123() {
        String key = uniqueKey("restored");
        tb.put(BUCKET, key, "x", "DEEP_ARCHIVE");
        Instant expiry = Instant.parse("2030-01-04T00:00:00Z");
        emulator().markRestored(BUCKET, key, expiry);

        assertThat(head(key).restore())
                .isEqualTo("ongoing-request=\"false\", expiry-date=\"Fri, 04 Jan 2030 00:00:00 GMT\"");
    }

    @Test
    void head_of_a_never_restored_object_has_no_restore_header() {
        String key = uniqueKey("plain-glacier");
        tb.put(BUCKET, key, "x", "GLACIER");

        assertThat(head(key).restore()).isNull();
    }

    @Test
    void head_of_a_standard_object_omits_the_storage_class_like_s3() {
        String key = uniqueKey("standard");
        tb.put(BUCKET, key, "x", null);

        assertThat(head(key).storageClassAsString()).isNull();
    }

    @Test
    void head_of_an_intelligent_tiering_object_in_an_archive_tier_carries_its_archive_status() {
        String key = uniqueKey("it");
        tb.put(BUCKET, key, "x", "INTELLIGENT_TIERING");
        emulator().setArchiveStatus(BUCKET, key, "DEEP_ARCHIVE_ACCESS");

        assertThat(head(key).archiveStatusAsString()).isEqualTo("DEEP_ARCHIVE_ACCESS");
    }

    @Test
    void head_reports_the_object_size() {
        String key = uniqueKey("sized");
        tb.put(BUCKET, key, "12345", "GLACIER");

        assertThat(head(key).contentLength()).isEqualTo(5);
    }

    @Test
    void get_of_an_archived_object_fails_with_403_InvalidObjectState() {
        String key = uniqueKey("archived");
        tb.put(BUCKET, key, "x", "GLACIER");

        S3Exception e = catchThrowableOfType(S3Exception.class,
                () -> s3().getObjectAsBytes(b -> b.bucket(BUCKET).key(key)));

        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidObjectState");
    }

    @Test
    void get_of_an_intelligent_tiering_object_in_an_archive_tier_fails_with_403_InvalidObjectState() {
        String key = uniqueKey("it-archived");
        tb.put(BUCKET, key, "x", "INTELLIGENT_TIERING");
        emulator().setArchiveStatus(BUCKET, key, "ARCHIVE_ACCESS");

        S3Exception e = catchThrowableOfType(S3Exception.class,
                () -> s3().getObjectAsBytes(b -> b.bucket(BUCKET).key(key)));

        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidObjectState");
    }

    @Test
    void get_of_a_restored_object_returns_its_content() {
        String key = uniqueKey("readable");
        tb.put(BUCKET, key, "content", "GLACIER");
        emulator().markRestored(BUCKET, key, Instant.now().plus(1, ChronoUnit.DAYS));

        assertThat(s3().getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String()).isEqualTo("content");
    }

    @Test
    void a_restored_copy_past_its_expiry_is_archived_again() {
        String key = uniqueKey("expired");
        tb.put(BUCKET, key, "x", "GLACIER");
        emulator().markRestored(BUCKET, key, Instant.now().minusSeconds(5));

        assertThat(head(key).restore()).isNull();
    }
}
