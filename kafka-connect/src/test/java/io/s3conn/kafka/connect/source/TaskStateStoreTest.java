package io.s3conn.kafka.connect.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.s3conn.core.s3.S3Endpoint;
import io.s3conn.core.jdbc.Database;
import io.s3conn.kafka.connect.config.SourceConfig;
import io.s3conn.source.position.SnapshotPosition;
import io.s3conn.source.range.KeyRange;
import io.s3conn.source.state.SourceScope;
import io.s3conn.source.state.SourceState;

/** On real SQLite: where a task's state lives, and what dropping it removes. */
class TaskStateStoreTest {

    private static final SourceScope SCOPE = new SourceScope("photos", "");
    private static final S3Endpoint ENDPOINT = new S3Endpoint("http://127.0.0.1:9000");
    private static final KeyRange RANGE = new KeyRange(Optional.of("a"), Optional.of("m"));
    private static final SnapshotPosition SAVED = new SnapshotPosition(Instant.parse("2026-01-01T00:00:00Z"), Optional.of("b"));

    @TempDir
    Path dir;

    @Test
    void withoutDatabaseTheStateIsAFileOfTheConnectorAndRangeUnderStateDir() {
        TaskStateStore store = TaskStateStore.of(config(Optional.empty()), "photos", RANGE);

        assertThat(store).isInstanceOfSatisfying(TaskStateStore.StateFile.class, file -> {
            assertThat(file.file().getParent()).isEqualTo(dir.resolve("state").resolve("photos"));
            assertThat(file.stateName()).isEqualTo("kafka-connect:" + RANGE);
        });
    }

    @Test
    void twoConnectorsWhoseNamesDifferOnlyInLettersOutsideAsciiKeepTheirStatesInDifferentFiles() {
        SourceConfig config = config(Optional.empty());

        assertThat(((TaskStateStore.StateFile) TaskStateStore.of(config, "фото", RANGE)).file())
                .isNotEqualTo(((TaskStateStore.StateFile) TaskStateStore.of(config, "тест", RANGE)).file());
    }

    @Test
    void aConnectorNamedDotDotKeepsItsStateInsideStateDir() {
        TaskStateStore.StateFile store = (TaskStateStore.StateFile) TaskStateStore.of(config(Optional.empty()), "..", RANGE);

        assertThat(store.file().normalize().getParent().getParent()).isEqualTo(dir.resolve("state"));
    }

    @Test
    void withADatabaseStateDirIsNotUsed() {
        TaskStateStore store = TaskStateStore.of(config(Optional.of(sharedUrl())), "photos", RANGE);

        store.open().close();

        assertThat(dir.resolve("state")).doesNotExist();
    }

    @Test
    void twoConnectorsOnOneDatabaseKeepTheSameRangeUnderDifferentNames() {
        SourceConfig config = config(Optional.of(sharedUrl()));

        assertThat(TaskStateStore.of(config, "photos", RANGE).stateName())
                .isNotEqualTo(TaskStateStore.of(config, "videos", RANGE).stateName())
                .contains("photos").contains(RANGE.toString());
    }

    /** Before, the name held both bounds whole: PostgreSQL refused its rows (index row size over 2,704 bytes). */
    @Test
    void aSharedRangeCutAtLongKeysIsNamedShortEnoughForPostgresIndexRows() {
        SourceConfig config = config(Optional.of(sharedUrl()));
        KeyRange longKeys = new KeyRange(Optional.of("a".repeat(1024)), Optional.of("b".repeat(1024)));
        KeyRange otherLongKeys = new KeyRange(Optional.of("a".repeat(1024)), Optional.of("c".repeat(1024)));

        String name = TaskStateStore.of(config, "photos", longKeys).stateName();

        assertThat(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(
                TaskStateStore.SharedDatabase.MAX_NAME_BYTES);
        assertThat(name).isEqualTo(TaskStateStore.of(config, "photos", longKeys).stateName())
                .isNotEqualTo(TaskStateStore.of(config, "photos", otherLongKeys).stateName())
                .isNotEqualTo(TaskStateStore.of(config, "videos", longKeys).stateName());
    }

    @Test
    void droppingSharedStateClearsThatStateAndLeavesTheOtherConnectorsState() {
        SourceConfig config = config(Optional.of(sharedUrl()));
        TaskStateStore photos = TaskStateStore.of(config, "photos", RANGE);
        TaskStateStore videos = TaskStateStore.of(config, "videos", RANGE);
        try (Database database = photos.open()) {
            save(database, photos.stateName());
            save(database, videos.stateName());

            photos.drop(database);

            assertThat(new SourceState(database, photos.stateName(), true, SCOPE, ENDPOINT).savedPosition()).isEmpty();
            assertThat(new SourceState(database, videos.stateName(), true, SCOPE, ENDPOINT).savedPosition()).contains(SAVED);
        }
    }

    @Test
    void droppingTheStateOfAStateFileLeavesAnEmptyState() throws Exception {
        TaskStateStore store = TaskStateStore.of(config(Optional.empty()), "photos", RANGE);
        try (Database database = store.open()) {
            save(database, store.stateName());

            store.drop(database);

            assertThat(new SourceState(database, store.stateName(), true, SCOPE, ENDPOINT).savedPosition()).isEmpty();
        }
        assertThat(Files.exists(((TaskStateStore.StateFile) store).file())).isTrue();
    }

    private static void save(Database database, String stateName) {
        SourceState state = new SourceState(database, stateName, true, SCOPE, ENDPOINT);
        state.checkpoint(SAVED);
        state.settle();
    }

    private String sharedUrl() {
        return "jdbc:sqlite:" + dir.resolve("shared.db");
    }

    /** The task's reason is this message's first line: before, it named the directory without saying why. */
    @Test
    void aStateDirThatIsAFileIsNamedWithWhyItsDirectoryCannotBeCreated() throws Exception {
        Files.writeString(dir.resolve("state"), "not a directory");
        TaskStateStore store = TaskStateStore.of(config(Optional.empty()), "photos", RANGE);

        assertThatThrownBy(store::open).hasMessage("cannot create the state directory " + dir.resolve("state").resolve("photos")
                + ": Not a directory (set state-dir to a directory the worker may write)");
    }

    /**
     * Linux's /proc takes no directory (mkdir answers ENOENT): before, the reason was the exception's class and path,
     * {@code java.nio.file.NoSuchFileException: /proc/…}.
     */
    @Test
    void aStateDirWhereNoDirectoryCanBeMadeIsNamedWithWhyInWords() {
        Path stateDir = Path.of("/proc/s3conn-no-state");
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux's /proc");
        TaskStateStore store = TaskStateStore.of(config(stateDir, Optional.empty()), "photos", RANGE);

        assertThatThrownBy(store::open).hasMessage("cannot create the state directory " + stateDir.resolve("photos")
                + ": no such file or directory (" + stateDir + ") (set state-dir to a directory the worker may write)");
    }

    private SourceConfig config(Optional<String> database) {
        return config(dir.resolve("state"), database);
    }

    private static SourceConfig config(Path stateDir, Optional<String> database) {
        Map<String, String> settings = new HashMap<>();
        settings.put("bucket", "photos");
        settings.put("topic", "photos");
        settings.put(SourceConfig.STATE_DIR, stateDir.toString());
        database.ifPresent(url -> settings.put(SourceConfig.DATABASE, url));
        return new SourceConfig(settings);
    }
}
