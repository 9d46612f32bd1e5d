package io.s3conn.app.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.s3conn.app.cli.CapturedStderr;
import io.s3conn.app.cli.ExitCode;
import io.s3conn.app.config.SettingsHelp;
import picocli.CommandLine;

/** The options of {@code inventory restore} that are refused before anything is sent (the endpoint is never reached). */
class InventoryRestoreCommandTest {

    @RegisterExtension
    final CapturedStderr err = new CapturedStderr();

    @Test
    void aPollIntervalOfZeroIsAUsageErrorNamingTheOption() {
        assertThat(run("--wait", "--poll-interval", "0")).isEqualTo(ExitCode.USAGE.code());
        assertThat(stderr()).isEqualTo("s3conn: --poll-interval must be at least 100ms (each poll lists the selection and HEADs"
                + " what it cannot tell), was: 0");
    }

    @Test
    void aNegativeTimeoutIsAUsageErrorNamingTheOption() {
        assertThat(run("--wait", "--timeout", "PT-1S")).isEqualTo(ExitCode.USAGE.code());
        assertThat(stderr()).isEqualTo("s3conn: --timeout must be positive, was: PT-1S");
    }

    @Test
    void anUnknownFallbackTierIsAUsageErrorNamingThatOptionNotTheTier() {
        assertThat(run("--fallback-tier", "fast")).isEqualTo(ExitCode.USAGE.code());
        assertThat(stderr()).startsWith("s3conn: --fallback-tier ");
    }

    @Test
    void aMaxBytesThatIsNoSizeIsAUsageErrorNamingTheOption() {
        assertThat(run("--max-bytes", "lots")).isEqualTo(ExitCode.USAGE.code());
        assertThat(stderr()).startsWith("s3conn: --max-bytes invalid size \"lots\"");
    }

    @Test
    void aNegativeMaxObjectsIsAUsageError() {
        assertThat(run("--max-objects", "-1")).isEqualTo(ExitCode.USAGE.code());
        assertThat(stderr()).isEqualTo("s3conn: --max-objects must be at least 1, was: -1");
    }

    @Test
    void aStorageClassWithoutArchivedObjectsIsAUsageError() {
        assertThat(run("--storage-class", "STANDARD")).isEqualTo(ExitCode.USAGE.code());
        assertThat(stderr()).isEqualTo("s3conn: --storage-class must be one of GLACIER, DEEP_ARCHIVE, INTELLIGENT_TIERING, was: STANDARD");
    }

    /** Not the destination's storage-class setting, whose list names every class S3 has. */
    @Test
    void aMisspeltStorageClassIsAnsweredWithTheArchiveClassesOnly() {
        assertThat(run("--storage-class", "glacir")).isEqualTo(ExitCode.USAGE.code());
        assertThat(stderr()).isEqualTo("s3conn: --storage-class must be one of GLACIER, DEEP_ARCHIVE, INTELLIGENT_TIERING, was: glacir");
    }

    @Test
    void aTimeoutWithoutWaitIsAUsageError() {
        assertThat(run("--timeout", "1h")).isEqualTo(ExitCode.USAGE.code());
        assertThat(stderr()).isEqualTo("s3conn: --timeout applies to --wait only: add --wait, or leave it out");
    }

    @Test
    void aPollIntervalWithoutWaitIsAUsageError() {
        assertThat(run("--poll-interval", "1m")).isEqualTo(ExitCode.USAGE.code());
        assertThat(stderr()).isEqualTo("s3conn: --poll-interval applies to --wait only: add --wait, or leave it out");
    }

    @Test
    void waitWithDryRunIsAUsageError() {
        assertThat(run("--dry-run", "--wait")).isEqualTo(ExitCode.USAGE.code());
        assertThat(stderr()).contains("--wait has nothing to wait for with --dry-run");
    }

    @Test
    void theHelpOfStorageClassIsTheRestoreFilterNotTheDestinationSetting() {
        CommandLine line = new CommandLine(new InventoryRestoreCommand());
        line.setResourceBundle(new SettingsHelp());

        assertThat(line.getUsageMessage()).contains("--storage-class=CLASS  Only GLACIER, DEEP_ARCHIVE or")
                .doesNotContain("Storage class of written objects");
    }

    private static int run(String... options) {
        String[] args = new String[options.length + 4];
        System.arraycopy(new String[] {"--bucket", "b", "--endpoint-url", "http://127.0.0.1:9"}, 0, args, 0, 4);
        System.arraycopy(options, 0, args, 4, options.length);
        return new CommandLine(new InventoryRestoreCommand()).execute(args);
    }

    private String stderr() {
        return err.text().strip();
    }
}
