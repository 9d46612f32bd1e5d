package io.s3conn.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.RestoreObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tier;

class RestoreObjectTest extends TestBedTestSupport {

    private static int restore(String key, Integer days, Tier tier) {
        return s3().restoreObject(RestoreObjectRequest.builder().bucket(BUCKET).key(key)
                        .restoreRequest(r -> {
                            r.days(days);
                            if (tier != null) {
                                r.glacierJobParameters(g -> g.tier(tier));
                            }
                        }).build())
                .sdkHttpResponse().statusCode();
    }

    private static S3Exception restoreFailure(String key, Integer days, Tier tier) {
        return catchThrowableOfType(S3Exception.class, () -> restore(key, days, tier));
    }

    @Test
    void a_new_restore_of_a_glacier_object_is_accepted_with_202() {
        String key = uniqueKey("glacier");
        tb.put(BUCKET, key, "x", "GLACIER");

        assertThat(restore(key, 1, Tier.STANDARD)).isEqualTo(202);
    }

    @Test
    void a_second_restore_while_the_first_runs_is_rejected_with_409_RestoreAlreadyInProgress() {
        emulator().setRestoreDelay(Duration.ofHours(1));
        String key = uniqueKey("deep");
        tb.put(BUCKET, key, "x", "DEEP_ARCHIVE");
        restore(key, 1, Tier.BULK);

        S3Exception e = restoreFailure(key, 1, Tier.BULK);

        assertThat(e.statusCode()).isEqualTo(409);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RestoreAlreadyInProgress");
    }

    @Test
    void restoring_an_already_restored_object_answers_200_and_moves_the_expiry_to_now_plus_days() {
        String key = uniqueKey("restored");
        tb.put(BUCKET, key, "x", "GLACIER");
        emulator().markRestored(BUCKET, key, Instant.now().plus(1, ChronoUnit.DAYS));

        assertThat(restore(key, 10, Tier.STANDARD)).isEqualTo(200);
        String header = s3().headObject(b -> b.bucket(BUCKET).key(key)).restore();
        assertThat(header).contains("ongoing-request=\"false\"")
                .contains(ArchiveHeadersTest.httpDate(Instant.now().plus(10, ChronoUnit.DAYS)).substring(0, 16));
    }

    @Test
    void a_restore_with_the_default_delay_is_complete_at_the_next_request() {
        String key = uniqueKey("quick");
        tb.put(BUCKET, key, "x", "GLACIER");
        restore(key, 3, Tier.STANDARD);

        assertThat(s3().headObject(b -> b.bucket(BUCKET).key(key)).restore()).startsWith("ongoing-request=\"false\"");
    }

    @Test
    void completing_restores_explicitly_ends_a_long_running_restore() {
        emulator().setRestoreDelay(Duration.ofDays(1));
        String key = uniqueKey("slow-restore");
        tb.put(BUCKET, key, "x", "GLACIER");
        restore(key, 2, Tier.BULK);

        emulator().completeRestores();

        assertThat(s3().getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String()).isEqualTo("x");
    }

    @Test
    void restoring_an_object_that_is_not_archived_fails_with_403_InvalidObjectState() {
        String key = uniqueKey("ir");
        tb.put(BUCKET, key, "x", "GLACIER_IR");

        S3Exception e = restoreFailure(key, 1, Tier.STANDARD);

        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidObjectState");
    }

    @Test
    void restoring_an_intelligent_tiering_object_with_days_is_rejected_with_400() {
        String key = uniqueKey("it");
        tb.put(BUCKET, key, "x", "INTELLIGENT_TIERING");
        emulator().setArchiveStatus(BUCKET, key, "ARCHIVE_ACCESS");

        S3Exception e = restoreFailure(key, 1, null);

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
    }

    @Test
    void restoring_an_intelligent_tiering_object_moves_it_out_of_the_archive_without_expiry() {
        String key = uniqueKey("it-restore");
        tb.put(BUCKET, key, "x", "INTELLIGENT_TIERING");
        emulator().setArchiveStatus(BUCKET, key, "DEEP_ARCHIVE_ACCESS");

        assertThat(restore(key, null, null)).isEqualTo(202);
        var head = s3().headObject(b -> b.bucket(BUCKET).key(key));
        assertThat(head.archiveStatusAsString()).isNull();
        assertThat(head.restore()).isEqualTo("ongoing-request=\"false\"");
    }

    @Test
    void an_expedited_restore_fails_with_503_when_expedited_retrievals_are_unavailable() {
        emulator().setExpeditedUnavailable(true);
        String key = uniqueKey("expedited");
        tb.put(BUCKET, key, "x", "GLACIER");

        S3Exception e = restoreFailure(key, 1, Tier.EXPEDITED);

        assertThat(e.statusCode()).isEqualTo(503);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("GlacierExpeditedRetrievalNotAvailable");
    }

    @Test
    void restoring_a_missing_object_fails_with_404_NoSuchKey() {
        S3Exception e = restoreFailure(uniqueKey("missing"), 1, Tier.STANDARD);

        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchKey");
    }

    @Test
    void every_restore_request_is_recorded_with_days_and_tier() {
        String key = uniqueKey("recorded");
        tb.put(BUCKET, key, "x", "DEEP_ARCHIVE");

        restore(key, 5, Tier.BULK);

        assertThat(emulator().restoreRequests()).singleElement().satisfies(r -> {
            assertThat(r.bucket()).isEqualTo(BUCKET);
            assertThat(r.key()).isEqualTo(key);
            assertThat(r.days()).isEqualTo(5);
            assertThat(r.tier()).isEqualTo("Bulk");
            assertThat(r.status()).isEqualTo(202);
        });
    }
}
