package io.s3conn.source.range;

import static io.s3conn.source.range.RangeSplitterTest.assertConsecutive;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;

import io.s3conn.source.walk.WalkPage;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** {@link SplittableRange}: what a split leaves of a range, and how pages listed before the split are taken. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SplittableRangeTest {

    /** Hash-like names in one folder, evenly spread: a page of them gives a density. */
    private static final List<String> KEYS = IntStream.range(0, 1000).mapToObj(i -> String.format("k/%04x", i * 64)).toList();
    private static final int PAGE = 100;

    /** A range over every key whose first page (the first 100 keys) was taken. */
    private static SplittableRange<String> afterFirstPage() {
        SplittableRange<String> range = new SplittableRange<>(KeyRange.ALL, Function.identity(), "");
        range.take(new WalkPage<>(new KeyRange(Optional.empty(), Optional.of(KEYS.get(PAGE - 1))), KEYS.subList(0, PAGE),
                false, false));
        return range;
    }

    /** The keys of {@code KEYS} in {@code range}. */
    private static List<String> in(KeyRange range) {
        return KEYS.stream().filter(range::contains).toList();
    }

    @Test
    void a_split_leaves_the_range_and_its_parts_tiling_what_it_covered_before() {
        SplittableRange<String> range = afterFirstPage();

        List<SplittableRange<String>> parts = range.split(3);

        List<KeyRange> tiles = new ArrayList<>();
        tiles.add(range.range());
        parts.forEach(p -> tiles.add(p.range()));
        assertThat(parts).hasSizeGreaterThanOrEqualTo(3);
        assertConsecutive(tiles, KeyRange.ALL);
    }

    @Test
    void a_split_keeps_an_equal_share_of_the_rest_so_its_worker_is_not_idle_again_soon() {
        SplittableRange<String> range = afterFirstPage();

        List<SplittableRange<String>> parts = range.split(3);

        int kept = in(range.remaining()).size();
        assertThat(kept).isBetween(200, 250); // 900 keys left in 4 shares
        // The parts of the folder; one more part holds what may lie after the folder.
        assertThat(parts.subList(0, 3)).allSatisfy(p -> assertThat(in(p.range()).size()).isBetween(kept - 25, kept + 25));
    }

    @Test
    void a_split_keeps_at_least_a_page_and_a_quarter_after_the_cursor_for_the_page_being_listed() {
        SplittableRange<String> range = afterFirstPage();

        range.split(20);

        assertThat(in(range.remaining()).size()).isBetween(PAGE, 2 * PAGE);
    }

    @Test
    void a_near_split_cuts_parts_of_about_the_pages_asked_right_after_what_the_range_keeps() {
        SplittableRange<String> range = afterFirstPage();

        List<SplittableRange<String>> parts = range.splitNear(2, 2);

        assertThat(parts).hasSize(3);
        assertThat(parts.subList(0, 2)).allSatisfy(p -> assertThat(in(p.range()).size()).isBetween(3 * PAGE / 2, 5 * PAGE / 2));
        assertThat(parts.getFirst().range().after()).isEqualTo(range.range().upTo());
    }

    @Test
    void a_near_split_leaves_the_rest_of_the_remainder_as_one_last_part() {
        SplittableRange<String> range = afterFirstPage();

        List<SplittableRange<String>> parts = range.splitNear(2, 2);

        assertThat(parts.getLast().range().upTo()).isEmpty();
        assertThat(in(parts.getLast().range()).size()).isGreaterThan(5 * PAGE / 2); // more than a near part holds
    }

    @Test
    void a_range_is_not_split_again_before_it_took_another_page() {
        SplittableRange<String> range = afterFirstPage();

        range.split(3);

        assertThat(range.splittable()).isFalse();
    }

    @Test
    void a_page_listed_before_a_split_hands_the_keys_past_the_new_bound_to_the_part_split_off() {
        SplittableRange<String> range = afterFirstPage();
        List<SplittableRange<String>> parts = range.split(3);
        KeyRange remaining = range.remaining();
        List<String> listed = in(KeyRange.after(remaining.after())).subList(0, 3 * PAGE);

        WalkPage<String> taken = range.take(new WalkPage<>(new KeyRange(remaining.after(), Optional.of(listed.getLast())),
                listed, false, false));

        assertThat(taken.last()).isTrue();
        assertThat(taken.covered()).isEqualTo(remaining);
        assertThat(taken.entries()).isEqualTo(in(remaining));
        assertThat(parts.getFirst().range().after()).isEqualTo(remaining.upTo());
    }

    /**
     * A server listing in UTF-16 order holds back keys past a character above U+D7FF, so a page may cover
     * past its last key: when it covers past the bound, the part after the bound is listed by its own worker.
     */
    @Test
    void a_page_covering_past_a_new_bound_ends_the_range_there_though_no_key_of_it_lies_past_the_bound() {
        SplittableRange<String> range = afterFirstPage();
        range.split(3);
        KeyRange remaining = range.remaining();
        String bound = remaining.upTo().orElseThrow();
        List<String> before = in(remaining).subList(0, 10);

        WalkPage<String> taken = range.take(new WalkPage<>(new KeyRange(remaining.after(), Optional.of(bound + "~")), before,
                false, false));

        assertThat(taken.last()).isTrue();
        assertThat(taken.covered()).isEqualTo(remaining);
        assertThat(range.done()).isTrue();
    }

    /** 50 folders of 20 numbered names, {@code n/f00/obj-0000} ..., as the test bed's {@code load/} holds them. */
    private static final List<String> NESTED = IntStream.range(0, 1000)
            .mapToObj(i -> String.format("n/f%02d/obj-%04d", i % 50, i)).sorted(KeyRange.KEY_ORDER).toList();

    /** The folders of {@code NESTED} after {@code after}, as a listing with delimiter gives them. */
    private static List<String> foldersAfter(String after) {
        return NESTED.stream().map(k -> k.substring(0, k.lastIndexOf('/') + 1)).distinct()
                .filter(f -> KeyRange.compareKeys(f, after) > 0).toList();
    }

    /** A range over all of {@code NESTED} whose first page (five whole folders) was taken. */
    private static SplittableRange<String> nestedAfterFirstPage() {
        SplittableRange<String> range = new SplittableRange<>(KeyRange.ALL, Function.identity(), "");
        range.take(new WalkPage<>(new KeyRange(Optional.empty(), Optional.of(NESTED.get(PAGE - 1))), NESTED.subList(0, PAGE),
                false, false));
        return range;
    }

    @Test
    void a_range_whose_page_held_small_folders_whole_asks_for_the_folders_of_their_parent() {
        SplittableRange<String> range = nestedAfterFirstPage();

        assertThat(range.foldersToList()).contains("n/");
    }

    @Test
    void a_range_listed_to_its_end_asks_for_no_folders() {
        SplittableRange<String> range = nestedAfterFirstPage();
        List<String> rest = NESTED.subList(PAGE, 2 * PAGE);

        range.take(new WalkPage<>(range.remaining(), rest, true, false));

        assertThat(range.foldersToList()).isEmpty();
    }

    @Test
    void a_range_whose_page_lay_in_one_folder_is_split_by_density() {
        assertThat(afterFirstPage().foldersToList()).isEmpty();
    }

    @Test
    void a_split_at_folders_cuts_at_their_names_into_parts_of_whole_pages_with_room() {
        SplittableRange<String> range = nestedAfterFirstPage();

        List<SplittableRange<String>> parts = range.splitAtFolders(foldersAfter(NESTED.get(PAGE - 1)), 7);

        List<KeyRange> tiles = new ArrayList<>();
        tiles.add(range.range());
        parts.forEach(p -> tiles.add(p.range()));
        assertConsecutive(tiles, KeyRange.ALL);
        // 45 folders of 20 keys left: four a page (80 keys, room for one more request's worth), two pages a part.
        assertThat(parts).hasSize(6).allSatisfy(p -> assertThat(p.range().after().orElseThrow()).matches("n/f\\d\\d/"));
        assertThat(parts.subList(0, 5)).allSatisfy(p -> assertThat(in(NESTED, p.range())).hasSize(160));
    }

    /** Else the page its worker is listing now would be cut short at the first folder and listed again by the next part. */
    @Test
    void a_split_at_folders_leaves_the_range_the_folders_a_page_holds_after_its_cursor() {
        SplittableRange<String> range = nestedAfterFirstPage();

        range.splitAtFolders(foldersAfter(NESTED.get(PAGE - 1)), 7);

        // Four folders of 20 keys: as many as a page of 100 holds whole, with room.
        assertThat(in(NESTED, range.remaining())).hasSize(80);
    }

    @Test
    void the_parts_of_a_split_at_folders_are_not_split_again_with_two_pages_left() {
        SplittableRange<String> range = nestedAfterFirstPage();

        List<SplittableRange<String>> parts = range.splitAtFolders(foldersAfter(NESTED.get(PAGE - 1)), 7);

        assertThat(range.splittable()).isFalse();
        assertThat(parts).allSatisfy(p -> assertThat(p.keysLeft()).isLessThanOrEqualTo(2L * PAGE));
    }

    @Test
    void a_range_with_two_pages_of_folders_left_is_not_split_at_them() {
        SplittableRange<String> range = nestedAfterFirstPage();
        List<String> folders = foldersAfter(NESTED.get(PAGE - 1));

        List<SplittableRange<String>> parts = range.splitAtFolders(folders.subList(0, 3), 7);

        assertThat(parts).isEmpty();
        assertThat(range.keysLeft()).isLessThanOrEqualTo(2L * PAGE);
    }

    /** A huge folder among small ones (a skewed bucket) is split by density once a page of its part lies in it. */
    @Test
    void a_part_cut_at_folders_whose_page_lies_in_one_folder_is_splittable_again() {
        SplittableRange<String> range = nestedAfterFirstPage();
        SplittableRange<String> part = range.splitAtFolders(foldersAfter(NESTED.get(PAGE - 1)), 7).getFirst();
        String folder = part.range().after().orElseThrow();
        List<String> huge = IntStream.range(0, PAGE).mapToObj(i -> String.format("%s%04x", folder, i * 64)).toList();

        part.take(new WalkPage<>(new KeyRange(part.range().after(), Optional.of(huge.getLast())), huge, false, false));

        assertThat(part.splittable()).isTrue();
        assertThat(part.foldersToList()).isEmpty();
    }

    /** Keys a folder of {@code BATCHES} holds, and a page of them: as {@code bench/inventory.sh} lays them out. */
    private static final int BATCH = 1000;
    /**
     * Folders of a page of numbered names each, {@code b/batch-0000/object-00000000.json} ...: with fewer, a double
     * does not tell the positions of a page's first and last key apart, and there is no density.
     */
    private static final List<String> BATCHES = IntStream.range(0, 5 * BATCH)
            .mapToObj(i -> String.format("b/batch-%04d/object-%08d.json", i / BATCH, i)).toList();

    /** The range of the folders {@code from} up to before {@code to} of {@code BATCHES}, its first {@code pages} pages taken. */
    private static SplittableRange<String> batchesWalked(int from, int to, int pages) {
        SplittableRange<String> range = new SplittableRange<>(new KeyRange(Optional.of(String.format("b/batch-%04d/", from)),
                Optional.of(String.format("b/batch-%04d/", to))), Function.identity(), "");
        for (int page = 0; page < pages; page++) {
            List<String> keys = BATCHES.subList((from + page) * BATCH, (from + page + 1) * BATCH);
            range.take(new WalkPage<>(new KeyRange(range.remaining().after(), Optional.of(keys.getLast())), keys, false, false));
        }
        return range;
    }

    @Test
    void a_range_whose_pages_of_numbered_names_each_filled_a_folder_is_not_split() {
        SplittableRange<String> range = batchesWalked(0, 2, 2);

        assertThat(range.splittable()).isFalse();
    }

    /** A range of {@code BATCHES}' five folders whose first folder filled its first two pages (it holds a second page here). */
    private static SplittableRange<String> firstFolderOfTwoPagesWalked() {
        SplittableRange<String> range = batchesWalked(0, 5, 1);
        List<String> more = IntStream.range(BATCH, 2 * BATCH).mapToObj(i -> String.format("b/batch-0000/object-%08d", i)).toList();
        range.take(new WalkPage<>(new KeyRange(range.remaining().after(), Optional.of(more.getLast())), more, false, false));
        return range;
    }

    @Test
    void a_folder_of_numbered_names_that_filled_two_pages_in_a_row_is_splittable() {
        assertThat(firstFolderOfTwoPagesWalked().splittable()).isTrue();
    }

    @Test
    void a_range_of_numbered_names_is_split_into_one_part_after_what_it_keeps_and_one_past_its_folder() {
        SplittableRange<String> range = firstFolderOfTwoPagesWalked();
        KeyRange before = range.remaining();

        List<SplittableRange<String>> parts = range.split(5);

        assertThat(parts).hasSize(2);
        assertThat(parts.getLast().range().after().orElseThrow()).startsWith("b/batch-0000/");
        List<KeyRange> tiles = new ArrayList<>();
        tiles.add(range.remaining());
        parts.forEach(p -> tiles.add(p.range()));
        assertConsecutive(tiles, before);
    }

    private static List<String> in(List<String> keys, KeyRange range) {
        return keys.stream().filter(range::contains).toList();
    }
}
