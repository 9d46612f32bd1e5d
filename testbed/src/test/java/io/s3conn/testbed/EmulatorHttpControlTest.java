package io.s3conn.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

import io.s3conn.testbed.events.DeliverySwitches;
import software.amazon.awssdk.services.s3.model.OptionalObjectAttributes;
import software.amazon.awssdk.services.s3.model.S3Exception;

class EmulatorHttpControlTest extends TestBedTestSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> call(String method, String pathAndQuery) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(tb.endpoint() + pathAndQuery))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void faults_switched_on_over_http_hit_s3_requests() {
        assertThat(call("PUT", "/_emulator/faults?rate=1&kinds=INTERNAL_ERROR&seed=1").statusCode()).isEqualTo(200);

        assertThatThrownBy(() -> s3().headBucket(b -> b.bucket(BUCKET)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(500));
        assertThat(emulator().stats().faults(FaultKind.INTERNAL_ERROR)).isPositive();
    }

    @Test
    void the_optional_attributes_mode_can_be_switched_over_http() {
        call("PUT", "/_emulator/optional-attributes?mode=REJECT");

        assertThat(emulator().optionalAttributesMode()).isEqualTo(OptionalAttributesMode.REJECT);
    }

    @Test
    void archive_status_can_be_set_over_http_for_awkward_keys() {
        String key = uniqueKey("it ü+%");
        tb.put(BUCKET, key, "x", "INTELLIGENT_TIERING");

        var response = call("PUT", "/_emulator/archive-status?bucket=" + BUCKET + "&key="
                + URLEncoder.encode(key, StandardCharsets.UTF_8) + "&status=ARCHIVE_ACCESS");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(s3().headObject(b -> b.bucket(BUCKET).key(key)).archiveStatusAsString()).isEqualTo("ARCHIVE_ACCESS");
    }

    @Test
    void in_flight_restores_can_be_completed_over_http() {
        String key = uniqueKey("complete");
        tb.put(BUCKET, key, "x", "GLACIER");
        emulator().markRestoring(BUCKET, key);

        assertThat(call("POST", "/_emulator/restores/complete").body()).isEqualTo("{\"completed\":1}");
        assertThat(s3().listObjectsV2(b -> b.bucket(BUCKET).prefix(key)
                .optionalObjectAttributes(OptionalObjectAttributes.RESTORE_STATUS))
                .contents().getFirst().restoreStatus().isRestoreInProgress()).isFalse();
    }

    @Test
    void stats_are_served_as_json_and_control_calls_are_not_counted() {
        String key = uniqueKey("stats");
        tb.put(BUCKET, key, "x", null);

        String json = call("GET", "/_emulator/stats").body();

        assertThat(json).contains("\"PutObject\":1").contains("\"Other\":0").contains("\"SLOW_DOWN\":0");
    }

    @Test
    void reset_over_http_restores_the_defaults() {
        emulator().setOptionalAttributesMode(OptionalAttributesMode.IGNORE);

        call("POST", "/_emulator/reset");

        assertThat(emulator().optionalAttributesMode()).isEqualTo(OptionalAttributesMode.HONOR);
    }

    @Test
    void how_event_messages_are_delivered_can_be_switched_over_http() {
        assertThat(call("PUT", "/_emulator/notifications/delivery?delayMillis=1500&dropRate=0.25&duplicateRate=0.5&reorderMillis=400")
                .statusCode()).isEqualTo(200);

        assertThat(emulator().notifications().switches()).satisfies(switches -> {
            assertThat(switches.delay()).hasMillis(1500);
            assertThat(switches.dropRate()).isEqualTo(0.25);
            assertThat(switches.duplicateRate()).isEqualTo(0.5);
            assertThat(switches.reorder()).isTrue();
            assertThat(switches.reorderWindow()).hasMillis(400);
        });
        assertThat(call("DELETE", "/_emulator/notifications/delivery").statusCode()).isEqualTo(200);
        assertThat(emulator().notifications().switches()).isEqualTo(DeliverySwitches.none());
    }

    @Test
    void invalid_control_input_is_answered_with_400() {
        assertThat(call("PUT", "/_emulator/faults?rate=2&kinds=RESET").statusCode()).isEqualTo(400);
        assertThat(call("PUT", "/_emulator/optional-attributes?mode=SOMETIMES").statusCode()).isEqualTo(400);
        assertThat(call("PUT", "/_emulator/notifications/delivery?dropRate=2").statusCode()).isEqualTo(400);
    }

    @Test
    void a_misspelt_query_parameter_is_answered_with_400_naming_it_and_sets_nothing() {
        var response = call("PUT", "/_emulator/notifications/delivery?delayMilis=2000");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("unknown query parameter delayMilis").contains("delayMillis");
        assertThat(emulator().notifications().switches()).isEqualTo(DeliverySwitches.none());
    }

    /** The parameters a call takes are the ones it reads: a call that reads none refuses any, and is not made. */
    @Test
    void a_query_parameter_of_a_call_that_takes_none_is_answered_with_400_and_the_call_is_not_made() {
        emulator().setOptionalAttributesMode(OptionalAttributesMode.IGNORE);

        var response = call("POST", "/_emulator/reset?all=true");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("unknown query parameter all of POST /reset, which takes none");
        assertThat(emulator().optionalAttributesMode()).isEqualTo(OptionalAttributesMode.IGNORE);
        emulator().reset();
    }

    @Test
    void unknown_control_calls_are_answered_with_404() {
        assertThat(call("GET", "/_emulator/nothing-here").statusCode()).isEqualTo(404);
    }
}
