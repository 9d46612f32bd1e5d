package io.s3conn.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

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

    @Test
    void aRunIsLeftToTheFullStart() {
        assertThat(HelpRequest.answered(out, "inventory", "sync", "--bucket", "b")).isFalse();

        assertThat(printed.toString()).isEmpty();
    }
}
