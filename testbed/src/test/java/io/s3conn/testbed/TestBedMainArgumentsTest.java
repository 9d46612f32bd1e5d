package io.s3conn.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code TestBedMain}'s command line, run in a JVM of its own as README's "By hand" runs it. */
class TestBedMainArgumentsTest {

    @TempDir
    Path dir;

    private record Run(boolean finished, int exitCode, String stderr) {
    }

    /** Before, the option was ignored: the test bed started, without the queue asked for, and ran until killed. */
    @Test
    void serveWithAMisspeltOptionStopsAtOnceWithExitCodeTwoNamingIt() throws Exception {
        Run run = testBedMain("serve", "--notifcations");

        assertThat(run.finished()).as("stopped at once").isTrue();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).isEqualTo("Unknown option: '--notifcations'\nPossible solutions: --notifications\n");
    }

    /** Before, the usage was printed and the exit code was 0. */
    @Test
    void noCommandIsAUsageErrorWithExitCodeTwo() throws Exception {
        Run run = testBedMain();

        assertThat(run.finished()).as("stopped at once").isTrue();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).startsWith("a command is needed: serve or change\nUsage: TestBedMain");
    }

    /** Before, a stack trace. */
    @Test
    void serveOnAPortInUseSaysSoInOneLineWithExitCodeOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = testBedMain("serve", "--port", Integer.toString(taken.getLocalPort()));

            assertThat(run.finished()).as("stopped at once").isTrue();
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr()).startsWith("testbed: could not start the test bed: ")
                    .contains(Integer.toString(taken.getLocalPort()))
                    .hasLineCount(1);
        }
    }

    /**
     * Before, radosgw's start-up check took whatever answered on the port for it: the daemons started, and the line said
     * "failed to init zonegroup" seconds later, the port unnamed.
     */
    @Test
    void serveCephOnAPortInUseSaysSoInOneLineWithExitCodeOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = testBedMain("serve", "--server", "ceph", "--port", Integer.toString(taken.getLocalPort()));

            assertThat(run.finished()).as("stopped at once").isTrue();
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr()).isEqualTo("testbed: could not start Ceph RGW: java.lang.IllegalStateException: port "
                    + taken.getLocalPort() + " on 127.0.0.1 is in use\n");
        }
    }

    /** Before, a stack trace. */
    @Test
    void serveWithAPortThatIsNotANumberSaysSoInOneLineWithExitCodeTwo() throws Exception {
        Run run = testBedMain("serve", "--port", "abc");

        assertThat(run.finished()).as("stopped at once").isTrue();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).startsWith("Invalid value for option '--port': 'abc' is not an int\nUsage: TestBedMain serve");
    }

    @Test
    void serveWithAPortAbove65535SaysSoInOneLineWithExitCodeTwo() throws Exception {
        Run run = testBedMain("serve", "--port", "70000");

        assertThat(run.finished()).as("stopped at once").isTrue();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).startsWith("--port must be from 0 to 65535, was: 70000\nUsage: TestBedMain serve");
    }

    /** Runs TestBedMain with {@code args} for at most 30 seconds; one that is still running then is stopped. */
    private Run testBedMain(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TestBedMain.class.getName()));
        command.addAll(List.of(args));
        Path err = dir.resolve("stderr");
        Process process = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        boolean finished = process.waitFor(30, TimeUnit.SECONDS);
        if (!finished) {
            process.destroy(); // SIGTERM: its shutdown hook stops the servers it started
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        return new Run(finished, finished ? process.exitValue() : -1, Files.readString(err, StandardCharsets.UTF_8));
    }
}
