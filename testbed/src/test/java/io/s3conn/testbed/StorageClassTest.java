package io.s3conn.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.OptionalObjectAttributes;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

class StorageClassTest extends TestBedTestSupport {

    private static String listedClass(String key) {
        List<S3Object> contents = s3().listObjectsV2(b -> b.bucket(BUCKET).prefix(key)).contents();
        assertThat(contents).hasSize(1);
        return contents.getFirst().storageClassAsString();
    }

    private static String headClass(String key) {
        return s3().headObject(b -> b.bucket(BUCKET).key(key)).storageClassAsString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"STANDARD", "STANDARD_IA", "ONEZONE_IA", "REDUCED_REDUNDANCY", "GLACIER_IR", "GLACIER",
            "DEEP_ARCHIVE", "INTELLIGENT_TIERING"})
    void a_put_storage_class_comes_back_in_listings_and_head(String storageClass) {
        String key = uniqueKey("put-" + storageClass);
        tb.put(BUCKET, key, "x", storageClass);

        assertThat(listedClass(key)).isEqualTo(storageClass);
        assertThat(headClass(key)).isEqualTo(storageClass.equals("STANDARD") ? null : storageClass);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GLACIER", "DEEP_ARCHIVE", "STANDARD_IA"})
    void a_copy_keeps_the_storage_class_the_client_asked_for(String storageClass) {
        String source = uniqueKey("copy-source");
        String target = uniqueKey("copy-target");
        tb.put(BUCKET, source, "x", null);

        s3().copyObject(b -> b.sourceBucket(BUCKET).sourceKey(source).destinationBucket(BUCKET)
                .destinationKey(target).storageClass(storageClass));

        assertThat(listedClass(target)).isEqualTo(storageClass);
    }

    @Test
    void a_multipart_upload_keeps_the_storage_class_of_its_creation() {
        String key = uniqueKey("multipart");
        String uploadId = s3().createMultipartUpload(b -> b.bucket(BUCKET).key(key).storageClass("DEEP_ARCHIVE"))
                .uploadId();
        String etag = s3().uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromString("part")).eTag();

        s3().completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));

        assertThat(listedClass(key)).isEqualTo("DEEP_ARCHIVE");
    }

    @Test
    void overwriting_an_object_resets_its_storage_class_and_restore_state() {
        String key = uniqueKey("overwrite");
        tb.put(BUCKET, key, "x", "GLACIER");
        emulator().markRestoring(BUCKET, key);

        tb.put(BUCKET, key, "y", null);

        S3Object listed = s3().listObjectsV2(b -> b.bucket(BUCKET).prefix(key)
                .optionalObjectAttributes(OptionalObjectAttributes.RESTORE_STATUS)).contents().getFirst();
        assertThat(listed.storageClassAsString()).isEqualTo("STANDARD");
        assertThat(listed.restoreStatus()).isNull();
    }

    @Test
    void a_batch_delete_forgets_the_archive_state_of_the_deleted_objects() {
        String key = uniqueKey("batch-delete");
        tb.put(BUCKET, key, "x", "GLACIER");

        s3().deleteObjects(b -> b.bucket(BUCKET)
                .delete(d -> d.objects(ObjectIdentifier.builder().key(key).build()).quiet(true)));

        assertThat(restoreErrorCode(key)).isEqualTo("NoSuchKey");
    }

    @Test
    void a_single_delete_forgets_the_archive_state() {
        String key = uniqueKey("delete");
        tb.put(BUCKET, key, "x", "GLACIER");

        s3().deleteObject(b -> b.bucket(BUCKET).key(key));

        assertThat(restoreErrorCode(key)).isEqualTo("NoSuchKey");
    }

    /** The emulator answers RestoreObject from its registry, so NoSuchKey proves the entry is gone. */
    private static String restoreErrorCode(String key) {
        S3Exception e = catchThrowableOfType(S3Exception.class, () -> s3().restoreObject(b -> b.bucket(BUCKET).key(key)
                .restoreRequest(r -> r.days(1))));
        return e.awsErrorDetails().errorCode();
    }
}
