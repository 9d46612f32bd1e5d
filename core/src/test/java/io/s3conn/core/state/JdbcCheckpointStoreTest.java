package io.s3conn.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.s3conn.core.jdbc.Database;

class JdbcCheckpointStoreTest {

    @TempDir
    Path dir;

    @Test
    void aStoreWithoutADatabaseIsRefusedByName() {
        assertThatThrownBy(() -> new JdbcCheckpointStore(null)).isInstanceOf(NullPointerException.class).hasMessage("database");
    }

    @Test
    void aSavedCheckpointIsLoadedBackAndReplacedBySaveAgain() {
        try (Database database = Database.open("jdbc:sqlite:" + dir.resolve("state.db"))) {
            CheckpointStore store = new JdbcCheckpointStore(database);

            store.save("inventory:b:", "{\"a\":1}");
            store.save("inventory:b:", "{\"a\":2}");

            assertThat(store.load("inventory:b:")).contains("{\"a\":2}");
            assertThat(store.load("missing")).isEmpty();
        }
    }

    @Test
    void aDeletedCheckpointIsGoneAndOthersStay() {
        try (Database database = Database.open("jdbc:sqlite:" + dir.resolve("delete.db"))) {
            JdbcCheckpointStore store = new JdbcCheckpointStore(database);
            store.save("source:a", "{}");
            store.save("source:b", "{}");

            database.inTransaction(connection -> {
                store.deleteIn(connection, "source:a");
                return null;
            });

            assertThat(store.list("source:")).containsOnlyKeys("source:b");
        }
    }

    @Test
    void listingByPrefixReturnsOnlyMatchingNames() {
        try (Database database = Database.open("jdbc:sqlite:" + dir.resolve("list.db"))) {
            CheckpointStore store = new JdbcCheckpointStore(database);
            store.save("inventory:a:", "{}");
            store.save("inventory:b:logs/", "{}");
            store.save("source:x", "{}");

            assertThat(store.list("inventory:")).containsOnlyKeys("inventory:a:", "inventory:b:logs/");
        }
    }
}
