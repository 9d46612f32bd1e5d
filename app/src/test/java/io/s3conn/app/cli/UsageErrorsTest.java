package io.s3conn.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.s3conn.app.S3connApplication;
import picocli.CommandLine;

class UsageErrorsTest {

    @RegisterExtension
    final CapturedStderr stderr = new CapturedStderr();

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    @Test
    void anUnknownOptionIsOneLineWithASuggestionAndAPointerToHelp() {
        int exit = run("pipeline", "run", "--prefx", "logs/");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("s3conn: unknown option --prefx: did you mean --prefix or --profile? "
                + "(see `s3conn pipeline run --help`)" + System.lineSeparator());
    }

    /** Before, the line repeated what followed the {@code =}: whatever was typed there went to stderr, and on to logs. */
    @Test
    void anUnknownOptionWithItsValueIsNamedWithoutTheValue() {
        assertThat(refused("pipeline", "run", "--prefx=logs/")).isEqualTo("s3conn: unknown option --prefx=...: did you mean"
                + " --prefix or --profile? (see `s3conn pipeline run --help`)" + System.lineSeparator());
    }

    /** Before, {@code s3conn: unknown option --secret-access-key=<the secret>}, with no word of where a secret goes. */
    @Test
    void aSecretGivenAsAFlagIsRefusedWithoutItsValueSayingWhereSecretsGo() {
        assertThat(refused("inventory", "sync", "--bucket", "b", "--secret-access-key=wJalrXUtnFEMI")).isEqualTo("s3conn:"
                + " unknown option --secret-access-key=...: secret-access-key has no flag,"
                + " since command lines are visible to every user of the machine: give it in a --config file, as the property"
                + " s3conn.aws.secret-access-key or the environment variable S3CONN_AWS_SECRET_ACCESS_KEY"
                + " (see `s3conn inventory sync --help`)" + System.lineSeparator());
    }

    /**
     * As a pipeline file or job is told ("applies to inventory syncs only"): before, "did you mean --path-style?", a
     * flag of another setting.
     */
    @Test
    void aSettingsFlagOnACommandThatDoesNotReadItNamesTheCommandsThatDo() {
        assertThat(refused("pipeline", "run", "--page-size=10")).isEqualTo("s3conn: unknown option --page-size=...:"
                + " page-size is read by s3conn inventory"
                + " sync, s3conn inventory watch and s3conn inventory restore, not by s3conn pipeline run"
                + " (see `s3conn pipeline run --help`)" + System.lineSeparator());
    }

    /** Before, "unknown option --every" alone: where a schedule is set was left to guess. */
    @Test
    void aServeJobsSettingGivenAsAFlagSaysWhereItIsSet() {
        assertThat(refused("inventory", "sync", "--bucket", "b", "--every", "5m")).isEqualTo("s3conn: unknown option"
                + " --every: every has no flag: it is a setting of serve"
                + " jobs (s3conn.jobs.<job>.every) (see `s3conn inventory sync --help`)" + System.lineSeparator());
    }

