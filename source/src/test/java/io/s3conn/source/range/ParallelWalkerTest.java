package io.s3conn.source.range;

import static io.s3conn.source.range.RangeSplitterTest.assertConsecutive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.s3.S3ConnectionSettings;
import io.s3conn.core.s3.StaticCredentials;
import io.s3conn.source.walk.CurrentObjectsWalk;
import io.s3conn.source.walk.ListedObject;
import io.s3conn.testbed.TestBed;
import io.s3conn.testbed.synthetic.SyntheticBucket;
import io.s3conn.testbed.synthetic.SyntheticBucketServer;
import io.s3conn.testbed.synthetic.SyntheticLayout;
import io.s3conn.testbed.synthetic.SyntheticServerSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.services.s3.S3Client;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ParallelWalkerTest {

    private static final int KEYS = 20_000;
    private static final List<String> AWKWARD = List.of("a+b", "a%2Bb", "a b", "a\nb", "ä", "ä+", "\uD83D\uDE00",
            "\uFFFD", "z\r", "z%", "0", "00", "000", "p/x", "p/y\n", "p+/z");

    @AutoClose
    private static final SyntheticBucketServer server = SyntheticBucketServer.startWithEveryLayout(KEYS,
            new SyntheticBucket("empty", new SyntheticLayout.Flat(0)),
            new SyntheticBucket("one", new SyntheticLayout.Listed(List.of("only/key"))),
            new SyntheticBucket("awkward", new SyntheticLayout.Listed(AWKWARD)),
            new SyntheticBucket("nested", new SyntheticLayout.Listed(SyntheticScope.demoLikeKeys())),
            new SyntheticBucket("batches", new SyntheticLayout.Listed(SyntheticScope.inventoryBenchKeys(20))),
            new SyntheticBucket("uneven", new SyntheticLayout.Listed(SyntheticScope.unevenNumberedKeys())));

    @AutoClose
    private static final S3Client s3 = TestBed.newClientWithoutRetries(server.endpoint());

    @AfterEach
    void reset() {
        server.reset();
    }

    private static WalkSummary walk(String bucket, String prefix, int concurrency, SyntheticScope.Collected into)
            throws InterruptedException {
        return walk(bucket, prefix, WalkerSettings.of(concurrency).withBackoff(Duration.ofMillis(5)), into);
    }

    private static WalkSummary walk(String bucket, String prefix, WalkerSettings settings,
                                    SyntheticScope.Collected into) throws InterruptedException {
        List<KeyRange> plan = RangePlanner.of(s3, bucket, prefix).plan(settings.planRanges());
        return ParallelWalker.currentObjects(s3, bucket, prefix, settings).walk(plan, into::add);
    }

    private static List<String> sequential(String bucket, String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix).encodingType("url")).contents().stream()
                .map(o -> o.key()).toList();
    }

    @Test
    void the_pages_of_each_layout_hold_exactly_the_keys_of_a_sequential_listing() throws Exception {
        for (String layout : SyntheticLayout.NAMES) {
            SyntheticScope.Collected pages = new SyntheticScope.Collected();

            walk(layout, "", 8, pages);

            assertThat(pages.keysInOrder()).as(layout).isEqualTo(sequential(layout, ""));
        }
    }

    @Test
    void the_covered_ranges_of_the_pages_tile_the_key_space_and_hold_their_keys() throws Exception {
        for (String layout : SyntheticLayout.NAMES) {
            SyntheticScope.Collected pages = new SyntheticScope.Collected();

            walk(layout, "", 8, pages);

            assertConsecutive(pages.covered(), KeyRange.ALL);
            assertThat(pages.pages).allSatisfy(p -> assertThat(p.page().entries())
                    .allMatch(e -> p.page().covered().contains(e.key())));
        }
    }

    @Test
    void each_range_ends_with_exactly_one_last_page_and_its_pages_arrive_in_key_order() throws Exception {
        SyntheticScope.Collected pages = new SyntheticScope.Collected();

        walk("skewed", "", 8, pages);

        pages.byRange().forEach((id, ofRange) -> {
            assertThat(ofRange.getLast().page().last()).as("range %d", id).isTrue();
            assertThat(ofRange.subList(0, ofRange.size() - 1)).noneMatch(p -> p.page().last());
            List<String> keys = ofRange.stream().flatMap(p -> p.page().entries().stream()).map(ListedObject::key).toList();
            assertThat(keys).isSortedAccordingTo(KeyRange.KEY_ORDER);
        });
    }

    @Test
    void a_skewed_bucket_has_its_huge_range_split_while_it_is_walked() throws Exception {
        server.configure(SyntheticServerSettings.immediate().withListServiceTime(Duration.ofMillis(20)));
        SyntheticScope.Collected pages = new SyntheticScope.Collected();

        WalkSummary summary = walk("skewed", "", 8, pages);

        assertThat(summary.splits()).isPositive();
        assertThat(pages.keysInOrder()).isEqualTo(SyntheticLayout.named("skewed", KEYS).keys());
    }

    @Test
    void a_flat_bucket_walked_from_one_range_is_split_for_idle_workers() throws Exception {
        server.configure(SyntheticServerSettings.immediate().withListServiceTime(Duration.ofMillis(50)));
        SyntheticScope.Collected pages = new SyntheticScope.Collected();

        WalkSummary summary = ParallelWalker.currentObjects(s3, "flat", "", WalkerSettings.of(8))
                .walk(List.of(KeyRange.ALL), pages::add);

        assertThat(summary.ranges()).isGreaterThan(2);
        assertThat(server.stats().peakConcurrentLists()).isGreaterThan(2);
        assertThat(pages.keysInOrder()).isEqualTo(SyntheticLayout.named("flat", KEYS).keys());
    }

    /**
     * Before, every idle worker split ranges while the limit let only a few be listed: from one range, 200 workers
     * cut the skewed bucket into several times the requests of 8.
     */
    @Test
    void a_walk_allowed_200_requests_at_once_splits_about_as_often_as_one_allowed_8_on_a_server_serving_two()
            throws Exception {
        server.configure(SyntheticServerSettings.immediate().withListServiceTime(Duration.ofMillis(20)).withListWorkers(2));
        ParallelWalker.currentObjects(s3, "skewed", "", WalkerSettings.of(8)).walk(List.of(KeyRange.ALL), page -> { });
        long requestsOfEight = server.stats().listRequests();
        server.resetStats();
        SyntheticScope.Collected pages = new SyntheticScope.Collected();

        ParallelWalker.currentObjects(s3, "skewed", "", WalkerSettings.of(200)).walk(List.of(KeyRange.ALL), pages::add);

        // Within 8/5: the walk at 8 itself takes 23 to 29 requests from run to run (splits follow timing), and 200 30 to 35.
        assertThat(server.stats().listRequests()).isLessThanOrEqualTo(requestsOfEight * 8 / 5);
        assertThat(pages.keysInOrder()).isEqualTo(SyntheticLayout.named("skewed", KEYS).keys());
    }

    /**
     * Before, the plan asked for two ranges for each request allowed: 1000 cut the 50 folders into 50 ranges where
     * 8 cut them into 16, each range a request however few keys it held, on a server that answers no faster for them.
     */
    @Test
    void a_walk_allowed_1000_requests_at_once_of_50_folders_sends_about_as_many_as_one_allowed_8_on_a_server_serving_two()
            throws Exception {
        server.configure(SyntheticServerSettings.immediate().withListServiceTime(Duration.ofMillis(20)).withListWorkers(2));
        walk("prefixes", "", 8, new SyntheticScope.Collected());
        long requestsOfEight = server.stats().listRequests();
        server.resetStats();
        SyntheticScope.Collected pages = new SyntheticScope.Collected();

        walk("prefixes", "", 1000, pages);

        assertThat(server.stats().listRequests()).isLessThanOrEqualTo(requestsOfEight * 5 / 4);
        assertThat(pages.keysInOrder()).isEqualTo(SyntheticLayout.named("prefixes", KEYS).keys());
    }

    /**
     * Before, a walk allowed 1000 requests at once started 1000 threads before its consumer took a page, where the
     * limit let 8 be in flight: {@code bench/list-concurrency.sh} took 1.2 to 2 times the seconds of 8 for the same
     * 21 listings, 4 to 6 seconds of it starting threads on 2 busy cores.
     */
    @Test
    void a_walk_allowed_1000_requests_at_once_starts_threads_only_for_the_requests_its_limit_lets_be_in_flight()
            throws Exception {
        Set<Thread> before = HeldWalk.threadsNamed("range-walker");
        HeldWalk<ListedObject> held = new HeldWalk<>(new CurrentObjectsWalk(s3, "flat", ""));
        WalkerSettings settings = WalkerSettings.of(1000).withBackoff(Duration.ofMillis(5));
        List<KeyRange> plan = RangePlanner.of(s3, "flat", "").plan(settings.planRanges());
        AtomicInteger threadsAtFirstPage = new AtomicInteger(-1);
        SyntheticScope.Collected pages = new SyntheticScope.Collected();

        new ParallelWalker<>(held, ListedObject::key, "", settings).walk(plan, page -> {
            if (threadsAtFirstPage.get() < 0) {
                threadsAtFirstPage.set(HeldWalk.newThreadsNamed("range-walker", before));
                held.release();
            }
            pages.add(page);
        });

        // One answer so far (the page in hand): the limit started at 8 and grew by one.
        assertThat(threadsAtFirstPage.get()).isBetween(1, ConcurrencyLimit.INITIAL + 1);
        assertThat(pages.keysInOrder()).isEqualTo(SyntheticLayout.named("flat", KEYS).keys());
    }

    /**
     * Before, {@code load/} was one range of the plan, and every split cut it by the density of its last page:
     * numbered names spread over the whole alphabet put most cuts where no key lies, and the walk sent about
     * 100 requests for 11 pages of keys where {@code load/} alone, planned by its folders, costs 15.
     */
    @Test
    void a_bucket_with_one_folder_of_many_small_folders_is_listed_in_about_as_many_requests_as_that_folder_alone()
            throws Exception {
        server.configure(SyntheticServerSettings.immediate().withListServiceTime(Duration.ofMillis(20)));
        walk("nested", "load/", 8, new SyntheticScope.Collected());
        long requestsOfLoad = server.stats().listRequests();
        server.resetStats();
        SyntheticScope.Collected pages = new SyntheticScope.Collected();

        walk("nested", "", 8, pages);

        // Nine more folders of two keys: the five before load/, which the first page holds whole, one range; the four
        // after it a range each (a delimiter listing does not tell their size); 6 more in all, and slack for splits.
        assertThat(server.stats().listRequests()).as("requests, where load/ alone took %d", requestsOfLoad)
                .isLessThanOrEqualTo(requestsOfLoad + 6 + 4);
        assertThat(pages.keysInOrder()).isEqualTo(SyntheticScope.demoLikeKeys().stream().sorted(KeyRange.KEY_ORDER).toList());
    }

    /**
     * Before, idle workers split the ranges near their end by the density of numbered names, which put the end of each
     * folder far past its last key: 45 requests for 20 pages, each part past the folder listing the next folder's page
     * to find nothing of its own.
     */
    @Test
    void a_bucket_of_folders_of_a_page_of_numbered_names_costs_a_request_a_page_and_one_more_a_range()
            throws Exception {
        server.configure(SyntheticServerSettings.immediate().withListServiceTime(Duration.ofMillis(20)));
        SyntheticScope.Collected pages = new SyntheticScope.Collected();

        WalkSummary summary = walk("batches", "", 8, pages);

        // Three to plan (the folder of folders, its first page, its folders); each range's last page is full, so one
        // more request finds it ended. Before: 6 splits into 15 more ranges, 47 requests.
        assertThat(summary.splits()).isZero();
        assertThat(server.stats().listRequests()).isLessThanOrEqualTo(20 + summary.ranges() + 3);
        assertThat(pages.keysInOrder()).isEqualTo(SyntheticScope.inventoryBenchKeys(20));
    }

    /**
     * The split rule for numbered names (a folder's density read as numbered, split only after two full pages in it)
     * against names that look numbered and are not uniform: whatever it cuts, every key comes once, in key order.
     */
    @Test
    void uneven_numbered_names_are_listed_once_each_in_key_order_at_any_concurrency() throws Exception {
        for (String prefix : List.of("mix/", "gaps/", "page/", "page-and-one/", "suffixed/", "long-end/", "long-start/")) {
            for (int concurrency : new int[] {2, 64}) {
                SyntheticScope.Collected pages = new SyntheticScope.Collected();

                walk("uneven", prefix, concurrency, pages);

                assertThat(pages.keysInOrder()).as("%s at %d", prefix, concurrency).isEqualTo(sequential("uneven", prefix));
            }
        }
    }

    /** Wrapped, an Error in a worker was "a range walker failed" to the CLI, which says out of memory for one. */
    @Test
    void an_error_in_a_worker_reaches_the_caller_as_it_is() throws Exception {
        WalkerSettings settings = WalkerSettings.of(4).withBackoff(Duration.ofMillis(5));
        List<KeyRange> plan = RangePlanner.of(s3, "flat", "").plan(settings.planRanges());
        FailingWalk<ListedObject> failing = new FailingWalk<>(new CurrentObjectsWalk(s3, "flat", ""), 5,
                new OutOfMemoryError("Java heap space (thrown by the test)"));

        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new ParallelWalker<>(failing, ListedObject::key, "", settings).walk(plan, page -> { }))
                .isInstanceOf(OutOfMemoryError.class).hasMessageContaining("thrown by the test");
    }

    @Test
    void throttled_requests_are_retried_and_lower_the_concurrency_without_losing_a_key() throws Exception {
        server.configure(SyntheticServerSettings.immediate().withSlowDownRate(0.3));
        SyntheticScope.Collected pages = new SyntheticScope.Collected();

        WalkSummary summary = walk("prefixes", "", 8, pages);

        assertThat(summary.throttles()).isPositive();
        assertThat(summary.lowestConcurrency()).isLessThan(8);
        assertThat(pages.keysInOrder()).isEqualTo(SyntheticLayout.named("prefixes", KEYS).keys());
    }

    /**
     * The commands' clients ({@link S3Clients}) retry a throttle themselves, up to ten attempts: before, the walk
     * heard of none of those 30 % of 503s and listed on at a concurrency of 8.
     */
    @Test
    void throttles_the_client_retries_itself_lower_the_concurrency_too() throws Exception {
        server.configure(SyntheticServerSettings.immediate().withSlowDownRate(0.3));
        SyntheticScope.Collected pages = new SyntheticScope.Collected();

        try (S3Client retrying = S3Clients.create(S3ConnectionSettings.defaults().withEndpoint(server.endpoint())
                .withRegion(TestBed.REGION).withPathStyle(true).withCredentials(
                        new StaticCredentials(TestBed.ACCESS_KEY_ID, TestBed.SECRET_ACCESS_KEY, Optional.empty())))) {
            WalkSummary summary = ParallelWalker.currentObjects(retrying, "prefixes", "", WalkerSettings.of(8))
                    .walk(List.of(KeyRange.ALL), pages::add);

            assertThat(summary.throttles()).isPositive();
            assertThat(summary.lowestConcurrency()).isLessThan(8);
        }
        assertThat(pages.keysInOrder()).isEqualTo(SyntheticLayout.named("prefixes", KEYS).keys());
    }

    /** Before, each of the walk's ten attempts waited out the client's timeouts again: ten times as long. */
    @Test
    void a_listing_that_timed_out_is_not_sent_again_by_the_walk() throws Exception {
        Duration serviceTime = Duration.ofSeconds(1);
        server.configure(SyntheticServerSettings.immediate().withListServiceTime(serviceTime));
        WalkerSettings settings = WalkerSettings.of(1).withBackoff(Duration.ofMillis(5));

        try (S3Client impatient = TestBed.clientBuilder(server.endpoint()).overrideConfiguration(o -> o
                .retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallAttemptTimeout(Duration.ofMillis(200))).build()) {
            assertThatThrownBy(() -> ParallelWalker.currentObjects(impatient, "flat", "", settings)
                    .walk(List.of(KeyRange.ALL), new SyntheticScope.Collected()::add))
                    .isInstanceOf(ApiCallAttemptTimeoutException.class);
        }
        Thread.sleep(serviceTime.plusMillis(500)); // the server counts a request once it has served it
        // A loaded machine may serve it later still: waited for (a request sent again would have been sent before the
        // walk gave up, and served about as late).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.stats().listRequests() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(server.stats().listRequests()).isEqualTo(1);
    }

    @Test
    void an_empty_scope_gives_one_empty_last_page_covering_everything() throws Exception {
        SyntheticScope.Collected pages = new SyntheticScope.Collected();

        walk("empty", "", 8, pages);

        assertThat(pages.pages).singleElement().satisfies(p -> {
            assertThat(p.page().entries()).isEmpty();
            assertThat(p.page().last()).isTrue();
            assertThat(p.page().covered()).isEqualTo(KeyRange.ALL);
        });
    }

    @Test
    void a_scope_of_one_key_gives_that_key_once() throws Exception {
        SyntheticScope.Collected pages = new SyntheticScope.Collected();

        walk("one", "", 8, pages);

        assertThat(pages.keysInOrder()).containsExactly("only/key");
        assertConsecutive(pages.covered(), KeyRange.ALL);
    }

    @Test
    void a_scope_under_a_prefix_lists_only_its_keys() throws Exception {
        SyntheticScope.Collected pages = new SyntheticScope.Collected();

        walk("skewed", "f050/", 4, pages);

        assertThat(pages.keysInOrder()).isEqualTo(sequential("skewed", "f050/")).hasSize((int) (KEYS * 0.8));
    }

    @Test
    void awkward_keys_on_range_boundaries_are_listed_once_each() throws Exception {
        List<String> keys = new SyntheticLayout.Listed(AWKWARD).keys();
        // Every key a boundary: ranges (-inf, k0], (k0, k1], ..., (k_last, +inf).
        List<KeyRange> ranges = new ArrayList<>();
        Optional<String> after = Optional.empty();
        for (String key : keys) {
            ranges.add(new KeyRange(after, Optional.of(key)));
            after = Optional.of(key);
        }
        ranges.add(new KeyRange(after, Optional.empty()));
        SyntheticScope.Collected pages = new SyntheticScope.Collected();

        ParallelWalker.currentObjects(s3, "awkward", "", WalkerSettings.of(4)).walk(ranges, pages::add);

        assertThat(pages.keysInOrder()).isEqualTo(keys);
        assertConsecutive(pages.covered(), KeyRange.ALL);
    }

    @Test
    void pages_waiting_for_a_slow_consumer_are_bounded() throws Exception {
        WalkerSettings settings = new WalkerSettings(2, 2, false, 3, Duration.ofMillis(5));
        AtomicLong requestsWhileBlocked = new AtomicLong();
        List<KeyRange> twoRanges = List.of(new KeyRange(Optional.empty(), Optional.of("8")),
                new KeyRange(Optional.of("8"), Optional.empty()));

        ParallelWalker.currentObjects(s3, "flat", "", settings).walk(twoRanges, page -> {
            if (requestsWhileBlocked.get() == 0) {
                sleep(Duration.ofMillis(500));
                requestsWhileBlocked.set(server.stats().listObjectsV2());
            }
        });

        // One page consumed, two queued, one held by each of the two workers.
        assertThat(requestsWhileBlocked.get()).isLessThanOrEqualTo(1 + 2 + 2);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
