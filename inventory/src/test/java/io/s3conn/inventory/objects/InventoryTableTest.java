package io.s3conn.inventory.objects;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.model.ObjectSummary;
import io.s3conn.core.model.RestoreStatus;
import io.s3conn.inventory.InventoryScope;
import io.s3conn.source.range.KeyRange;

/** The page-range bookkeeping of {@code s3_objects}, on SQLite, without S3. */
class InventoryTableTest {

    private static final InventoryScope SCOPE = new InventoryScope("bucket", "");
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path dir;
    private Database database;
    private InventoryTable table;

    @BeforeEach
    void open() {
        database = Database.open("jdbc:sqlite:" + dir.resolve("table.db"));
        table = new InventoryTable(database);
        database.inTransaction(c -> {
            table.upsert(c, SCOPE, List.of(object("a"), object("b"), object("c"), object("d")), NOW);
            return null;
        });
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void onlyRowsInsideThePageRangeThatTheListingLacksAreDeleted() {
        KeyRange range = new KeyRange(Optional.of("a"), Optional.of("c"));

        int deleted = database.inTransaction(c -> table.markDeleted(c, SCOPE, range, List.of("c"), NOW));

        assertThat(deleted).isEqualTo(1);
        assertThat(liveKeys()).containsExactly("a", "c", "d");
    }

    @Test
    void anUnchangedPageHasNothingToWrite() {
        PageChanges changes = database.inTransaction(c -> table.compare(c, SCOPE,
                new KeyRange(Optional.empty(), Optional.of("b")), List.of(object("a"), object("b"))));

        assertThat(changes.inserted()).isEmpty();
        assertThat(changes.updated()).isEmpty();
        assertThat(changes.liveUnmatched()).isZero();
    }

    @Test
    void aChangedRestoreStatusIsAnUpdate() {
        ResolvedObject restoring = new ResolvedObject(object("b").summary(), RestoreStatus.RESTORING);

        PageChanges changes = database.inTransaction(c -> table.compare(c, SCOPE,
                new KeyRange(Optional.of("a"), Optional.of("b")), List.of(restoring)));

        assertThat(changes.updated()).containsExactly(restoring);
    }

    @Test
    void aFinalEmptyPageCountsEveryLiveRowAfterThePreviousKeyAsUnmatched() {
        PageChanges changes = database.inTransaction(c -> table.compare(c, SCOPE,
                new KeyRange(Optional.of("b"), Optional.empty()), List.of()));

        assertThat(changes.liveUnmatched()).isEqualTo(2);
    }

    private List<String> liveKeys() {
        List<String> keys = new ArrayList<>();
        table.forEach(SCOPE, false, row -> keys.add(row.object().key()));
        return keys;
    }

    private static ResolvedObject object(String key) {
        return new ResolvedObject(new ObjectSummary(key, 1, "etag-" + key, "STANDARD",
                Instant.parse("2026-01-01T00:00:00Z")), RestoreStatus.READABLE);
    }
}
