package io.s3conn.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void openingANewSqliteFileCreatesTheLatestSchema() {
        try (Database database = Database.open("jdbc:sqlite:" + dir.resolve("new.db"))) {
            assertThat(database.schemaVersion()).isEqualTo(Schema.migrations().getLast().version());
            assertThat(database.dialect()).isEqualTo(Dialect.SQLITE);
        }
    }

    @Test
    void openingAgainAppliesNothingTwice() {
        String url = "jdbc:sqlite:" + dir.resolve("twice.db");
        Database.open(url).close();

        try (Database database = Database.open(url)) {
            int migrations = database.inTransaction(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM s3conn_schema")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(migrations).isEqualTo(Schema.migrations().size());
        }
    }

    @Test
    void anUnreachableDatabaseIsADatabaseErrorWithoutThePassword() {
        assertThatThrownBy(() -> Database.open("jdbc:postgresql://127.0.0.1:9/x?user=u&password=hunter2"))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("password=****")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aWorkThatThrowsIsRolledBack() {
        try (Database database = Database.open("jdbc:sqlite:" + dir.resolve("rollback.db"))) {
            assertThatThrownBy(() -> database.inTransaction(c -> {
                c.createStatement().execute("INSERT INTO s3conn_checkpoints (name, state, updated_at) VALUES ('n', '{}', 'x')");
                throw new IllegalStateException("boom");
            })).hasMessage("boom");

            int rows = database.inTransaction(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM s3conn_checkpoints")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(rows).isZero();
        }
    }
}
