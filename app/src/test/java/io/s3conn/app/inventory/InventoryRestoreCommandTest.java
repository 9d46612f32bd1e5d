package io.s3conn.app.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.s3conn.app.S3connApplication;
import io.s3conn.app.cli.CapturedStderr;
import io.s3conn.app.cli.ExitCode;
import io.s3conn.app.config.SettingsHelp;
import picocli.CommandLine;

/** The options of {@code inventory restore} that are refused before anything is sent (the endpoint is never reached). */
class InventoryRestoreCommandTest {

    /** What each of these lines ends with, as every usage error does. */
    private static final String HELP = " (see `s3conn inventory restore --help`)";

    @RegisterExtension
    final CapturedStderr err = new CapturedStderr();

    @Test
    void aPollIntervalOfZeroIsAUsageErrorNamingTheOption() {
        assertThat(run("--wait", "--poll-interval", "0")).isEqualTo(ExitCode.USAGE.code());
        assertThat(stderr()).isEqualTo("s3conn: --poll-interval must be at least 100ms (each poll lists the selection and HEADs"
                + " what it cannot tell), was: 0" + HELP);
    }

    @Test
    void aNegativeTimeoutIsAUsageErrorNamingTheOption() {
        assertThat(run("--wait", "--timeout", "PT-1S")).isEqualTo(ExitCode.USAGE.code());
        assertThat(stderr()).isEqualTo("s3conn: --timeout must be positive, was: PT-1S" + HELP);
    }

    @Test
    void anUnknownFallbackTierIsAUsageErrorNamingThatOptionNotTheTier() {
        assertThat(run("--fallback-tier", "fast")).isEqualTo(ExitCode.USAGE.code());
        assertThat(stderr()).startsWith("s3conn: --fallback-tier ").endsWith(HELP);
    }

    @Test
    void aMaxBytesThatIsNoSizeIsAUsageErrorNamingTheOption() {
        assertThat(run("--max-bytes", "lots")).isEqualTo(ExitCode.USAGE.code());
        assertThat(stderr()).startsWith("s3conn: --max-bytes must be a size such as 1048576, 500MB or 10GiB, was: lots").endsWith(HELP);
    }

    @Test
    void aNegativeMaxObjectsIsAUsageError() {
        assertThat(run("--max-objects", "-1")).isEqualTo(ExitCode.USAGE.code());
        assertThat(stderr()).isEqualTo("s3conn: --max-objects must be at least 1, was: -1" + HELP);
    }

    /** Before, picocli's "'99999999999999999999' is not a long". */
    @Test
    void aMaxObjectsPastWhatALongHoldsIsAUsageErrorNamingTheBound() {
        assertThat(run("--max-objects", "99999999999999999999")).isEqualTo(ExitCode.USAGE.code());
        assertThat(stderr()).isEqualTo("s3conn: --max-objects must be at most 9223372036854775807, was: 99999999999999999999" + HELP);
    }

    @Test
    void aMaxObjectsThatIsNoNumberIsAUsageErrorNamingTheOption() {
        assertThat(run("--max-objects", "all")).isEqualTo(ExitCode.USAGE.code());
        assertThat(stderr()).isEqualTo("s3conn: --max-objects must be a whole number, was: all" + HELP);
    }

    @Test
    void aStorageClassWithoutArchivedObjectsIsAUsageError() {
        assertThat(run("--storage-class", "STANDARD")).isEqualTo(ExitCode.USAGE.code());
        assertThat(stderr()).isEqualTo("s3conn: --storage-class must be one of GLACIER, DEEP_ARCHIVE, INTELLIGENT_TIERING, was: STANDARD"
                + HELP);
    }

    /** Not the destination's storage-class setting, whose list names every class S3 has. */
    @Test
    void aMisspeltStorageClassIsAnsweredWithTheArchiveClassesOnly() {
        assertThat(run("--storage-class", "glacir")).isEqualTo(ExitCode.USAGE.code());
        assertThat(stderr()).isEqualTo("s3conn: --storage-class must be one of GLACIER, DEEP_ARCHIVE, INTELLIGENT_TIERING, was: glacir"
                + HELP);
    }

    @Test
    void aTimeoutWithoutWaitIsAUsageError() {
        assertThat(run("--timeout", "1h")).isEqualTo(ExitCode.USAGE.code());
        assertThat(stderr()).isEqualTo("s3conn: --timeout applies to --wait only: add --wait, or leave it out" + HELP);
    }

    @Test
    void aPollIntervalWithoutWaitIsAUsageError() {
        assertThat(run("--poll-interval", "1m")).isEqualTo(ExitCode.USAGE.code());
        assertThat(stderr()).isEqualTo("s3conn: --poll-interval applies to --wait only: add --wait, or leave it out" + HELP);
    }

    @Test
    void waitWithDryRunIsAUsageError() {
        assertThat(run("--dry-run", "--wait")).isEqualTo(ExitCode.USAGE.code());
        assertThat(stderr()).contains("--wait has nothing to wait for with --dry-run").endsWith(HELP);
    }

    /** Before, these lines alone had no pointer to the help, which every other usage error ends with. */
    @Test
    void aDaysOfZeroIsAUsageErrorPointingToTheHelp() {
        assertThat(run("--days", "0")).isEqualTo(ExitCode.USAGE.code());
        assertThat(stderr()).isEqualTo("s3conn: --days must be at least 1, was: 0" + HELP);
    }

    /** Before, picocli's "'99999999999' is not an int". */
    @Test
    void aDaysPastWhatAnIntHoldsIsAUsageErrorNamingTheBound() {
        assertThat(run("--days", "99999999999")).isEqualTo(ExitCode.USAGE.code());
        assertThat(stderr()).isEqualTo("s3conn: --days must be at most 2147483647, was: 99999999999" + HELP);
    }

    @Test
    void aMalformedGlobIsAUsageErrorNamingItsOptionAndPointingToTheHelp() {
        assertThat(run("--include", "{a,b")).isEqualTo(ExitCode.USAGE.code());
        assertThat(stderr()).isEqualTo("s3conn: --include unclosed { in glob {a,b" + HELP);
    }

    @Test
    void theHelpOfStorageClassIsTheRestoreFilterNotTheDestinationSetting() {
        CommandLine line = new CommandLine(new InventoryRestoreCommand());
        line.setResourceBundle(new SettingsHelp());

        assertThat(line.getUsageMessage()).contains("--storage-class=CLASS  Only GLACIER, DEEP_ARCHIVE or")
                .doesNotContain("Storage class of written objects");
    }

    /** Run as the user types it, so that the pointer names the whole command. */
    private static int run(String... options) {
        String[] args = new String[options.length + 6];
        System.arraycopy(new String[] {"inventory", "restore", "--bucket", "b", "--endpoint-url", "http://127.0.0.1:9"}, 0, args, 0, 6);
        System.arraycopy(options, 0, args, 6, options.length);
        return S3connApplication.commandLine(CommandLine.defaultFactory()).execute(args);
    }

    private String stderr() {
        return err.text().strip();
    }
}
