package io.s3conn.testbed.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.s3conn.testbed.TestBed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SyntheticBucketServerTest {

    private static final int KEYS = 2_345;
    /** Plus, percent, space, unicode (one supplementary), a newline, a carriage return and a control character. */
    private static final List<String> AWKWARD = List.of("a+b", "a%2Bb", "a b", "ä/ö", "\uD83D\uDE00/x", "line\nbreak",
            "cr\rlf", "ctl\u0001", "z/", "z/y/x");

    @AutoClose
    private static final SyntheticBucketServer server = SyntheticBucketServer.startWithEveryLayout(KEYS,
            new SyntheticBucket("awkward", new SyntheticLayout.Listed(AWKWARD)),
            new SyntheticBucket("million", SyntheticLayout.named("prefixes", 1_000_000)),
            new SyntheticBucket("billion", SyntheticLayout.named("flat", 1_000_000_000)),
            new SyntheticBucket("empty", new SyntheticLayout.Flat(0)));

    @AutoClose
    private static final S3Client s3 = TestBed.newClient(server.endpoint());

    @AfterEach
    void reset() {
        server.reset();
    }

    private static List<String> listAll(ListObjectsV2Request request) {
        return s3.listObjectsV2Paginator(request).contents().stream().map(S3Object::key).toList();
    }

    private static ListObjectsV2Request.Builder list(String bucket) {
        return ListObjectsV2Request.builder().bucket(bucket).encodingType(EncodingType.URL);
    }

    @Test
    void the_sdk_paginator_lists_every_key_of_each_layout_in_order() {
        for (String layout : SyntheticLayout.NAMES) {
            assertThat(listAll(list(layout).maxKeys(100).build())).as(layout)
                    .isEqualTo(SyntheticLayout.named(layout, KEYS).keys());
        }
    }

    @Test
    void pages_of_a_thousand_keys_cost_one_request_each() {
        listAll(list("flat").build());

        assertThat(server.stats().listObjectsV2()).isEqualTo((KEYS + 999) / 1000);
    }

    @Test
    void a_delimiter_rolls_each_folder_up_into_one_common_prefix() {
        List<String> prefixes = s3.listObjectsV2Paginator(list("prefixes").delimiter("/").maxKeys(7).build())
                .commonPrefixes().stream().map(CommonPrefix::prefix).toList();

        assertThat(prefixes).hasSize(50).startsWith("p00/", "p01/").endsWith("p49/").doesNotHaveDuplicates();
    }

    @Test
    void a_prefix_limits_the_listing_to_one_folder() {
        List<String> keys = listAll(list("skewed").prefix("f050/").build());

        assertThat(keys).hasSize((int) (KEYS * 0.8)).allMatch(k -> k.startsWith("f050/"));
    }

    @Test
    void start_after_in_the_middle_lists_exactly_the_keys_after_it() {
        List<String> all = SyntheticLayout.named("prefixes", KEYS).keys();
        String middle = all.get(KEYS / 2);

        assertThat(listAll(list("prefixes").startAfter(middle).maxKeys(333).build()))
                .isEqualTo(all.subList(KEYS / 2 + 1, KEYS));
    }

    @Test
    void start_after_between_two_keys_starts_at_the_next_key() {
        List<String> all = SyntheticLayout.named("flat", KEYS).keys();
        String justAfterTenth = all.get(10) + "\u0000";

        assertThat(listAll(list("flat").startAfter(justAfterTenth).build())).isEqualTo(all.subList(11, KEYS));
    }

    @Test
    void awkward_keys_survive_url_encoding_in_order() {
        assertThat(listAll(list("awkward").maxKeys(3).build()))
                .isEqualTo(new SyntheticLayout.Listed(AWKWARD).keys());
    }

    @Test
    void awkward_keys_roll_up_under_a_delimiter() {
        ListObjectsV2Response page = s3.listObjectsV2(list("awkward").delimiter("/").build());

        assertThat(page.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("z/", "ä/", "\uD83D\uDE00/");
        assertThat(page.contents()).extracting(S3Object::key).doesNotContain("z/", "z/y/x", "ä/ö");
    }

    @Test
    void start_after_an_awkward_key_resumes_after_it() {
        List<String> all = new SyntheticLayout.Listed(AWKWARD).keys();

        assertThat(listAll(list("awkward").startAfter("a+b").build()))
                .isEqualTo(all.subList(all.indexOf("a+b") + 1, all.size()));
    }

    @Test
    void object_versions_list_one_version_per_key_in_order_across_pages() {
        List<ObjectVersion> versions = s3.listObjectVersionsPaginator(b -> b.bucket("skewed").maxKeys(250)
                .encodingType(EncodingType.URL)).versions().stream().toList();

        assertThat(versions).extracting(ObjectVersion::key).isEqualTo(SyntheticLayout.named("skewed", KEYS).keys());
        assertThat(versions).allMatch(ObjectVersion::isLatest).extracting(ObjectVersion::versionId)
                .doesNotHaveDuplicates();
    }

    @Test
    void object_versions_resume_after_a_common_prefix_marker() {
        List<String> prefixes = s3.listObjectVersionsPaginator(b -> b.bucket("prefixes").delimiter("/").maxKeys(4))
                .commonPrefixes().stream().map(CommonPrefix::prefix).toList();

        assertThat(prefixes).hasSize(50).doesNotHaveDuplicates();
    }

    @Test
    void head_finds_an_existing_key_with_its_listed_size_and_etag() {
        S3Object listed = s3.listObjectsV2(list("awkward").prefix("line").build()).contents().getFirst();

        HeadObjectResponse head = s3.headObject(b -> b.bucket("awkward").key("line\nbreak"));

        assertThat(head.contentLength()).isEqualTo(listed.size());
        assertThat(head.eTag()).isEqualTo(listed.eTag());
    }

    @Test
    void head_of_a_missing_key_is_not_found() {
        assertThat(catchThrowableOfType(NoSuchKeyException.class,
                () -> s3.headObject(b -> b.bucket("flat").key("missing")))).isNotNull();
    }

    @Test
    void an_empty_bucket_lists_nothing_in_one_request() {
        assertThat(listAll(list("empty").build())).isEmpty();
        assertThat(server.stats().listObjectsV2()).isEqualTo(1);
    }

    @Test
    void a_million_keys_are_listed_from_the_start_the_middle_and_the_end_without_listing_the_rest() {
        SyntheticLayout layout = SyntheticLayout.named("prefixes", 1_000_000);
        long started = System.nanoTime();

        ListObjectsV2Response first = s3.listObjectsV2(list("million").build());
        ListObjectsV2Response middle = s3.listObjectsV2(list("million").startAfter(layout.key(500_000)).build());
        ListObjectsV2Response last = s3.listObjectsV2(list("million").startAfter(layout.key(999_500)).build());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(first.contents().getFirst().key()).isEqualTo(layout.key(0));
        assertThat(middle.contents().getFirst().key()).isEqualTo(layout.key(500_001));
        assertThat(last.contents()).hasSize(499);
        assertThat(last.isTruncated()).isFalse();
    }

    @Test
    void a_billion_keys_cost_no_more_per_page_than_a_thousand() {
        SyntheticLayout layout = SyntheticLayout.named("flat", 1_000_000_000);
        long started = System.nanoTime();

        ListObjectsV2Response page = s3.listObjectsV2(list("billion").startAfter(layout.key(987_654_321)).build());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(page.contents()).hasSize(1000);
        assertThat(page.contents().getFirst().key()).isEqualTo(layout.key(987_654_322));
    }

    @Test
    void each_listing_takes_the_latency_plus_the_service_time() {
        server.configure(SyntheticServerSettings.immediate().withLatency(Duration.ofMillis(20))
                .withListServiceTime(Duration.ofMillis(100)));
        long started = System.nanoTime();

        s3.listObjectsV2(list("flat").maxKeys(1).build());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(120));
    }

    @Test
    void thirty_two_listings_are_served_at_the_same_time() throws Exception {
        // 2 s each: all 32 must have arrived before the first is answered, which 400 ms did not leave on 2 busy cores.
        server.configure(SyntheticServerSettings.immediate().withListServiceTime(Duration.ofSeconds(2)));
        long started = System.nanoTime();
        try (ExecutorService clients = Executors.newFixedThreadPool(32)) {
            List<Future<ListObjectsV2Response>> pages = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                pages.add(clients.submit(() -> s3.listObjectsV2(list("flat").maxKeys(1).build())));
            }
            for (Future<ListObjectsV2Response> page : pages) {
                page.get();
            }
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2 * 4));
        assertThat(server.stats().peakConcurrentLists()).isEqualTo(32);
    }

    @Test
    void a_throttled_listing_answers_503_slow_down() {
        server.configure(SyntheticServerSettings.immediate().withSlowDownRate(1));
        try (S3Client noRetries = TestBed.newClientWithoutRetries(server.endpoint())) {
            S3Exception e = catchThrowableOfType(S3Exception.class,
                    () -> noRetries.listObjectsV2(list("flat").build()));

            assertThat(e.statusCode()).isEqualTo(503);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SlowDown");
        }
        assertThat(server.stats().slowDowns()).isEqualTo(1);
    }

    @Test
    void a_share_of_listings_is_throttled_when_asked() {
        server.configure(SyntheticServerSettings.immediate().withSlowDownRate(0.3));
        try (S3Client noRetries = TestBed.newClientWithoutRetries(server.endpoint())) {
            for (int i = 0; i < 200; i++) {
                try {
                    noRetries.listObjectsV2(list("flat").maxKeys(1).build());
                } catch (S3Exception e) {
                    assertThat(e.statusCode()).isEqualTo(503);
                }
            }
        }

        assertThat(server.stats().slowDowns()).isBetween(30L, 90L);
    }

    @Test
    void an_unknown_bucket_is_not_found() {
        S3Exception e = catchThrowableOfType(S3Exception.class, () -> s3.listObjectsV2(list("nope").build()));

        assertThat(e.statusCode()).isEqualTo(404);
    }
}
