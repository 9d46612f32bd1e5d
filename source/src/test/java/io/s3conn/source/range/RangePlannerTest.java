package io.s3conn.source.range;

import static io.s3conn.source.range.RangeSplitterTest.assertConsecutive;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.s3conn.testbed.TestBed;
import io.s3conn.testbed.synthetic.SyntheticBucket;
import io.s3conn.testbed.synthetic.SyntheticBucketServer;
import io.s3conn.testbed.synthetic.SyntheticLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RangePlannerTest {

    private static final int KEYS = 10_000;
    /** Keys in each of the 50 folders of the {@code prefixes} layout. */
    private static final int FOLDER = KEYS / 50;
    /** Flat keys whose first page says nothing of where they end: obj-00000 ... obj-09999. */
    private static final List<String> NUMBERED = IntStream.range(0, KEYS).mapToObj(i -> String.format("obj-%05d", i)).toList();
    /**
     * A flat bucket of names as users give them: 2,000 each starting with a digit ({@code 2024-...}), an upper case
     * letter ({@code IMG_...}), a lower case one ({@code backup-...}) and a letter beyond ASCII ({@code über-...},
     * {@code 日報-...}).
     */
    private static final List<String> MIXED = mixedKeys();

    @AutoClose
    private static final SyntheticBucketServer server = SyntheticBucketServer.startWithEveryLayout(KEYS,
            new SyntheticBucket("numbered", new SyntheticLayout.Listed(NUMBERED)),
            new SyntheticBucket("mixed", new SyntheticLayout.Listed(MIXED)),
            new SyntheticBucket("one-folder", new SyntheticLayout.Listed(NUMBERED.stream().map(key -> "data/" + key).toList())),
            new SyntheticBucket("unpadded", new SyntheticLayout.Listed(
                    IntStream.rangeClosed(1, KEYS).mapToObj(i -> "obj-" + i).toList())),
            new SyntheticBucket("seven-digits", new SyntheticLayout.Listed(
                    IntStream.rangeClosed(0, 1000).mapToObj(i -> String.format("obj-%07d", i)).toList())),
            new SyntheticBucket("empty", new SyntheticLayout.Flat(0)),
            new SyntheticBucket("small", new SyntheticLayout.Flat(2000)),
            new SyntheticBucket("few-small-folders", new SyntheticLayout.Listed(
                    List.of("a/1", "a/2", "b/1", "c/1", "c/2", "c/3", "d/x/1", "top-level-key"))),
            new SyntheticBucket("many-small-folders", new SyntheticLayout.Listed(IntStream.range(0, 80)
                    .mapToObj(i -> String.format("f%02d/%d", i / 2, i % 2)).toList())));

    private static List<String> mixedKeys() {
        java.util.Random random = new java.util.Random(39);
        List<String> upper = List.of("IMG_", "Invoice-", "README-", "Scan ", "DSC");
        List<String> lower = List.of("backup-", "log-", "photo-", "notes_", "report-");
        List<String> beyond = List.of("über-", "Ärger-", "été-", "日報-", "Ωmega-", "жизнь-");
        List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            keys.add(String.format("%d-%05d.csv", 1990 + random.nextInt(40), random.nextInt(100_000)));
            keys.add(upper.get(random.nextInt(upper.size())) + String.format("%06d.JPG", random.nextInt(1_000_000)));
            keys.add(lower.get(random.nextInt(lower.size())) + Long.toHexString(random.nextLong()) + ".gz");
            keys.add(beyond.get(random.nextInt(beyond.size())) + String.format("%06d.txt", random.nextInt(1_000_000)));
        }
        return keys.stream().distinct().toList();
    }

    @AutoClose
    private static final S3Client s3 = TestBed.newClientWithoutRetries(server.endpoint());

    @AfterEach
    void reset() {
        server.reset();
    }

    private static long keysIn(String layout, KeyRange range) {
        return SyntheticLayout.named(layout, KEYS).keys().stream().filter(range::contains).count();
    }

    @Test
    void folders_become_ranges_from_the_two_first_listings_without_probes() {
        List<KeyRange> plan = RangePlanner.of(s3, "prefixes", "").plan(25);

        assertThat(plan).hasSizeLessThanOrEqualTo(25);
        assertConsecutive(plan, KeyRange.ALL);
        assertThat(plan.subList(1, plan.size())).allMatch(range -> keysIn("prefixes", range) == 2 * FOLDER);
        assertThat(server.stats().listObjectsV2()).isEqualTo(2);
    }

    @Test
    void as_many_folders_as_ranges_wanted_become_a_range_each_after_those_the_first_page_holds_whole() {
        List<KeyRange> plan = RangePlanner.of(s3, "prefixes", "").plan(50);

        // The first page (1,000 keys) holds p00/ to p03/ whole and ends in p04/.
        assertThat(plan.getFirst()).isEqualTo(new KeyRange(Optional.empty(), Optional.of("p04/")));
        assertThat(plan.subList(1, plan.size())).hasSize(46).allMatch(range -> keysIn("prefixes", range) == FOLDER);
        assertThat(server.stats().listObjectsV2()).isEqualTo(2);
    }

    @Test
    void a_few_folders_that_fit_one_page_are_one_range_from_the_two_first_listings() {
        List<KeyRange> plan = RangePlanner.of(s3, "few-small-folders", "").plan(16);

        assertThat(plan).containsExactly(KeyRange.ALL);
        assertThat(server.stats().listObjectsV2()).isEqualTo(2);
    }

    @Test
    void more_folders_than_ranges_wanted_that_fit_one_page_are_one_range() {
        assertThat(RangePlanner.of(s3, "many-small-folders", "").plan(16)).containsExactly(KeyRange.ALL);
    }

    @Test
    void a_few_folders_within_a_range_that_fit_one_page_there_are_one_range() {
        KeyRange within = new KeyRange(Optional.of("p10/"), Optional.of("p13/"));

        List<KeyRange> plan = RangePlanner.of(s3, "prefixes", "").plan(within, 16);

        // p11/ and p12/ hold 200 keys each, p13/ stays out: one page of the plain listing reaches past it.
        assertThat(plan).containsExactly(within);
    }

    @Test
    void more_folders_than_wanted_are_grouped_into_consecutive_ranges() {
        List<KeyRange> plan = RangePlanner.of(s3, "prefixes", "").plan(10);

        assertThat(plan).hasSize(10);
        assertConsecutive(plan, KeyRange.ALL);
        assertThat(plan).allMatch(range -> keysIn("prefixes", range) == KEYS / 10);
    }

    @Test
    void a_flat_key_space_of_hash_named_keys_is_cut_by_its_first_listings_one_probe_and_a_round_of_checks_into_ranges_that_all_hold_keys() {
        List<KeyRange> plan = RangePlanner.of(s3, "flat", "").plan(16);

        // The two listings, the probe for where keys end, and one round checking that every range holds keys.
        assertThat(server.stats().listObjectsV2()).isEqualTo(3 + plan.size() - 1);
        assertThat(plan.size()).isGreaterThan(8);
        assertConsecutive(plan, KeyRange.ALL);
        assertThat(plan).allMatch(range -> keysIn("flat", range) > 0);
    }

    @Test
    void a_flat_scope_of_10000_numbered_keys_is_cut_into_4_ranges_of_roughly_2500_keys_each() {
        SortedKeys numbered = new SortedKeys(NUMBERED);

        List<KeyRange> plan = new RangePlanner(s3, "numbered", "", numbered).plan(4);

        assertConsecutive(plan, KeyRange.ALL);
        assertThat(plan).hasSize(4).allSatisfy(range -> assertThat(numbered.countIn(range)).as(range.toString()).isBetween(2000L, 3000L));
    }

    /**
     * Before, the first page (keys starting with digits) set the alphabet the cuts were spread through: every key
     * starting otherwise lay where that alphabet ends, and of 4 ranges one held no key (a Kafka Connect task with
     * nothing to read; seen on Ceph RGW).
     */
    @Test
    void a_flat_scope_of_keys_with_mixed_leading_characters_is_cut_into_4_ranges_that_all_hold_keys() {
        SortedKeys mixed = new SortedKeys(MIXED);

        List<KeyRange> plan = RangePlanner.of(s3, "mixed", "").plan(4);

        assertConsecutive(plan, KeyRange.ALL);
        assertThat(plan).hasSize(4).allSatisfy(range -> assertThat(mixed.countIn(range)).as(range.toString()).isPositive());
    }

    @Test
    void a_flat_scope_of_keys_with_mixed_leading_characters_is_cut_into_ranges_that_all_hold_keys_for_8_tasks() {
        SortedKeys mixed = new SortedKeys(MIXED);

        List<KeyRange> plan = RangePlanner.of(s3, "mixed", "").plan(8);

        assertConsecutive(plan, KeyRange.ALL);
        assertThat(plan).hasSizeBetween(4, 8).allSatisfy(range -> assertThat(mixed.countIn(range)).as(range.toString()).isPositive());
    }

    @Test
    void a_scope_that_is_one_folder_is_cut_inside_it_into_ranges_of_roughly_equal_size() {
        SortedKeys inFolder = new SortedKeys(NUMBERED.stream().map(key -> "data/" + key).toList());

        List<KeyRange> plan = new RangePlanner(s3, "one-folder", "", inFolder).plan(4);

        assertConsecutive(plan, KeyRange.ALL);
        assertThat(plan).hasSize(4).allSatisfy(range -> assertThat(inFolder.countIn(range)).as(range.toString()).isBetween(2000L, 3000L));
    }

    @Test
    void a_flat_scope_of_keys_of_varying_length_is_cut_into_no_more_ranges_than_wanted() {
        List<KeyRange> plan = RangePlanner.of(s3, "unpadded", "").plan(4);

        assertThat(plan).hasSize(4);
        assertConsecutive(plan, KeyRange.ALL);
    }

    @Test
    void a_flat_scope_within_an_upper_bound_is_cut_evenly_up_to_that_bound() {
        SortedKeys numbered = new SortedKeys(NUMBERED);
        KeyRange within = new KeyRange(Optional.empty(), Optional.of("obj-05999"));

        List<KeyRange> plan = new RangePlanner(s3, "numbered", "", numbered).plan(within, 3);

        assertConsecutive(plan, within);
        assertThat(plan).hasSize(3).allSatisfy(range -> assertThat(numbered.countIn(range)).as(range.toString()).isBetween(1600L, 2400L));
    }

    @Test
    void finding_where_10000_numbered_keys_end_takes_four_rounds_of_25_probes_in_all() {
        SortedKeys numbered = new SortedKeys(NUMBERED);
        RangePlanner planner = new RangePlanner(s3, "numbered", "", numbered);

        List<KeyRange> plan = planner.plan(16);

        assertThat(planner.endRounds()).isEqualTo(4); // README quotes these figures
        // Then one round checks the cuts: one probe each.
        assertThat(numbered.probes()).isEqualTo(25 + plan.size() - 1);
    }

    @Test
    void keys_running_millions_of_pages_past_the_first_are_found_to_end_in_six_rounds() {
        // After the first page (obj-0000000 ... obj-0000999), a key right after every point up to oj: millions of
        // pages by the density of the first one.
        KeyProbe longRun = after -> after.filter(point -> KeyRange.compareKeys(point, "oj") < 0).map(point -> point + "0");
        RangePlanner planner = new RangePlanner(s3, "seven-digits", "", longRun);

        List<KeyRange> plan = planner.plan(4);

        assertThat(planner.endRounds()).isEqualTo(6); // README quotes it; at most 8 (MAX_END_ROUNDS)
        assertThat(plan).hasSize(4);
        assertConsecutive(plan, KeyRange.ALL);
        assertThat(plan.get(2).upTo()).hasValueSatisfying(cut -> assertThat(cut).isGreaterThan("obj-1").isLessThan("oj"));
    }

    @Test
    void a_flat_scope_of_two_pages_is_not_cut_into_parts_smaller_than_a_page() {
        List<KeyRange> plan = RangePlanner.of(s3, "small", "").plan(16);

        assertThat(plan.size()).isLessThanOrEqualTo(2);
        assertConsecutive(plan, KeyRange.ALL);
    }

    @Test
    void a_scope_under_a_prefix_is_cut_within_it() {
        List<KeyRange> plan = RangePlanner.of(s3, "skewed", "f050/").plan(8);

        assertThat(plan.size()).isGreaterThan(2);
        assertConsecutive(plan, KeyRange.ALL);
        assertThat(plan.subList(1, plan.size())).allMatch(range -> range.after().orElseThrow().startsWith("f050/"));
    }

    @Test
    void a_plan_within_a_range_stays_inside_it() {
        KeyRange within = new KeyRange(Optional.of("p10/"), Optional.of("p20/"));

        List<KeyRange> plan = RangePlanner.of(s3, "prefixes", "").plan(within, 50);

        // The first page after p10/ holds p10/'s keys and p11/ to p13/ whole: one range; then a folder each.
        assertThat(plan.getFirst()).isEqualTo(new KeyRange(Optional.of("p10/"), Optional.of("p14/")));
        assertThat(plan).hasSize(7);
        assertConsecutive(plan, within);
    }

    @Test
    void an_empty_scope_is_one_range() {
        assertThat(RangePlanner.of(s3, "empty", "").plan(16)).containsExactly(KeyRange.ALL);
    }

    @Test
    void one_range_wanted_costs_no_request() {
        assertThat(RangePlanner.of(s3, "flat", "").plan(1)).containsExactly(KeyRange.ALL);
        assertThat(server.stats().listRequests()).isZero();
    }
}
