package io.s3conn.source.range;

import static io.s3conn.source.range.RangeSplitterTest.assertConsecutive;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import io.s3conn.testbed.synthetic.SyntheticBucket;
import io.s3conn.testbed.synthetic.SyntheticBucketServer;
import io.s3conn.testbed.synthetic.SyntheticLayout;
import io.s3conn.testbed.synthetic.SyntheticServerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RangePlannerTest {

    private static final int KEYS = 10_000;

    private static SyntheticBucketServer server;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        server = SyntheticBucketServer.start(SyntheticServerSettings.immediate(),
                new SyntheticBucket("prefixes", SyntheticLayout.named("prefixes", KEYS)),
                new SyntheticBucket("flat", SyntheticLayout.named("flat", KEYS)),
                new SyntheticBucket("skewed", SyntheticLayout.named("skewed", KEYS)),
                new SyntheticBucket("empty", new SyntheticLayout.Flat(0)),
                new SyntheticBucket("small", new SyntheticLayout.Flat(2000)));
        s3 = SyntheticScope.clientWithoutRetries(server.endpoint());
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    @AfterEach
    void reset() {
        server.resetStats();
    }

    private static long keysIn(String layout, KeyRange range) {
        return SyntheticLayout.named(layout, KEYS).keys().stream().filter(range::contains).count();
    }

    @Test
    void folders_become_ranges_from_one_delimiter_listing_without_probes() {
        List<KeyRange> plan = RangePlanner.of(s3, "prefixes", "").plan(50);

        assertThat(plan).hasSize(50);
        assertConsecutive(plan, KeyRange.ALL);
        assertThat(plan.get(1)).isEqualTo(new KeyRange(Optional.of("p01/"), Optional.of("p02/")));
        assertThat(server.stats().listObjectsV2()).isEqualTo(1);
    }

    @Test
    void more_folders_than_wanted_are_grouped_into_consecutive_ranges() {
        List<KeyRange> plan = RangePlanner.of(s3, "prefixes", "").plan(10);

        assertThat(plan).hasSize(10);
        assertConsecutive(plan, KeyRange.ALL);
        assertThat(plan).allMatch(range -> keysIn("prefixes", range) == KEYS / 10);
    }

    @Test
    void a_flat_key_space_is_cut_by_its_first_listing_into_ranges_that_all_hold_keys() {
        List<KeyRange> plan = RangePlanner.of(s3, "flat", "").plan(16);

        assertThat(server.stats().listObjectsV2()).isEqualTo(1);
        assertThat(plan.size()).isGreaterThan(8);
        assertConsecutive(plan, KeyRange.ALL);
        assertThat(plan).allMatch(range -> keysIn("flat", range) > 0);
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

        // Folders p11/ to p19/ are inside; p10/'s keys go with p11/'s in the first range.
        assertThat(plan).hasSize(9);
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
