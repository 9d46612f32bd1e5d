package io.s3conn.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

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
                .hasMessageStartingWith("must be a database URL")
                .hasMessageNotContaining("secret");
    }

    @Test
    void aFileNameIsRejectedSayingHowToWriteItAsASqliteUrl() {
        assertThatThrownBy(() -> Dialect.of("/tmp/s3conn.db")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must be a database URL, jdbc:sqlite:<file> or jdbc:postgresql://host/db, was: "
                        + "/tmp/s3conn.db; for a SQLite file, jdbc:sqlite:/tmp/s3conn.db");
    }

    @Test
    void aPsqlStyleUrlIsRejectedSayingHowJdbcWritesItWithoutShowingThePassword() {
        assertThatThrownBy(() -> Dialect.of("postgresql://u:secret@db/s3conn")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("; a PostgreSQL URL starts jdbc:postgresql://, with user and password as parameters "
                        + "(?user=..&password=..)")
                .hasMessageNotContaining("secret");
    }

    @Test
    void aSqliteUrlWithoutAFileNameIsRejectedRatherThanOpenedAsATemporaryDatabase() {
        assertThatThrownBy(() -> Dialect.of("jdbc:sqlite:")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must name its SQLite file: jdbc:sqlite:FILE, was: jdbc:sqlite:");
        assertThatThrownBy(() -> Dialect.of("jdbc:sqlite:?journal_mode=WAL")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPostgresqlUrlWithUserAndPasswordBeforeTheHostIsRejectedWithoutShowingThePassword() {
        assertThatThrownBy(() -> Dialect.of("jdbc:postgresql://u:hunter2@db:5432/s3conn"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must be jdbc:postgresql://HOST[:PORT]/DATABASE for PostgreSQL, with user and password"
                        + " as parameters (?user=..&password=..), was: jdbc:postgresql://u:****@db:5432/s3conn");
    }

    @Test
    void aPostgresqlUrlWithoutASlashBeforeItsDatabaseIsRejectedBeforeItsDriverLogsIt() {
        assertThatThrownBy(() -> Dialect.of("jdbc:postgresql://db:5432?user=u&password=hunter2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("was: jdbc:postgresql://db:5432?user=u&password=****");
        assertThatThrownBy(() -> Dialect.of("jdbc:postgresql://db:5432/s3conn/extra?user=u&password=hunter2"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPostgresqlUrlWhosePortIsNotANumberFromOneTo65535IsRejectedBeforeItsDriverTurnsItDown() {
        for (String port : List.of("abc", "0", "65536", "99999999999", "")) {
            assertThatThrownBy(() -> Dialect.of("jdbc:postgresql://db:" + port + "/s3conn?user=u&password=hunter2"))
                    .as(port).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("must have a port from 1 to 65535, was: jdbc:postgresql://db:" + port
                            + "/s3conn?user=u&password=**** (port \"" + port + "\")");
        }
        assertThatThrownBy(() -> Dialect.of("jdbc:postgresql://a:5432,[::1]:x/s3conn"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(port \"x\")");
    }

    @Test
    void aPostgresqlUrlWithAPercentThatStartsNoEscapeIsRejectedNamingWhereWithoutShowingIt() {
        assertThatThrownBy(() -> Dialect.of("jdbc:postgresql://db/s3conn?user=u&password=100%sure"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must write a % in the value of password as %25 (PostgreSQL's driver decodes the database"
                        + " name and every parameter's value, and a % starts an escape %XX), was:"
                        + " jdbc:postgresql://db/s3conn?user=u&password=****");
        assertThatThrownBy(() -> Dialect.of("jdbc:postgresql://db/s3conn?password=p%4")).hasMessageNotContaining("p%4");
        assertThatThrownBy(() -> Dialect.of("jdbc:postgresql://db/s3%conn"))
                .hasMessageStartingWith("must write a % in the database name as %25");
        assertThatThrownBy(() -> Dialect.of("jdbc:postgresql:s3%zz")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyFormOfPostgresqlUrlItsDriverParsesIsRecognised() {
        assertThat(Dialect.of("jdbc:postgresql://a:5432,b/s3conn?user=u&password=p/@q")).isEqualTo(Dialect.POSTGRESQL);
        assertThat(Dialect.of("jdbc:postgresql://[::1]:5432/s3conn")).isEqualTo(Dialect.POSTGRESQL);
        assertThat(Dialect.of("jdbc:postgresql:s3conn?user=u")).isEqualTo(Dialect.POSTGRESQL);
        assertThat(Dialect.of("jdbc:postgresql://db:65535,[::1]/s3%2Dconn?user=u&password=100%25sure&ssl")).isEqualTo(Dialect.POSTGRESQL);
    }

    @Test
    void postgresqlKeysUseByteOrderCollationLikeS3() {
        assertThat(Dialect.POSTGRESQL.keyType()).contains("COLLATE \"C\"");
    }
}
