package io.s3conn.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DialectTest {

    @Test
    void sqliteAndPostgresqlUrlsAreRecognised() {
        assertThat(Dialect.of("jdbc:sqlite:s3conn.db")).isEqualTo(Dialect.SQLITE);
        assertThat(Dialect.of("jdbc:postgresql://localhost/db")).isEqualTo(Dialect.POSTGRESQL);
    }

    @Test
    void otherUrlsAreRejectedWithoutShowingAPassword() {
        assertThatThrownBy(() -> Dialect.of("jdbc:mysql://u:secret@host/db?password=secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported database URL")
                .hasMessageNotContaining("secret");
    }

    @Test
    void aSqliteUrlWithoutAFileNameIsRejectedRatherThanOpenedAsATemporaryDatabase() {
        assertThatThrownBy(() -> Dialect.of("jdbc:sqlite:")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a SQLite database URL names its file: jdbc:sqlite:FILE, was: jdbc:sqlite:");
        assertThatThrownBy(() -> Dialect.of("jdbc:sqlite:?journal_mode=WAL")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void postgresqlKeysUseByteOrderCollationLikeS3() {
        assertThat(Dialect.POSTGRESQL.keyType()).contains("COLLATE \"C\"");
    }
}
