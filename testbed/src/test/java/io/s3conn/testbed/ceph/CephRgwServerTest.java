package io.s3conn.testbed.ceph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.s3conn.testbed.TestBed;
import io.s3conn.testbed.TestBedMain;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.OptionalObjectAttributes;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.Tier;

/**
 * One real Ceph RGW for the class: that it works as an S3 server for s3conn's purposes, and the facts of how
 * RGW 16.2 differs from Amazon S3 that s3conn must cope with. Those facts tests are exact on purpose: when one
 * fails, RGW's behaviour changed and so must the code that copes with it.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CephRgwServerTest {

    /** Keys that break naive encoding in either direction. */
    private static final List<String> AWKWARD_KEYS = List.of(
            "awkward/a+b", "awkward/100%", "awkward/%41", "awkward/%%", "awkward/with space/x y.txt",
            "awkward/ünïcödé ☃ 日本", "awkward/line\nbreak", "awkward/all +%41%% ü\n.txt");

    private static CephRgwServer rgw;
    private static Duration startUp;
    /** The body of the last response, as RGW sent it, before the SDK decoded anything. */
    private static final AtomicReference<String> lastBody = new AtomicReference<>();
    private static S3Client raw;

    @BeforeAll
    static void start() {
        boolean installed = CephRgwServer.BINARIES.stream().allMatch(b -> CephRgwServer.findBinary(b).isPresent());
        if (!installed) {
            // Without the packages the fixture must say what to install rather than fail obscurely.
            assertThatThrownBy(CephRgwServer::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ceph-mon ceph-mgr ceph-osd radosgw ceph-common");
            Assumptions.abort("Ceph is not installed (.ci/run installs it)");
        }
        long t0 = System.nanoTime();
        rgw = CephRgwServer.start();
        startUp = Duration.ofNanos(System.nanoTime() - t0);
        System.err.println("CephRgwServerTest: " + rgw + " up in " + startUp.toMillis() + " ms");
        raw = rawCapturingClient();
    }

    @AfterAll
    static void stop() {
        if (rgw == null) {
            return;
        }
        raw.close();
        Path base = rgw.baseDir();
        List<ProcessHandle> daemons = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains(base.toString())).toList();
        rgw.close();
        rgw = null;
        assertThat(daemons).as("guards and daemons while running").hasSizeGreaterThanOrEqualTo(4);
        assertThat(daemons).as("nothing left behind").noneMatch(ProcessHandle::isAlive);
        assertThat(base).as("base directory deleted").doesNotExist();
    }

    /** README's "By hand": {@code TestBedMain change} on {@code serve --server ceph}, whose demo bucket holds fewer objects. */
    @Test
    void the_demo_change_deletes_an_object_the_demo_bucket_held() {
        TestBedMain.seedDemo(rgw);
        List<S3Object> before = rgw.client().listObjectsV2(b -> b.bucket(TestBedMain.DEMO_BUCKET)).contents();

        TestBedMain.DemoChange change = TestBedMain.changeDemo(rgw.client());

        assertThat(before).extracting(S3Object::key).contains(change.deleted());
        assertThat(rgw.client().listObjectsV2(b -> b.bucket(TestBedMain.DEMO_BUCKET)).contents()).extracting(S3Object::key)
                .doesNotContain(change.deleted()).contains(change.added());
    }

    @Test
    void starts_on_loopback_in_its_own_directory_within_the_budget() throws IOException {
        assertThat(rgw.name()).isEqualTo("Ceph RGW");
        assertThat(rgw.endpoint().toString()).startsWith("http://127.0.0.1:");
        assertThat(rgw.accessKeyId()).isEqualTo(TestBed.ACCESS_KEY_ID);
        assertThat(rgw.secretAccessKey()).isEqualTo(TestBed.SECRET_ACCESS_KEY);
        assertThat(rgw.restoresArchives()).isFalse();
        assertThat(rgw.storageClasses()).containsExactlyInAnyOrder("STANDARD", "GLACIER", "STANDARD_IA",
                "DEEP_ARCHIVE");
        // Target ~25 s on two shared cores; generous here so a busy machine does not fail the build.
        assertThat(startUp).isLessThan(Duration.ofSeconds(90));
        try (var files = Files.list(rgw.baseDir().resolve("run"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .as("admin sockets and pid files under the base directory")
                    .anyMatch(n -> n.startsWith("mon.a") && n.endsWith(".asok"))
                    .contains("mon.a.pid", "osd.0.pid");
        }
        assertThat(rgw.rgwLog()).exists().startsWith(rgw.baseDir());
        assertThat(rgw.radosgwAdmin("user", "info", "--uid=s3conn")).contains(TestBed.ACCESS_KEY_ID);
    }

    @Test
    void put_get_list_and_delete_work() {
        String bucket = "basics";
        rgw.createBucket(bucket);
        rgw.put(bucket, "dir/hello.txt", "hello", null);
        rgw.putMany(bucket, List.of("many/1", "many/2", "many/3"), 2);

        assertThat(rgw.client().getObjectAsBytes(b -> b.bucket(bucket).key("dir/hello.txt")).asUtf8String())
                .isEqualTo("hello");
        assertThat(rgw.client().listObjectsV2(b -> b.bucket(bucket)).contents())
                .extracting(S3Object::key, S3Object::storageClassAsString)
                .containsExactly(
                        tuple("dir/hello.txt", "STANDARD"),
                        tuple("many/1", "STANDARD"),
                        tuple("many/2", "STANDARD"),
                        tuple("many/3", "STANDARD"));
        assertThat(rgw.client().listObjectsV2(b -> b.bucket(bucket).prefix("many/").maxKeys(2)).nextContinuationToken())
                .isNotNull();

        rgw.client().deleteObject(b -> b.bucket(bucket).key("many/2"));
        assertThat(rgw.client().listObjectsV2(b -> b.bucket(bucket).prefix("many/")).contents())
                .extracting(S3Object::key).containsExactly("many/1", "many/3");
    }

    @Test
    void awkward_keys_round_trip_through_put_get_and_listings_plain_and_url_encoded() {
        String bucket = "awkward-keys";
        rgw.createBucket(bucket);
        for (String key : AWKWARD_KEYS) {
            rgw.put(bucket, key, "body of " + key, null);
        }
        List<String> sorted = AWKWARD_KEYS.stream()
                .sorted((a, b) -> compareUtf8(a, b)).toList();

        assertThat(rgw.client().listObjectsV2(b -> b.bucket(bucket)).contents())
                .extracting(S3Object::key).containsExactlyElementsOf(sorted);
        // Key elements are encoded correctly (only the marker-like fields are not, see below).
        assertThat(rgw.client().listObjectsV2(b -> b.bucket(bucket).encodingType(EncodingType.URL)).contents())
                .extracting(S3Object::key).containsExactlyElementsOf(sorted);
        for (String key : AWKWARD_KEYS) {
            assertThat(rgw.client().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String())
                    .as("GET %s", key).isEqualTo("body of " + key);
        }
    }

    @Test
    void storage_classes_are_accepted_and_reported_in_listings_and_head() {
        String bucket = "classes";
        rgw.createBucket(bucket);
        for (String storageClass : List.of("GLACIER", "STANDARD_IA", "DEEP_ARCHIVE")) {
            rgw.put(bucket, storageClass.toLowerCase(), storageClass, storageClass);
        }
        rgw.put(bucket, "standard", "STANDARD", null);

        assertThat(rgw.client().listObjectsV2(b -> b.bucket(bucket)).contents())
                .extracting(S3Object::key, S3Object::storageClassAsString)
                .containsExactly(
                        tuple("deep_archive", "DEEP_ARCHIVE"),
                        tuple("glacier", "GLACIER"),
                        tuple("standard", "STANDARD"),
                        tuple("standard_ia", "STANDARD_IA"));
        assertThat(rgw.client().headObject(b -> b.bucket(bucket).key("standard_ia")).storageClassAsString())
                .isEqualTo("STANDARD_IA");
        // Each class has its own data pool, as configured.
        assertThat(rgw.radosgwAdmin("zone", "get", "--rgw-zone", "default"))
                .contains(CephRgwServer.dataPool("GLACIER"), CephRgwServer.dataPool("DEEP_ARCHIVE"));
    }

    @Test
    void rgw_refuses_storage_classes_it_is_not_configured_with() {
        String bucket = "unknown-classes";
        rgw.createBucket(bucket);
        for (String storageClass : List.of("GLACIER_IR", "ONEZONE_IA")) {
            S3Exception e = catchThrowableOfType(S3Exception.class,
                    () -> rgw.put(bucket, "k", "x", storageClass));
            assertThat(e.statusCode()).as(storageClass).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).as(storageClass).isEqualTo("InvalidArgument");
        }
    }

    @Test
    void rgw_stores_a_key_of_1024_bytes_and_refuses_one_of_1025() {
        String bucket = "key-lengths";
        rgw.createBucket(bucket);
        String longest = "k/" + "é".repeat(511); // 1,024 bytes of UTF-8

        rgw.put(bucket, longest, "x", null);
        S3Exception e = catchThrowableOfType(S3Exception.class, () -> rgw.put(bucket, longest + "x", "x", null));

        assertThat(rgw.client().listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(o -> o.key())
                .containsExactly(longest);
        assertThat(e.statusCode()).isEqualTo(400);
    }

    @Test
    void rgw_serves_archived_objects_at_once_without_restore_headers() {
        String bucket = "archived";
        rgw.createBucket(bucket);
        rgw.put(bucket, "glacier", "cold", "GLACIER");
        rgw.put(bucket, "deep", "colder", "DEEP_ARCHIVE");

        // Amazon S3: 403 InvalidObjectState until restored.
        assertThat(rgw.client().getObjectAsBytes(b -> b.bucket(bucket).key("glacier")).asUtf8String())
                .isEqualTo("cold");
        assertThat(rgw.client().getObjectAsBytes(b -> b.bucket(bucket).key("deep")).asUtf8String())
                .isEqualTo("colder");
        HeadObjectResponse head = rgw.client().headObject(b -> b.bucket(bucket).key("glacier"));
        assertThat(head.storageClassAsString()).isEqualTo("GLACIER");
        assertThat(head.restore()).as("no x-amz-restore").isNull();
        assertThat(head.sdkHttpResponse().headers()).doesNotContainKey("x-amz-restore")
                .containsEntry("x-rgw-object-type", List.of("Normal"));
    }

    @Test
    void rgw_answers_restore_object_with_501_not_implemented() {
        String bucket = "restore";
        rgw.createBucket(bucket);
        rgw.put(bucket, "glacier", "cold", "GLACIER");

        S3Exception e = catchThrowableOfType(S3Exception.class, () -> raw.restoreObject(b -> b.bucket(bucket)
                .key("glacier").restoreRequest(r -> r.days(1).glacierJobParameters(j -> j.tier(Tier.STANDARD)))));

        assertThat(e.statusCode()).isEqualTo(501);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
        assertThat(lastBody.get()).contains("<Code>NotImplemented</Code>").contains("<Message></Message>");
        // And the object stays as it was: no restore in progress to be seen.
        assertThat(rgw.client().headObject(b -> b.bucket(bucket).key("glacier")).restore()).isNull();
    }

    @Test
    void rgw_ignores_the_restore_status_optional_attribute_in_listings() {
        String bucket = "restore-status";
        rgw.createBucket(bucket);
        rgw.put(bucket, "glacier", "cold", "GLACIER");

        ListObjectsV2Response listing = raw.listObjectsV2(b -> b.bucket(bucket)
                .optionalObjectAttributes(OptionalObjectAttributes.RESTORE_STATUS));

        assertThat(listing.contents()).singleElement().satisfies(o -> assertThat(o.restoreStatus()).isNull());
        assertThat(lastBody.get()).doesNotContain("RestoreStatus")
                .as("a non-standard element per entry").contains("<Type>Normal</Type>");
    }

    @Test
    void rgw_list_object_versions_with_a_key_marker_alone_includes_the_marker_keys_versions() {
        String bucket = "versions-marker";
        rgw.createBucket(bucket);
        rgw.enableVersioning(bucket);
        for (String key : List.of("a", "b", "c")) {
            rgw.put(bucket, key, key + "1", null);
            rgw.put(bucket, key, key + "2", null);
        }

        ListObjectVersionsResponse page = rgw.client().listObjectVersions(b -> b.bucket(bucket).keyMarker("b"));

        // Amazon S3 starts after the marker key: c, c.
        assertThat(page.versions()).extracting(ObjectVersion::key).containsExactly("b", "b", "c", "c");
        assertThat(page.keyMarker()).isEqualTo("b");
        assertThat(page.versionIdMarker()).isEmpty();
        // Objects written before versioning (version "null") are not affected: the page starts after the marker.
        String unversioned = "versions-marker-null";
        rgw.createBucket(unversioned);
        for (String key : List.of("a", "b", "c")) {
            rgw.put(unversioned, key, key, null);
        }
        assertThat(rgw.client().listObjectVersions(b -> b.bucket(unversioned).keyMarker("b")).versions())
                .extracting(ObjectVersion::key, ObjectVersion::versionId).containsExactly(tuple("c", "null"));
        // With a version-id-marker as well, the page starts after that version, as on S3.
        String newestB = page.versions().getFirst().versionId();
        assertThat(rgw.client().listObjectVersions(b -> b.bucket(bucket).keyMarker("b").versionIdMarker(newestB))
                .versions()).extracting(ObjectVersion::key).containsExactly("b", "c", "c");
    }

    @Test
    void rgw_returns_start_after_prefix_and_markers_unencoded_in_url_encoded_listings() {
        String bucket = "encoding";
        rgw.createBucket(bucket);
        for (String key : List.of("a+b", "c+d", "e%f", "g h", "p+q/x")) {
            rgw.put(bucket, key, "x", null);
        }

        // ListObjectsV2: Key is encoded, StartAfter and Prefix are not; the SDK decodes all of them.
        ListObjectsV2Response v2 = raw.listObjectsV2(b -> b.bucket(bucket).encodingType(EncodingType.URL)
                .startAfter("a+b").maxKeys(1));
        assertThat(lastBody.get()).contains("<Key>c%2Bd</Key>", "<StartAfter>a+b</StartAfter>",
                "<NextContinuationToken>c+d</NextContinuationToken>");
        assertThat(v2.contents()).extracting(S3Object::key).containsExactly("c+d");
        assertThat(v2.startAfter()).as("the SDK decodes the unencoded + to a space").isEqualTo("a b");

        ListObjectsV2Response prefixed = raw.listObjectsV2(b -> b.bucket(bucket).encodingType(EncodingType.URL)
                .prefix("c+"));
        assertThat(lastBody.get()).contains("<Prefix>c+</Prefix>", "<Key>c%2Bd</Key>");
        assertThat(prefixed.prefix()).isEqualTo("c ");
        assertThat(prefixed.contents()).extracting(S3Object::key).containsExactly("c+d");

        // CommonPrefixes are encoded, like keys.
        ListObjectsV2Response delimited = raw.listObjectsV2(b -> b.bucket(bucket).encodingType(EncodingType.URL)
                .delimiter("/"));
        assertThat(lastBody.get()).contains("<CommonPrefixes><Prefix>p%2Bq/</Prefix></CommonPrefixes>");
        assertThat(delimited.commonPrefixes()).extracting(p -> p.prefix()).containsExactly("p+q/");

        // ListObjects (v1): Marker and NextMarker unencoded.
        ListObjectsResponse v1 = raw.listObjects(b -> b.bucket(bucket).encodingType(EncodingType.URL)
                .marker("a+b").maxKeys(1));
        assertThat(lastBody.get()).contains("<Marker>a+b</Marker>", "<NextMarker>c+d</NextMarker>");
        assertThat(v1.marker()).isEqualTo("a b");
        assertThat(v1.nextMarker()).isEqualTo("c d");

        // ListObjectVersions: KeyMarker and NextKeyMarker unencoded.
        ListObjectVersionsResponse versions = raw.listObjectVersions(b -> b.bucket(bucket)
                .encodingType(EncodingType.URL).keyMarker("a+b").maxKeys(1));
        assertThat(lastBody.get()).contains("<KeyMarker>a+b</KeyMarker>", "<NextKeyMarker>c+d</NextKeyMarker>",
                "<Key>c%2Bd</Key>");
        assertThat(versions.keyMarker()).isEqualTo("a b");
        assertThat(versions.nextKeyMarker()).as("a client resuming from this skips or repeats keys")
                .isEqualTo("c d");
        assertThat(versions.versions()).extracting(ObjectVersion::key).containsExactly("c+d");

        // A % not followed by two hex digits in an unencoded marker breaks the SDK's decoding outright.
        Throwable broken = catchThrowable(() -> raw.listObjectVersions(b -> b
                .bucket(bucket).encodingType(EncodingType.URL).keyMarker("c+d").maxKeys(1)));
        assertThat(lastBody.get()).contains("<NextKeyMarker>e%f</NextKeyMarker>", "<Key>e%25f</Key>");
        assertThat(broken).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("URLDecoder: Incomplete trailing escape (%) pattern");
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Like {@link TestBed#newClient}, keeping the last response body so tests can see RGW's exact XML. */
    private static S3Client rawCapturingClient() {
        return S3Client.builder()
                .endpointOverride(rgw.endpoint())
                .region(Region.of(rgw.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(rgw.accessKeyId(), rgw.secretAccessKey())))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                                           ExecutionAttributes attributes) {
                        Optional<InputStream> body = context.responseBody();
                        if (body.isEmpty()) {
                            lastBody.set("");
                            return body;
                        }
                        try {
                            byte[] bytes = body.get().readAllBytes();
                            lastBody.set(new String(bytes, StandardCharsets.UTF_8));
                            return Optional.of(new ByteArrayInputStream(bytes));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }))
                .build();
    }

    /** S3 lists keys in the order of their UTF-8 bytes. */
    private static int compareUtf8(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
