package io.s3conn.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MigrationTest {

    private static final Migration TABLE = Migration.createTable(9, "things", """
            CREATE TABLE things (
              key %1$s NOT NULL PRIMARY KEY,
              at %2$s NOT NULL
            )%3$s""");

    @Test
    void aCreatedTableTakesSqlitesKeyTimestampAndSuffix() {
        assertThat(TABLE.statements().apply(Dialect.SQLITE)).containsExactly("""
                CREATE TABLE things (
                  key TEXT NOT NULL PRIMARY KEY,
                  at TEXT NOT NULL
                ) WITHOUT ROWID""");
    }

    @Test
    void aCreatedTableTakesPostgresqlsKeyTimestampAndSuffix() {
        assertThat(TABLE.statements().apply(Dialect.POSTGRESQL)).containsExactly("""
                CREATE TABLE things (
                  key TEXT COLLATE "C" NOT NULL PRIMARY KEY,
                  at TIMESTAMPTZ NOT NULL
                )""");
    }
}
