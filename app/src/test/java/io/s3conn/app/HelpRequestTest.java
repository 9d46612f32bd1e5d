package io.s3conn.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class HelpRequestTest {

    private final StringWriter printed = new StringWriter();
    private final PrintWriter out = new PrintWriter(printed);

    @Test
    void aCommandsHelpIsPrintedWithItsSettingLinesAndExitCodes() {
        assertThat(HelpRequest.answered(out, "inventory", "sync", "--bucket", "b", "--help")).isTrue();

        assertThat(printed.toString()).startsWith("Usage: s3conn inventory sync")
                .contains("--list-concurrency").contains("Exit codes: 0 ok");
    }

    @Test
    void theVersionIsPrinted() {
        assertThat(HelpRequest.answered(out, "--version")).isTrue();

        assertThat(printed.toString()).startsWith("s3conn ");
    }

    /** Before, picocli gave a subcommand's --version no version: it printed nothing and exited 0. */
    @Test
    void aSubcommandsVersionIsS3connsVersion() {
        assertThat(HelpRequest.answered(out, "inventory", "sync", "-V")).isTrue();

        assertThat(printed.toString()).startsWith("s3conn ");
    }

    /** A page is printed only for a command's name followed by its help option: other forms go through picocli. */
    @Test
    void anOptionBeforeHelpIsParsedByPicocliAndPrintsTheSamePage() {
        HelpRequest.answered(out, "inventory", "sync", "--help");
        String page = printed.toString();
        printed.getBuffer().setLength(0);

        assertThat(HelpRequest.answered(out, "inventory", "sync", "--bucket=b", "--help")).isTrue();

        assertThat(printed.toString()).isEqualTo(page);
    }

    @Test
    void theVersionOfACommandIsPicocliVersionText() {
        CommandLine commandLine = S3connApplication.commandLine(CommandLine.defaultFactory());
        StringWriter byPicocli = new StringWriter();
        commandLine.getSubcommands().get("inventory").printVersionHelp(new PrintWriter(byPicocli, true), CommandLine.Help.Ansi.OFF);

        assertThat(HelpRequest.answered(out, "inventory", "--version")).isTrue();

        assertThat(printed.toString()).isEqualTo(byPicocli.toString());
    }

    /** picocli's answer, which has no page: the help of the command it could match, here s3conn's own. */
    @Test
    void anUnknownCommandWithHelpPrintsTheHelpOfS3conn() {
        assertThat(HelpRequest.answered(out, "inventori", "--help")).isTrue();

        assertThat(printed.toString()).isEqualTo(HelpPages.rendered(S3connApplication.commandLine(CommandLine.defaultFactory()), false));
    }

    @Test
    void aRunIsLeftToTheFullStart() {
        assertThat(HelpRequest.answered(out, "inventory", "sync", "--bucket", "b")).isFalse();

        assertThat(printed.toString()).isEmpty();
    }
}
