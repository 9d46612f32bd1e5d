package io.s3conn.app.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.s3conn.app.S3connApplication;
import io.s3conn.app.cli.CapturedStderr;
import io.s3conn.app.cli.ExitCode;
import picocli.CommandLine;

/** The options of {@code inventory state} that are refused before the database is opened. */
class InventoryStateCommandTest {

    @RegisterExtension
    final CapturedStderr err = new CapturedStderr();

    /** Before, {@code inventory state --prefix logs/} printed every scope of every bucket, the prefix ignored. */
    @Test
    void aPrefixWithoutABucketIsAUsageErrorAndOpensNoDatabase(@TempDir Path dir) {
        Path file = dir.resolve("s3conn.db");

        int exit = S3connApplication.commandLine(CommandLine.defaultFactory()).execute("inventory", "state", "--prefix", "logs/",
                "--database", "jdbc:sqlite:" + file);

        assertThat(exit).isEqualTo(ExitCode.USAGE.code());
        assertThat(err.text().strip()).isEqualTo("s3conn: a prefix picks a scope of one bucket: add --bucket, or leave"
                + " the prefix out to print every scope (see `s3conn inventory state --help`)");
        assertThat(Files.exists(file)).isFalse();
    }
}
