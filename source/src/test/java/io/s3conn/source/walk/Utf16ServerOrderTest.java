package io.s3conn.source.walk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import io.s3conn.source.change.Change;
import io.s3conn.source.range.KeyRange;
import io.s3conn.source.snapshot.SnapshotReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Walks over S3Proxy, which lists keys in UTF-16 order: {@code "x\uD83D\uDE00"} before {@code "x\uE000"},
 * where Amazon S3 and RGW (UTF-8 order) list {@code "x\uE000"} first. One key a request, so the two fall
 * on different pages; every walk still lists each key once, in UTF-8 order, and covers exactly what it listed.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class Utf16ServerOrderTest {

    private static final String BMP_HIGH = "x\uE000";
    private static final String EMOJI = "x\uD83D\uDE00";
    /** In UTF-8 order, as Amazon S3 lists them. */
    private static final List<String> KEYS = List.of("a", BMP_HIGH, EMOJI, "y");

    @RegisterExtension
    static final WalkTestBed SERVER = new WalkTestBed();
    private static S3Client s3;

    @BeforeAll
    static void seed() {
        s3 = SERVER.s3();
        SERVER.bucket("objects", KEYS);
        SERVER.versionedBucket("versions", KEYS);
    }

    private static <E> List<WalkPage<E>> all(Walk<E> walk, KeyRange range) {
        List<WalkPage<E>> pages = new ArrayList<>();
        walk.pages(range).forEachRemaining(pages::add);
        return pages;
    }

    @Test
    void s3proxy_lists_the_emoji_key_before_the_key_with_a_private_use_character() {
        List<String> listed = s3.listObjectsV2(b -> b.bucket("objects")).contents().stream().map(o -> o.key()).toList();

        assertThat(listed).containsExactly("a", EMOJI, BMP_HIGH, "y");
    }

    @Test
    void a_walk_of_current_objects_one_key_a_request_lists_every_key_once_in_utf8_order() {
        List<WalkPage<ListedObject>> pages = all(new CurrentObjectsWalk(s3, "objects", "", 1, false), KeyRange.ALL);

        assertThat(pages.stream().flatMap(p -> p.entries().stream()).map(ListedObject::key)).containsExactlyElementsOf(KEYS);
    }

    @Test
    void every_page_covers_exactly_the_keys_it_holds() {
        List<WalkPage<ListedObject>> pages = all(new CurrentObjectsWalk(s3, "objects", "", 1, false), KeyRange.ALL);

        for (WalkPage<ListedObject> page : pages) {
            assertThat(KEYS.stream().filter(page.covered()::contains))
                    .containsExactlyElementsOf(page.entries().stream().map(ListedObject::key).toList());
        }
    }

    @Test
    void a_walk_of_versions_one_entry_a_request_lists_every_version_once() {
        List<WalkPage<KeyHistory>> pages = all(new VersionsWalk(s3, "versions", "", 1, false), KeyRange.ALL);

        List<String> versions = pages.stream().flatMap(p -> p.entries().stream())
                .flatMap(h -> h.newestFirst().stream().map(v -> h.key() + " " + v.versionId().orElseThrow())).toList();
        assertThat(versions).hasSize(2 * KEYS.size()).doesNotHaveDuplicates();
        assertThat(pages.stream().flatMap(p -> p.entries().stream()).map(KeyHistory::key)).containsExactlyElementsOf(KEYS);
    }

    @Test
    void a_walk_resumed_from_a_page_bound_lists_the_rest() {
        Iterator<WalkPage<ListedObject>> pages = new CurrentObjectsWalk(s3, "objects", "", 1, false).pages(KeyRange.ALL);
        List<String> keys = new ArrayList<>(pages.next().entries().stream().map(ListedObject::key).toList());
        WalkPage<ListedObject> second = pages.next();
        keys.addAll(second.entries().stream().map(ListedObject::key).toList());

        all(new CurrentObjectsWalk(s3, "objects", "", 1, false), KeyRange.after(second.covered().upTo()))
                .forEach(p -> p.entries().forEach(e -> keys.add(e.key())));

        assertThat(keys).containsExactlyElementsOf(KEYS);
    }

    @Test
    void a_snapshot_resumed_after_the_key_with_a_private_use_character_still_emits_the_emoji_key() {
        SnapshotReader snapshot = new SnapshotReader(new CurrentObjectsWalk(s3, "objects", "", 1000, false).asHistories(),
                KeyRange.ALL, "", Optional.of(BMP_HIGH));
        List<String> emitted = new ArrayList<>();

        for (Optional<List<Change>> page = snapshot.nextPage(); page.isPresent(); page = snapshot.nextPage()) {
            page.get().forEach(change -> emitted.add(change.object().key()));
        }

        assertThat(emitted).containsExactly(EMOJI, "y");
    }
}
