package io.s3conn.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.OptionalObjectAttributes;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

class ListingTest extends TestBedTestSupport {

    /** Unicode, space, plus, percent, underscore and a newline: everything that breaks naive encoding. */
    private static final String AWKWARD = "dir with space/ünï+cöde%20_x\nline.txt";

    private static S3Object listOne(String key, boolean askRestoreStatus, boolean urlEncoded) {
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(BUCKET).prefix(key);
        if (askRestoreStatus) {
            request.optionalObjectAttributes(OptionalObjectAttributes.RESTORE_STATUS);
        }
        if (urlEncoded) {
            request.encodingType(EncodingType.URL);
        }
        List<S3Object> contents = s3().listObjectsV2(request.build()).contents();
        assertThat(contents).extracting(S3Object::key).containsExactly(key);
        return contents.getFirst();
    }

    @Test
    void restore_status_is_added_only_when_the_client_asks_for_it() {
        String key = uniqueKey("asked");
        tb.put(BUCKET, key, "x", "GLACIER");
        emulator().markRestoring(BUCKET, key);

        assertThat(listOne(key, false, false).restoreStatus()).isNull();
        assertThat(listOne(key, true, false).restoreStatus().isRestoreInProgress()).isTrue();
    }

    @Test
    void restore_status_of_a_restored_object_carries_the_expiry_date() {
        String key = uniqueKey("restored");
        tb.put(BUCKET, key, "x", "DEEP_ARCHIVE");
        Instant expiry = Instant.parse("2031-05-06T07:08:09Z");
        emulator().markRestored(BUCKET, key, expiry);

        var status = listOne(key, true, false).restoreStatus();

        assertThat(status.isRestoreInProgress()).isFalse();
        assertThat(status.restoreExpiryDate()).isEqualTo(expiry);
    }

    @Test
    void objects_never_restored_have_no_restore_status_even_when_asked() {
        String key = uniqueKey("never");
        tb.put(BUCKET, key, "x", "GLACIER");

        assertThat(listOne(key, true, false).restoreStatus()).isNull();
    }

    @Test
    void restore_status_and_storage_class_survive_url_encoded_listings_of_awkward_keys() {
        String key = AWKWARD + uniqueKey("");
        tb.put(BUCKET, key, "x", "GLACIER");
        emulator().markRestoring(BUCKET, key);

        S3Object listed = listOne(key, true, true);

        assertThat(listed.storageClassAsString()).isEqualTo("GLACIER");
        assertThat(listed.restoreStatus().isRestoreInProgress()).isTrue();
    }

    @Test
    void ignore_mode_accepts_the_header_but_adds_no_restore_status() {
        emulator().setOptionalAttributesMode(OptionalAttributesMode.IGNORE);
        String key = uniqueKey("ignored");
        tb.put(BUCKET, key, "x", "GLACIER");
        emulator().markRestoring(BUCKET, key);

        S3Object listed = listOne(key, true, false);

        assertThat(listed.restoreStatus()).isNull();
        assertThat(listed.storageClassAsString()).isEqualTo("GLACIER");
    }

    @Test
    void reject_mode_answers_400_InvalidArgument_to_the_optional_attributes_header() {
        emulator().setOptionalAttributesMode(OptionalAttributesMode.REJECT);

        S3Exception e = catchThrowableOfType(S3Exception.class, () -> listOne("any", true, false));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
        assertThat(e.awsErrorDetails().errorMessage()).contains("x-amz-optional-object-attributes");
    }

    @Test
    void reject_mode_still_serves_listings_without_the_header() {
        emulator().setOptionalAttributesMode(OptionalAttributesMode.REJECT);
        String key = uniqueKey("plain");
        tb.put(BUCKET, key, "x", null);

        assertThat(listOne(key, false, false).storageClassAsString()).isEqualTo("STANDARD");
    }

    @Test
    void list_objects_v1_reports_the_emulated_storage_class() {
        String key = uniqueKey("v1");
        tb.put(BUCKET, key, "x", "DEEP_ARCHIVE");

        var contents = s3().listObjects(b -> b.bucket(BUCKET).prefix(key)).contents();

        assertThat(contents).singleElement().extracting(S3Object::storageClassAsString).isEqualTo("DEEP_ARCHIVE");
    }

    @Test
    void list_object_versions_reports_the_emulated_storage_class() {
        String key = uniqueKey("versions");
        tb.put(BUCKET, key, "x", "GLACIER");

        var versions = s3().listObjectVersions(b -> b.bucket(BUCKET).prefix(key)).versions();

        assertThat(versions).singleElement().extracting(ObjectVersion::storageClassAsString).isEqualTo("GLACIER");
    }

    @Test
    void paging_through_a_listing_keeps_every_storage_class() {
        String prefix = uniqueKey("paged") + "/";
        tb.putMany(BUCKET, List.of(prefix + "a", prefix + "b", prefix + "c"), "ONEZONE_IA", 3);

        var listed = s3().listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix).maxKeys(1)).contents().stream()
                .map(S3Object::storageClassAsString).toList();

        assertThat(listed).containsExactly("ONEZONE_IA", "ONEZONE_IA", "ONEZONE_IA");
    }
}
