package io.s3conn.core.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    @Test
    void aSqliteUrlNamesItsFileWithoutItsParameters() {
        assertThat(JdbcUrls.sqliteFile("jdbc:sqlite:/var/s3conn.db?journal_mode=WAL")).contains("/var/s3conn.db");
    }

    @Test
    void aSqliteUrlWithoutAFileNamesAnEmptyOne() {
        assertThat(JdbcUrls.sqliteFile("jdbc:sqlite:")).contains("");
    }

    @Test
    void aPostgresqlUrlNamesNoSqliteFile() {
        assertThat(JdbcUrls.sqliteFile("jdbc:postgresql://db/s3conn")).isEmpty();
    }

    @Test
    void aPasswordIsRedactedInParametersAndUserInfo() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://u:secret@db/s3conn?password=secret")).doesNotContain("secret");
    }

    @Test
    void aPasswordHoldingASemicolonIsRedactedWhole() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://db/s3conn?user=u&password=ab;hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/s3conn?user=u&password=****&ssl=true");
    }
}
