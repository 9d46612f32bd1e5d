package io.s3conn.source.range;

import static io.s3conn.source.range.RangeSplitterTest.assertConsecutive;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import io.s3conn.source.walk.CurrentObjectsWalk;
import io.s3conn.source.walk.KeyHistory;
import io.s3conn.source.walk.ListedObject;
import io.s3conn.source.walk.VersionsWalk;
import io.s3conn.testbed.TestBed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Planning, splitting and walking against a real S3 implementation (S3Proxy behind the test bed's emulator). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RangeWalkS3ProxyTest {

    private static final String BUCKET = "ranges";
    /** Latin keys, then an emoji: what is left of the range after a Latin key is split among idle workers. */
    private static final String EMOJI_BUCKET = "ranges-emoji";
    private static final String EMOJI = "\uD83D\uDE00-emoji";
    /** 20 keys in 3 versions each: a response of 5 entries mostly ends inside a key. */
    private static final String VERSIONS_BUCKET = "ranges-versions";
    private static final int VERSIONS_PAGE = 5;
    /**
     * Plus, percent, space, unicode, newlines, in folders and flat, around likely split points. No character
     * between U+E000 and U+FFFF beside a supplementary one: S3Proxy (transient-nio2) lists in UTF-16 order,
     * putting U+1F600 before U+FFFD where Amazon S3's UTF-8 byte order puts it after.
     */
    private static final List<String> AWKWARD = List.of("a+b", "a%2Bb", "a b", "a\nb", "ä", "ä+", "\uD83D\uDE00",
            "z%", "0", "00", "000", "O", "O+", "O%", "O\n", "N~", "p/x", "p/y\n", "p+/z", "q/ü", "q/\uD83D\uDE00");

    private static TestBed tb;
    private static S3Client s3;
    private static List<String> keys;

    @BeforeAll
    static void start() {
        tb = TestBed.start();
        tb.createBucket(BUCKET);
        List<String> all = new ArrayList<>(AWKWARD);
        for (int i = 0; i < 300; i++) {
            all.add(String.format("flat-%04x", i * 97));
        }
        tb.putMany(BUCKET, all, 8);
        tb.createBucket(EMOJI_BUCKET);
        List<String> latin = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            latin.add(String.format("ü-%02d", i));
        }
        latin.add(EMOJI);
        tb.putMany(EMOJI_BUCKET, latin, 8);
        s3 = TestBed.newClientWithoutRetries(tb.endpoint());
        tb.createBucket(VERSIONS_BUCKET);
        tb.enableVersioning(VERSIONS_BUCKET);
        for (int version = 0; version < 3; version++) {
            tb.putMany(VERSIONS_BUCKET, IntStream.range(0, 20).mapToObj(i -> String.format("v-%02d", i)).toList(), 8);
        }
        keys = s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).encodingType("url")).contents().stream()
                .map(S3Object::key).toList();
    }

    @AfterAll
    static void stop() {
        if (s3 != null) {
            s3.close();
        }
        if (tb != null) {
            tb.close();
        }
    }

    @Test
    void the_seeded_keys_are_all_listed_sequentially() {
        assertThat(keys).hasSize(AWKWARD.size() + 300).isSortedAccordingTo(KeyRange.KEY_ORDER);
    }

    @Test
    void split_points_found_by_probing_s3proxy_leave_keys_on_both_sides() {
        RangeSplitter splitter = new RangeSplitter(new S3KeyProbe(s3, BUCKET, ""), "");
        for (int i = 0; i < keys.size() - 1; i += 7) {
            KeyRange remaining = new KeyRange(Optional.of(keys.get(i)), Optional.empty());

            String point = splitter.splitPoint(remaining).orElseThrow();

            assertThat(keys.stream().filter(new KeyRange(Optional.of(keys.get(i)), Optional.of(point))::contains))
                    .isNotEmpty();
            assertThat(keys.stream().filter(new KeyRange(Optional.of(point), Optional.empty())::contains)).isNotEmpty();
        }
    }

    @Test
    void a_planned_parallel_walk_lists_every_key_once() throws Exception {
        List<KeyRange> plan = RangePlanner.of(s3, BUCKET, "").plan(8);
        SyntheticScope.Collected pages = new SyntheticScope.Collected();

        ParallelWalker.currentObjects(s3, BUCKET, "", new WalkerSettings(4, 8, true, 10,
                Duration.ofMillis(10))).walk(plan, pages::add);

        assertThat(pages.keysInOrder()).isEqualTo(keys);
        assertConsecutive(pages.covered(), KeyRange.ALL);
    }

    @Test
    void ranges_bounded_by_awkward_keys_list_each_key_once() throws Exception {
        List<KeyRange> ranges = new ArrayList<>();
        Optional<String> after = Optional.empty();
        for (String key : AWKWARD.stream().sorted(KeyRange.KEY_ORDER).toList()) {
            ranges.add(new KeyRange(after, Optional.of(key)));
            after = Optional.of(key);
        }
        ranges.add(new KeyRange(after, Optional.empty()));
        SyntheticScope.Collected pages = new SyntheticScope.Collected();

        ParallelWalker.currentObjects(s3, BUCKET, "", WalkerSettings.of(4)).walk(ranges, pages::add);

        assertThat(pages.keysInOrder()).isEqualTo(keys);
    }

    /**
     * One key a page, eight workers: after the first page the idle workers split the rest of the range
     * after {@code ü-00}. S3Proxy lists in UTF-16 order, so a boundary in U+E000..U+FFFF lies after the
     * emoji there and before it in UTF-8 order: the range below the boundary stopped at the emoji as
     * beyond it, the range above never got it (the versions of such a key went missing in parallel syncs).
     */
    @Test
    void a_range_split_after_latin_keys_still_lists_the_emoji_key_after_them() throws Exception {
        SyntheticScope.Collected pages = new SyntheticScope.Collected();
        ParallelWalker<ListedObject> walker = new ParallelWalker<>(new CurrentObjectsWalk(s3, EMOJI_BUCKET, "", 1, false),
                ListedObject::key, "", new WalkerSettings(8, 16, true, 10, Duration.ofMillis(10)));

        WalkSummary summary = walker.walk(List.of(KeyRange.ALL), pages::add);

        assertThat(summary.splits()).isPositive();
        assertThat(pages.keysInOrder()).hasSize(21).endsWith(EMOJI);
    }

    /** The source's ordered walk over {@code bucket}, {@code pageSize} keys a page, with eight workers. */
    private static OrderedParallelWalk<ListedObject> ordered(String bucket, int pageSize) {
        return new OrderedParallelWalk<>(new CurrentObjectsWalk(s3, bucket, "", pageSize, false), ListedObject::key, "",
                RangePlanner.of(s3, bucket, ""), new WalkerSettings(8, 16, true, 10, Duration.ofMillis(10)), 2);
    }

    private static List<String> keysHandedOver(OrderedParallelWalk<ListedObject> walk) {
        List<String> listed = new ArrayList<>();
        walk.pages(KeyRange.ALL).forEachRemaining(page -> page.entries().forEach(e -> listed.add(e.key())));
        return listed;
    }

    /**
     * The same on the source's ordered walk: one key a page, eight workers, the rest of a part after
     * {@code ü-00} split while it is listed. The pages come out in key order, each key once, the emoji last.
     */
    @Test
    void an_ordered_walk_split_after_latin_keys_hands_over_the_emoji_key_after_them_once() {
        OrderedParallelWalk<ListedObject> walk = ordered(EMOJI_BUCKET, 1);

        List<String> listed = keysHandedOver(walk);

        assertThat(walk.splitCount()).isPositive();
        assertThat(listed).hasSize(21).isSortedAccordingTo(KeyRange.KEY_ORDER).doesNotHaveDuplicates().endsWith(EMOJI);
    }

    @Test
    void an_ordered_walk_split_among_awkward_keys_hands_over_every_key_once_in_key_order() {
        OrderedParallelWalk<ListedObject> walk = ordered(BUCKET, 5);

        List<String> listed = keysHandedOver(walk);

        assertThat(walk.splitCount()).isPositive();
        assertThat(listed).isEqualTo(keys);
    }

    /** ListObjectVersions a plain SDK loop sends for the versions bucket, {@value #VERSIONS_PAGE} entries a request. */
    private static long sequentialVersionListings() {
        return s3.listObjectVersionsPaginator(b -> b.bucket(VERSIONS_BUCKET).maxKeys(VERSIONS_PAGE)).stream().count();
    }

    /**
     * Before, every page of a range was the first page of a new walk from the last key handed over: the versions
     * of the key held back at the end of a response were listed again by the next one (on Ceph RGW the last key
     * handed over too), 20 requests here where 12 list every version once (1,001 for 3,000 versions on RGW).
     */
    @Test
    void a_range_of_keys_in_several_versions_is_listed_in_as_many_requests_as_a_plain_version_listing() throws Exception {
        VersionsWalk versions = new VersionsWalk(s3, VERSIONS_BUCKET, "", VERSIONS_PAGE, false);
        List<String> listed = new ArrayList<>();

        new ParallelWalker<>(versions, KeyHistory::key, "", WalkerSettings.of(1)).walk(List.of(KeyRange.ALL),
                page -> page.page().entries().forEach(history -> history.newestFirst().forEach(v -> listed.add(v.key()))));

        assertThat(listed).hasSize(60);
        assertThat(versions.requestCount()).isEqualTo(sequentialVersionListings());
    }

    /** The same for the source's ordered walk (21 requests before). */
    @Test
    void an_ordered_walk_of_keys_in_several_versions_sends_two_version_listings_more_than_a_plain_listing_for_its_plan_and_its_two_parts() {
        VersionsWalk versions = new VersionsWalk(s3, VERSIONS_BUCKET, "", VERSIONS_PAGE, false);
        OrderedParallelWalk<KeyHistory> walk = new OrderedParallelWalk<>(versions, KeyHistory::key, "",
                RangePlanner.of(s3, VERSIONS_BUCKET, "", VERSIONS_PAGE), WalkerSettings.of(1), 2);
        List<String> listed = new ArrayList<>();

        walk.pages(KeyRange.ALL).forEachRemaining(page -> page.entries()
                .forEach(history -> history.newestFirst().forEach(v -> listed.add(v.key()))));

        assertThat(listed).hasSize(60);
        // Two parts, two a request the walk starts with: a key's versions may go on, so the first asks once more at its end.
        // The plan's first page is the walk's own (a version listing in place of a ListObjectsV2), of no use past the plan.
        assertThat(versions.requestCount()).isEqualTo(sequentialVersionListings() + 2);
    }
}
