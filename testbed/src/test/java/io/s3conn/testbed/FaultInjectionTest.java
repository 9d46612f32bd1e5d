package io.s3conn.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

class FaultInjectionTest extends TestBedTestSupport {

    @Test
    void injected_faults_are_retried_to_success_by_the_sdk_default_retry_strategy() {
        emulator().setFaults(0.3, EnumSet.of(FaultKind.SLOW_DOWN, FaultKind.INTERNAL_ERROR, FaultKind.RESET),
                Duration.ZERO, 42L);

        for (int i = 0; i < 20; i++) {
            String key = uniqueKey("faulty");
            tb.put(BUCKET, key, "value " + i, null);
            assertThat(s3().getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String()).isEqualTo("value " + i);
        }

        EmulatorStats stats = emulator().stats();
        assertThat(stats.faults(FaultKind.SLOW_DOWN)).isPositive();
        assertThat(stats.faults(FaultKind.INTERNAL_ERROR)).isPositive();
        assertThat(stats.faults(FaultKind.RESET)).isPositive();
        assertThat(stats.requests(S3Operation.PUT_OBJECT)).isGreaterThan(20);
    }

    @Test
    void listings_limited_to_a_prefix_are_refused_elsewhere_in_the_bucket_and_answered_under_it() {
        String key = uniqueKey("limited");
        tb.put(BUCKET, "allowed/" + key, "x", null);
        emulator().limitListings(BUCKET, "allowed/");

        assertThatThrownBy(() -> s3().listObjectsV2(b -> b.bucket(BUCKET).maxKeys(1)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        assertThat(s3().listObjectsV2(b -> b.bucket(BUCKET).prefix("allowed/" + key)).keyCount()).isEqualTo(1);
    }

    @Test
    void a_slow_fault_delays_the_response_by_the_configured_duration() {
        emulator().setFaults(1.0, EnumSet.of(FaultKind.SLOW), Duration.ofMillis(300), 1L);
        String key = uniqueKey("slow");

        long start = System.nanoTime();
        tb.put(BUCKET, key, "x", null);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void too_many_requests_and_access_denied_are_answered_with_their_status_and_s3_code() {
        String key = uniqueKey("answered");
        tb.put(BUCKET, key, "x", null);

        try (S3Client once = TestBed.newClientWithoutRetries(tb.endpoint())) {
            emulator().setFaults(1.0, EnumSet.of(FaultKind.TOO_MANY_REQUESTS), Duration.ZERO, 1L);
            assertThatThrownBy(() -> once.headObject(b -> b.bucket(BUCKET).key(key)))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(429));
            emulator().setFaults(1.0, EnumSet.of(FaultKind.ACCESS_DENIED), Duration.ZERO, 1L);
            assertThatThrownBy(() -> once.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        }
    }

    @Test
    void a_truncated_response_breaks_off_half_way_through_its_body() throws IOException {
        String key = uniqueKey("truncated");
        tb.put(BUCKET, key, "0123456789", null);
        emulator().setFaults(1.0, EnumSet.of(FaultKind.TRUNCATED), Duration.ZERO, 1L);

        try (S3Client once = TestBed.newClientWithoutRetries(tb.endpoint());
             ResponseInputStream<GetObjectResponse> body = once.getObject(b -> b.bucket(BUCKET).key(key))) {
            assertThat(body.response().contentLength()).isEqualTo(10);
            byte[] received = new byte[10];
            int read = body.readNBytes(received, 0, 5);
            assertThat(new String(received, 0, read, StandardCharsets.UTF_8)).isEqualTo("01234");
            assertThatThrownBy(body::read).isInstanceOf(IOException.class);
        }
    }

    @Test
    void fixed_latency_is_added_to_every_request() {
        emulator().setLatency(Duration.ofMillis(100));
        String key = uniqueKey("latency");
        tb.put(BUCKET, key, "x", null);

        long start = System.nanoTime();
        s3().headObject(b -> b.bucket(BUCKET).key(key));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void requests_are_counted_per_operation_and_reset_on_demand() {
        String key = uniqueKey("counted");
        tb.put(BUCKET, key, "x", null);
        s3().headObject(b -> b.bucket(BUCKET).key(key));
        s3().listObjectsV2(b -> b.bucket(BUCKET).prefix(key));

        EmulatorStats stats = emulator().stats();
        assertThat(stats.requests(S3Operation.PUT_OBJECT)).isEqualTo(1);
        assertThat(stats.requests(S3Operation.HEAD_OBJECT)).isEqualTo(1);
        assertThat(stats.requests(S3Operation.LIST_OBJECTS_V2)).isEqualTo(1);

        emulator().resetStats();
        assertThat(emulator().stats().totalRequests()).isZero();
    }
}
