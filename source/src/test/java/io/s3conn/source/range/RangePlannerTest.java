package io.s3conn.source.range;

import static io.s3conn.source.range.RangeSplitterTest.assertConsecutive;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

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
    /** Numbered keys with a few after them, as the source benchmark's CDC bucket: k/000000 ... k/002100, k/new-0 ... k/new-3. */
    private static final List<String> TAIL = Stream.concat(IntStream.rangeClosed(0, 2100).mapToObj(i -> String.format("k/%06d", i)),
            IntStream.range(0, 4).mapToObj(i -> "k/new-" + i)).toList();

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
            new SyntheticBucket("tail", new SyntheticLayout.Listed(TAIL)),
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

    /** Before, the folder listing was sent beside the first page, which alone showed the scope fits it: 2 requests. */
    @Test
    void a_few_folders_that_fit_one_page_are_one_range_from_the_one_listing_a_sequential_walk_sends() {
        List<KeyRange> plan = RangePlanner.of(s3, "few-small-folders", "").plan(16);

        assertThat(plan).containsExactly(KeyRange.ALL);
        assertThat(server.stats().listObjectsV2()).isEqualTo(server.sequentialListings("few-small-folders", 1000));
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
        // Then one round checks the cuts: one probe each, but for the one whose first key an end probe found.
        assertThat(numbered.probes()).isEqualTo(25 + plan.size() - 2);
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

    /**
     * Before, the plan of these keys sent 35 ListObjectsV2: its first probe for where keys end found k/new-0 after a
     * point past k/002100, and 15 of its later probes (at cuts halving the key space) lay in that same gap.
     */
    @Test
    void a_plan_sends_no_probe_at_a_point_an_earlier_probe_of_it_answered() {
        RecordedRounds probes = new RecordedRounds(TAIL);

        List<KeyRange> plan = new RangePlanner(s3, "tail", "", probes).plan(16);

        assertConsecutive(plan, KeyRange.ALL);
        assertThat(probes.answeredBefore()).isEmpty();
    }

    @Test
    void a_second_plan_probes_again_what_the_first_found() {
        RecordedRounds probes = new RecordedRounds(TAIL);
        RangePlanner planner = new RangePlanner(s3, "tail", "", probes);
        planner.plan(16);
        int firstPlan = probes.rounds.stream().mapToInt(Map::size).sum();

        planner.plan(16);

        assertThat(probes.rounds.stream().mapToInt(Map::size).sum()).isEqualTo(2 * firstPlan);
    }

    /** A probe of sorted keys that keeps each round of probes sent at once, with the first key found after each point. */
    private static final class RecordedRounds implements KeyProbe {
        private final SortedKeys keys;
        private final List<Map<String, Optional<String>>> rounds = new ArrayList<>();

        RecordedRounds(List<String> keys) {
            this.keys = new SortedKeys(keys);
        }

        @Override
        public Optional<String> firstKeyAfter(Optional<String> after) {
            return firstKeysAfter(List.of(after.orElse(""))).getFirst();
        }

        @Override
        public synchronized List<Optional<String>> firstKeysAfter(List<String> points) {
            Map<String, Optional<String>> round = new LinkedHashMap<>();
            points.forEach(point -> round.put(point, keys.firstKeyAfter(Optional.of(point))));
            rounds.add(round);
            return points.stream().map(round::get).toList();
        }

        /** Points probed whose first key a probe of an earlier round had told: none lies between them. */
        List<String> answeredBefore() {
            List<String> answered = new ArrayList<>();
            for (int i = 1; i < rounds.size(); i++) {
                for (String point : rounds.get(i).keySet()) {
                    boolean known = rounds.subList(0, i).stream().flatMap(round -> round.entrySet().stream())
                            .anyMatch(earlier -> KeyRange.compareKeys(earlier.getKey(), point) <= 0 && earlier.getValue()
                                    .map(first -> KeyRange.compareKeys(point, first) < 0).orElse(true));
                    if (known) {
                        answered.add(point);
                    }
                }
            }
            return answered;
        }
    }

    @Test
    void an_empty_scope_is_one_range() {
        assertThat(RangePlanner.of(s3, "empty", "").plan(16)).containsExactly(KeyRange.ALL);
    }

    /** Before, the folder listing was sent beside the first page, which alone showed the scope empty: 2 requests. */
    @Test
    void an_empty_scope_is_planned_from_the_one_listing_a_sequential_walk_sends() {
        RangePlanner.of(s3, "empty", "").plan(16);

        assertThat(server.stats().listObjectsV2()).isEqualTo(server.sequentialListings("empty", 1000));
    }

    @Test
    void one_range_wanted_costs_no_request() {
        assertThat(RangePlanner.of(s3, "flat", "").plan(1)).containsExactly(KeyRange.ALL);
        assertThat(server.stats().listRequests()).isZero();
    }
}
