package io.s3conn.source.range;

import static io.s3conn.source.range.RangeSplitterTest.assertConsecutive;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.s3conn.source.walk.CurrentObjectsWalk;
import io.s3conn.source.walk.KeyHistory;
import io.s3conn.source.walk.ListedObject;
import io.s3conn.source.walk.VersionsWalk;
import io.s3conn.source.walk.Walk;
import io.s3conn.source.walk.WalkPage;
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
import software.amazon.awssdk.services.s3.S3Client;

/** {@link OrderedParallelWalk} against the test bed's synthetic bucket: key order, exact tiling, bounded look-ahead. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OrderedParallelWalkTest {

    private static final int KEYS = 5_000;
    private static final int PAGE = 100;
    private static final List<String> AWKWARD = List.of("a+b", "a%2Bb", "a b", "a\nb", "ä", "ä+", "\uD83D\uDE00",
            "\uFFFD", "z\r", "z%", "0", "00", "000", "p/x", "p/y\n", "p+/z");

    /** Ten small folders, then one of 20 pages: while it is handed over, nothing but itself is left to list. */
    private static final List<String> LARGE_LAST = Stream.concat(
            IntStream.range(0, 10).boxed().flatMap(f -> IntStream.range(0, 25).mapToObj(k -> String.format("s%d/%012x", f, k * 4096L))),
            IntStream.range(0, 20 * PAGE).mapToObj(k -> String.format("z/%012x", k * ((1L << 48) / (20 * PAGE))))).toList();

    /** 2,000 numbered keys and four after them: the planner takes the last for the end of the keys and cuts empty key space. */
    private static final List<String> NUMBERED_TAIL = java.util.stream.Stream.concat(
            java.util.stream.IntStream.range(0, 2000).mapToObj(i -> String.format("k/%06d", i)),
            java.util.stream.Stream.of("k/new-0", "k/new-1", "k/new-2", "k/new-3")).toList();

    @AutoClose
    private static final SyntheticBucketServer server = SyntheticBucketServer.startWithEveryLayout(KEYS,
            new SyntheticBucket("empty", new SyntheticLayout.Flat(0)),
            new SyntheticBucket("awkward", new SyntheticLayout.Listed(AWKWARD)),
            new SyntheticBucket("numbered-tail", new SyntheticLayout.Listed(NUMBERED_TAIL)),
            new SyntheticBucket("large-last", new SyntheticLayout.Listed(LARGE_LAST)),
            new SyntheticBucket("demo-like", new SyntheticLayout.Listed(SyntheticScope.demoLikeKeys())));

    @AutoClose
    private static final S3Client s3 = TestBed.newClientWithoutRetries(server.endpoint());

    @AfterEach
    void reset() {
        server.reset();
    }

    private static Walk<ListedObject> ordered(String bucket, int concurrency) {
        return OrderedParallelWalk.of(new CurrentObjectsWalk(s3, bucket, "", PAGE, false), ListedObject::key, "",
                RangePlanner.of(s3, bucket, "", PAGE), WalkerSettings.of(concurrency));
    }

    private static OrderedParallelWalk<ListedObject> ordered(String bucket, int pageSize, int concurrency) {
        return new OrderedParallelWalk<>(new CurrentObjectsWalk(s3, bucket, "", pageSize, false), ListedObject::key, "",
                RangePlanner.of(s3, bucket, "", pageSize), WalkerSettings.of(concurrency), 2);
    }

    private static List<WalkPage<ListedObject>> all(Walk<ListedObject> walk, KeyRange range) {
        List<WalkPage<ListedObject>> pages = new ArrayList<>();
        walk.pages(range).forEachRemaining(pages::add);
        return pages;
    }

    private static List<String> keys(List<WalkPage<ListedObject>> pages) {
        return pages.stream().flatMap(p -> p.entries().stream()).map(ListedObject::key).toList();
    }

    private static List<String> sequential(String bucket) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).encodingType("url")).contents().stream()
                .map(o -> o.key()).toList();
    }

    @Test
    void the_pages_of_each_layout_hold_the_keys_of_a_sequential_listing_in_the_same_order() {
        for (String layout : SyntheticLayout.NAMES) {
            List<WalkPage<ListedObject>> pages = all(ordered(layout, 4), KeyRange.ALL);

            assertThat(keys(pages)).as(layout).isEqualTo(sequential(layout));
        }
    }

    @Test
    void the_covered_ranges_tile_the_range_and_only_the_final_page_is_last_or_empty() {
        for (String layout : SyntheticLayout.NAMES) {
            List<WalkPage<ListedObject>> pages = all(ordered(layout, 4), KeyRange.ALL);

            assertConsecutive(pages.stream().map(WalkPage::covered).toList(), KeyRange.ALL);
            assertThat(pages.subList(0, pages.size() - 1)).as(layout)
                    .allSatisfy(p -> assertThat(p.last() || p.entries().isEmpty()).isFalse());
            assertThat(pages.getLast().last()).isTrue();
        }
    }

    @Test
    void several_parts_are_listed_at_once_but_never_more_than_the_concurrency() {
        server.configure(SyntheticServerSettings.immediate().withListServiceTime(Duration.ofMillis(20)));

        all(ordered("flat", 4), KeyRange.ALL);

        assertThat(server.stats().peakConcurrentLists()).isBetween(2, 4);
    }

    /** Before, 1000 planned a part for each of the 50 folders where 8 planned 16 parts, each part at least a request. */
    @Test
    void a_walk_allowed_1000_requests_at_once_of_50_folders_costs_about_as_many_as_one_allowed_8_on_a_server_serving_two() {
        server.configure(SyntheticServerSettings.immediate().withListServiceTime(Duration.ofMillis(20)).withListWorkers(2));
        all(ordered("prefixes", 8), KeyRange.ALL);
        long requestsOfEight = server.stats().listObjectsV2();
        server.resetStats();

        List<WalkPage<ListedObject>> pages = all(ordered("prefixes", 1000), KeyRange.ALL);

        assertThat(server.stats().listObjectsV2()).isLessThanOrEqualTo(requestsOfEight * 5 / 4);
        assertThat(keys(pages)).isEqualTo(sequential("prefixes"));
    }

    /**
     * Before, the first page asked of a walk allowed 1000 requests at once started 1000 threads, holding the walk's
     * lock, where the limit let 8 be in flight; each was then woken by every change to find nothing to do.
     */
    @Test
    void a_walk_allowed_1000_requests_at_once_starts_threads_only_for_the_requests_its_limit_lets_be_in_flight() {
        Set<Thread> before = HeldWalk.threadsNamed("s3conn-walk");
        HeldWalk<ListedObject> held = new HeldWalk<>(new CurrentObjectsWalk(s3, "flat", "", PAGE, false));
        Iterator<WalkPage<ListedObject>> pages = new OrderedParallelWalk<>(held, ListedObject::key, "",
                RangePlanner.of(s3, "flat", "", PAGE), WalkerSettings.of(1000), 2).pages(KeyRange.ALL);
        List<WalkPage<ListedObject>> all = new ArrayList<>();

        all.add(pages.next());
        int threadsAtFirstPage = HeldWalk.newThreadsNamed("s3conn-walk", before);
        held.release();
        pages.forEachRemaining(all::add);

        // Two answers so far (the plan, and the page in hand): the limit started at 8 and grew by one each.
        assertThat(threadsAtFirstPage).isBetween(1, ConcurrencyLimit.INITIAL + 2);
        assertThat(keys(all)).isEqualTo(sequential("flat"));
    }

    @Test
    void a_skewed_scope_is_listed_with_every_worker_busy_while_its_large_folder_is_handed_over() {
        server.configure(SyntheticServerSettings.immediate().withListServiceTime(Duration.ofMillis(30)));
        Iterator<WalkPage<ListedObject>> pages = ordered("large-last", 4).pages(KeyRange.ALL);
        boolean largeFolder = false;

        while (pages.hasNext()) {
            WalkPage<ListedObject> page = pages.next();
            if (!largeFolder && page.entries().stream().anyMatch(e -> e.key().startsWith("z/"))) {
                largeFolder = true;
                server.resetStats(); // from here on, only the large folder is left to list
            }
        }

        assertThat(server.stats().peakConcurrentLists()).isEqualTo(4);
    }

    @Test
    void keys_are_handed_over_in_key_order_each_once_whatever_the_splits() {
        long splits = 0;
        for (String layout : SyntheticLayout.NAMES) {
            for (int concurrency : List.of(3, 8)) {
                OrderedParallelWalk<ListedObject> walk = ordered(layout, 7, concurrency);

                List<WalkPage<ListedObject>> pages = all(walk, KeyRange.ALL);

                splits += walk.splitCount();
                assertThat(keys(pages)).as(layout + " at " + concurrency).isEqualTo(sequential(layout));
                assertConsecutive(pages.stream().map(WalkPage::covered).toList(), KeyRange.ALL);
            }
        }
        assertThat(splits).isPositive();
    }

    @Test
    void awkward_keys_listed_one_a_page_are_handed_over_once_each_in_key_order_across_blind_splits() {
        OrderedParallelWalk<ListedObject> walk = ordered("awkward", 1, 8);

        List<String> keys = keys(all(walk, KeyRange.ALL));

        assertThat(walk.splitCount()).isPositive();
        assertThat(keys).isEqualTo(new SyntheticLayout.Listed(AWKWARD).keys());
    }

    @Test
    void a_third_of_the_requests_throttled_gives_the_same_pages_more_slowly() {
        server.configure(SyntheticServerSettings.immediate().withSlowDownRate(0.3));
        Walk<ListedObject> walk = new OrderedParallelWalk<>(new CurrentObjectsWalk(s3, "skewed", "", PAGE, false),
                ListedObject::key, "", RangePlanner.of(s3, "skewed", "", PAGE), WalkerSettings.of(4).withBackoff(Duration.ofMillis(5)), 2);

        List<String> keys = keys(all(walk, KeyRange.ALL));

        assertThat(server.stats().slowDowns()).isPositive();
        server.configure(SyntheticServerSettings.immediate());
        assertThat(keys).isEqualTo(sequential("skewed"));
    }

    /** An Error in a worker (out of memory while it held a page) ended its thread, and the consumer waited for good. */
    @Test
    void an_error_in_a_worker_reaches_the_consumer_instead_of_leaving_it_waiting() {
        Walk<ListedObject> failingAtTheFifthPage = new FailingWalk<>(new CurrentObjectsWalk(s3, "flat", "", PAGE, false), 5,
                new OutOfMemoryError("Java heap space (thrown by the test)"));
        Walk<ListedObject> walk = OrderedParallelWalk.of(failingAtTheFifthPage, ListedObject::key, "",
                RangePlanner.of(s3, "flat", "", PAGE), WalkerSettings.of(4));

        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> org.assertj.core.api.Assertions.assertThatThrownBy(() -> all(walk, KeyRange.ALL))
                        .isInstanceOf(OutOfMemoryError.class).hasMessageContaining("thrown by the test"));
    }

    @Test
    void a_walk_resumed_after_a_key_hands_over_exactly_the_keys_after_it() {
        List<String> keys = sequential("prefixes");
        String resumeAfter = keys.get(KEYS / 3);

        List<WalkPage<ListedObject>> pages = all(ordered("prefixes", 4), KeyRange.after(Optional.of(resumeAfter)));

        assertThat(keys(pages)).isEqualTo(keys.subList(KEYS / 3 + 1, KEYS));
        assertConsecutive(pages.stream().map(WalkPage::covered).toList(), KeyRange.after(Optional.of(resumeAfter)));
    }

    @Test
    void awkward_keys_are_handed_over_once_each_in_key_order() {
        assertThat(keys(all(ordered("awkward", 4), KeyRange.ALL))).isEqualTo(new SyntheticLayout.Listed(AWKWARD).keys());
    }

    @Test
    void an_empty_scope_gives_one_empty_last_page_covering_everything() {
        List<WalkPage<ListedObject>> pages = all(ordered("empty", 4), KeyRange.ALL);

        assertThat(pages).singleElement().satisfies(p -> {
            assertThat(p.entries()).isEmpty();
            assertThat(p.last()).isTrue();
            assertThat(p.covered()).isEqualTo(KeyRange.ALL);
        });
    }

    /**
     * Before, the walk listed again the page the planner had listed: 3 ListObjectsV2; then the folder listing, sent
     * beside that page, was still one more than a sequential walk: 2.
     */
    @Test
    void an_empty_scope_costs_the_requests_of_a_sequential_walk() {
        all(ordered("empty", 4), KeyRange.ALL);

        assertThat(server.stats().listObjectsV2()).isEqualTo(server.sequentialListings("empty", PAGE));
    }

    @Test
    void a_scope_of_one_page_costs_the_requests_of_a_sequential_walk() {
        List<WalkPage<ListedObject>> pages = all(ordered("awkward", 4), KeyRange.ALL);

        assertThat(keys(pages)).isEqualTo(new SyntheticLayout.Listed(AWKWARD).keys());
        assertThat(server.stats().listObjectsV2()).isEqualTo(server.sequentialListings("awkward", PAGE));
    }

    @Test
    void an_empty_versions_scope_is_planned_by_the_walks_own_listing_of_versions() {
        Walk<KeyHistory> walk = OrderedParallelWalk.of(new VersionsWalk(s3, "empty", "", PAGE, false),
                KeyHistory::key, "", RangePlanner.of(s3, "empty", "", PAGE), WalkerSettings.of(4));

        walk.pages(KeyRange.ALL).forEachRemaining(page -> { });

        assertThat(server.stats().listObjectVersions()).isEqualTo(server.sequentialListings("empty", PAGE));
        assertThat(server.stats().listObjectsV2()).isZero();
    }

    @Test
    void a_consumer_that_stops_reading_holds_back_the_listing_after_a_bounded_number_of_pages() throws Exception {
        RangePlanner.of(s3, "flat", "", PAGE).plan(KeyRange.ALL, 2 * 2);
        long planning = server.stats().listObjectsV2(); // the delimiter listing and the probes for where keys end
        server.resetStats();
        Iterator<WalkPage<ListedObject>> pages = ordered("flat", 2).pages(KeyRange.ALL);
        pages.next();

        Thread.sleep(500);
        long sent = server.stats().listObjectsV2();

        // Two workers, at most 2 x (2 + 1) pages listed and not handed over, whatever the splits.
        assertThat(sent).isLessThanOrEqualTo(planning + 1 + 2 * 3);
        OrderedParallelWalk.close(pages);
    }

    @Test
    void an_idle_poll_of_numbered_keys_with_a_few_after_them_costs_the_requests_of_a_sequential_walk() {
        Walk<ListedObject> walk = ordered("numbered-tail", 4);
        all(walk, KeyRange.ALL);
        server.resetStats();

        List<WalkPage<ListedObject>> poll = all(walk, KeyRange.ALL); // a CDC poll: the plan of the walk before

        assertThat(keys(poll)).isEqualTo(NUMBERED_TAIL);
        long sequentialPages = (NUMBERED_TAIL.size() + PAGE - 1) / PAGE;
        assertThat(server.stats().listObjectsV2()).isEqualTo(sequentialPages);
    }

    @Test
    void an_idle_poll_of_each_layout_costs_the_requests_of_a_sequential_walk() {
        for (String layout : SyntheticLayout.NAMES) {
            Walk<ListedObject> walk = ordered(layout, 4);
            all(walk, KeyRange.ALL);
            server.resetStats();

            all(walk, KeyRange.ALL);

            assertThat(server.stats().listObjectsV2()).as(layout).isEqualTo((KEYS + PAGE - 1) / PAGE);
        }
    }

    @Test
    void an_idle_poll_of_versions_costs_at_most_two_requests_a_lister_beyond_a_sequential_walk() {
        // A key's versions may go on in the next response: each part asks once more at its end, so few are kept.
        Walk<KeyHistory> walk = OrderedParallelWalk.of(new VersionsWalk(s3, "numbered-tail", "", PAGE, false),
                KeyHistory::key, "", RangePlanner.of(s3, "numbered-tail", "", PAGE), WalkerSettings.of(4));
        walk.pages(KeyRange.ALL).forEachRemaining(page -> { });
        server.resetStats();

        List<String> keys = new ArrayList<>();
        walk.pages(KeyRange.ALL).forEachRemaining(page -> page.entries().forEach(history -> keys.add(history.key())));

        assertThat(keys).isEqualTo(NUMBERED_TAIL);
        long sequentialPages = (NUMBERED_TAIL.size() + PAGE - 1) / PAGE;
        assertThat(server.stats().listObjectVersions()).isLessThanOrEqualTo(sequentialPages + 2 * 4);
    }

    @Test
    void a_second_walk_of_the_same_small_range_costs_the_requests_of_a_sequential_walk() {
        Walk<ListedObject> walk = ordered("awkward", 4);
        List<WalkPage<ListedObject>> first = all(walk, KeyRange.ALL);
        server.resetStats();

        List<WalkPage<ListedObject>> second = all(walk, KeyRange.ALL);

        assertThat(keys(second)).isEqualTo(keys(first));
        assertThat(server.stats().listObjectsV2()).isEqualTo(server.sequentialListings("awkward", PAGE));
    }

    @Test
    void a_first_walk_planned_from_the_keys_expected_costs_the_requests_of_a_sequential_walk() {
        for (String layout : SyntheticLayout.NAMES) {
            OrderedParallelWalk<ListedObject> walk = ordered(layout, PAGE, 4);
            List<String> expected = sequential(layout);
            walk.expect(KeyRange.ALL, sink -> {
                for (int position = PAGE; position <= expected.size(); position += PAGE) {
                    sink.accept(expected.get(position - 1), position);
                }
                if (expected.size() % PAGE != 0) {
                    sink.accept(expected.getLast(), expected.size());
                }
            });
            server.resetStats();

            List<WalkPage<ListedObject>> first = all(walk, KeyRange.ALL);

            assertThat(keys(first)).as(layout).isEqualTo(expected);
            assertThat(server.stats().listObjectsV2()).as(layout).isEqualTo((KEYS + PAGE - 1) / PAGE);
        }
    }

    /**
     * A versioned source started in CDC planned its first poll as a snapshot does: on 2,101 numbered keys the probes
     * for where they end cost 35 ListObjectsV2, where the poll's own listing took 12 ListObjectVersions.
     */
    @Test
    void a_first_walk_of_versions_planned_from_the_keys_expected_sends_no_planning_request() {
        OrderedParallelWalk<KeyHistory> walk = new OrderedParallelWalk<>(new VersionsWalk(s3, "numbered-tail", "", PAGE, false),
                KeyHistory::key, "", RangePlanner.of(s3, "numbered-tail", "", PAGE), WalkerSettings.of(4), 2);
        walk.expect(KeyRange.ALL, sink -> {
            for (int position = PAGE; position <= NUMBERED_TAIL.size(); position += PAGE) {
                sink.accept(NUMBERED_TAIL.get(position - 1), position);
            }
            sink.accept(NUMBERED_TAIL.getLast(), NUMBERED_TAIL.size());
        });

        List<String> keys = new ArrayList<>();
        walk.pages(KeyRange.ALL).forEachRemaining(page -> page.entries().forEach(history -> keys.add(history.key())));

        assertThat(keys).isEqualTo(NUMBERED_TAIL);
        assertThat(server.stats().listObjectsV2()).isZero();
        long sequentialPages = (NUMBERED_TAIL.size() + PAGE - 1) / PAGE;
        assertThat(server.stats().listObjectVersions()).isLessThanOrEqualTo(sequentialPages + 2 * 4);
    }

    @Test
    void a_first_walk_planned_from_keys_that_changed_since_still_hands_over_exactly_the_keys_listed() {
        OrderedParallelWalk<ListedObject> walk = ordered("large-last", PAGE, 4);
        walk.expect(KeyRange.ALL, sink -> {
            sink.accept("a", 1); // what was committed once: a bucket that held other keys
            sink.accept("m/x", PAGE);
            sink.accept("zz", PAGE + 1);
        });

        assertThat(keys(all(walk, KeyRange.ALL))).isEqualTo(LARGE_LAST);
    }

    /**
     * Cuts placed by the density of a page of numbered names ({@code load/f00/obj-000050}) fall mostly where no key
     * lies: the first walk of the demo bucket at 8 cost 102 requests where a sequential walk costs 11.
     */
    @Test
    void a_first_walk_of_small_numbered_folders_costs_about_the_requests_of_a_sequential_walk() {
        List<String> expected = sequential("demo-like");
        long sequentialPages = (expected.size() + 999) / 1000;
        server.resetStats();

        List<WalkPage<ListedObject>> first = all(ordered("demo-like", 1000, 8), KeyRange.ALL);

        assertThat(keys(first)).isEqualTo(expected);
        assertThat(server.stats().listObjectsV2()).isLessThanOrEqualTo(2 * sequentialPages);
    }
}