    @Test
    void aMissingValueIsOneLineWithAPointerToHelp() {
        int exit = run("destination", "write", "--buffer-size");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).hasLineCount(1).contains("--buffer-size").endsWith("(see `s3conn destination write --help`)"
                + System.lineSeparator());
    }

    @Test
    void aMaxRecordsOfZeroIsOneLineNamingTheOption() {
        int exit = run("source", "read", "--bucket", "b", "--max-records", "0");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("s3conn: --max-records must be at least 1, was: 0 "
                + "(see `s3conn source read --help`)" + System.lineSeparator());
    }

    /**
     * Before, it was sent: Ceph RGW listed nothing (exit 0), S3Proxy refused the listing's URL ({@code 414
     * InvalidURI}, exit 1) when the prefix was long enough.
     */
    @Test
    void aPrefixLongerThanTheLongestKeyIsOneLineGivingItsLengthNotItsText() {
        int exit = run("inventory", "sync", "--bucket", "b", "--prefix", "\u00fc".repeat(513));

        assertThat(exit).isEqualTo(2);
        assertThat(stderr.text()).isEqualTo("s3conn: --prefix must be at most 1,024 bytes of UTF-8, the longest S3 key"
                + " (none starts with a longer prefix), was 1026 bytes (see `s3conn inventory sync --help`)"
                + System.lineSeparator());
    }

    /** Before, 0s was accepted: the source listed the prefix without pause, a CPU busy the whole time. */
    @Test
    void aPollingPeriodOfZeroIsOneLineNamingTheFlagAndItsFloor() {
        int exit = run("source", "read", "--bucket", "b", "--polling-period", "0s");

        assertThat(exit).isEqualTo(2);
        // A setting's value error is the command's, on stderr, as a file's or job's is.
        assertThat(stderr.text()).isEqualTo("s3conn: --polling-period must be at least 100ms (each poll lists the prefix;"
                + " shorter polls without pause, a CPU busy the whole time), was: 0s (see `s3conn source read --help`)"
                + System.lineSeparator());
    }

    /** Before, picocli's words ("invalid value for option '--versions': 'maybe' is not a boolean"), unlike a file's or job's. */
    @Test
    void aBooleanFlagThatIsNeitherTrueNorFalseIsTheLineAFileOrJobGets() {
        int exit = run("inventory", "sync", "--bucket", "b", "--versions=maybe");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("s3conn: --versions must be true or false, was: maybe "
                + "(see `s3conn inventory sync --help`)" + System.lineSeparator());
    }

    @Test
    void aNegatableBooleanFlagThatIsNeitherTrueNorFalseIsTheLineAFileOrJobGets() {
        int exit = run("source", "read", "--bucket", "b", "--path-style=yes");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("s3conn: --path-style must be true or false, was: yes "
                + "(see `s3conn source read --help`)" + System.lineSeparator());
    }

    /** Before, the SDK refused it at the first request: "unexpected failure: IllegalArgumentException: port out of range", exit 1. */
    @Test
    void anEndpointPortAbove65535IsOneLineNamingThePortRange() {
        int exit = run("inventory", "sync", "--bucket", "b", "--endpoint-url", "http://127.0.0.1:99999");

        assertThat(exit).isEqualTo(2);
        assertThat(stderr.text()).isEqualTo("s3conn: --endpoint-url must have a port from 1 to 65535, was: "
                + "http://127.0.0.1:99999 (see `s3conn inventory sync --help`)" + System.lineSeparator());
    }

    /** Before, this line alone among destination write's usage errors had no pointer to help. */
    @Test
    void objectNamesLongerThanS3KeysAreOneLineWithAPointerToHelp() {
        int exit = run("destination", "write", "--bucket", "b", "--format", "json", "--prefix", "p".repeat(1000));

        assertThat(exit).isEqualTo(2);
        assertThat(stderr.text()).isEqualTo("s3conn: the prefix and key template make object names of 1038 bytes (UTF-8);"
                + " S3 keys hold at most 1024 (see `s3conn destination write --help`)" + System.lineSeparator());
    }

    @Test
    void destinationWriteKeepsNothingSoItTakesNoDatabase() {
        int exit = run("destination", "write", "--bucket", "b", "--format", "json", "--database", "jdbc:sqlite:x.db");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("s3conn: unknown option --database");
    }

    @Test
    void noCommandPrintsTheUsageOnStderrAndExits2() {
        int exit = run();

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("Usage: s3conn").contains("inventory", "source", "destination", "pipeline", "serve");
    }

    @Test
    void aCommandGroupAlonePrintsItsCommands() {
        int exit = run("inventory");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("Usage: s3conn inventory").contains("sync", "restore", "watch");
    }

    @Test
    void everyCommandsHelpEndsWithTheExitCodes() {
        run("source", "read", "--help");

        // Unwrapped: picocli breaks the footer where the line is full.
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("Exit codes: 0 ok")
                .contains("9 the server does not implement restores").contains("10 the S3 server (or queue) kept throttling");
    }

    @Test
    void aSettingFlagsHelpLineComesFromTheCatalogue() {
        run("pipeline", "run", "--help");

        assertThat(out.toString()).containsPattern("--buffer-size=N\\s+Records per batch at most. Default: 1000.");
    }

    /** What a command line refused as a usage error (exit 2) printed on stderr. */
    private String refused(String... args) {
        assertThat(run(args)).isEqualTo(2);
        return err.toString();
    }

    private int run(String... args) {
        CommandLine line = S3connApplication.commandLine(CommandLine.defaultFactory());
        line.setErr(new PrintWriter(err, true));
        line.setOut(new PrintWriter(out, true));
        return line.execute(args);
    }
}
