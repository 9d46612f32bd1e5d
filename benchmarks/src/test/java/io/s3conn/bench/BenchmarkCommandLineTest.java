package io.s3conn.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The benchmarks' command lines, each run in a JVM of its own as {@code bench/*.sh} runs it: a bad option ends the
 * run at once with an error line and exit code 2, and a run leaves nothing in the temporary folder.
 */
class BenchmarkCommandLineTest {

    /** Long enough for a JVM to start and refuse its arguments; a benchmark that starts measuring takes longer. */
    private static final Duration AT_ONCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private record Run(boolean finished, int exitCode, String stderr) {
    }

    /**
     * Before, each ran on: a bad --xmx reached the child JVMs (destination.sh and listing.sh died with a stack trace
     * after the test bed started, list-concurrency.sh after seeding, inventory.sh printed a table of failed phases);
     * source.sh threw on an unknown layout once the layouts before it were measured, and took --list-concurrency 0
     * until its snapshot part; listing.sh threw on an unknown database after its header; events.sh divided by
     * --rate 0 after seeding.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            DestinationBenchmark     | --xmx lots                        | error: --xmx is a heap size as -Xmx takes it, such as 256m, got lots
            InventoryBenchmark       | --xmx lots                        | error: --xmx is a heap size as -Xmx takes it, such as 64m, got lots
            ListingBenchmark         | --xmx lots                        | error: --xmx is a heap size as -Xmx takes it, such as 128m, got lots
            ListConcurrencyBenchmark | --xmx lots                        | error: --xmx is a heap size as -Xmx takes it, such as 256m, got lots
            SourceBenchmark          | --listing-layout prefixes,numberd | error: --listing-layout takes prefixes,flat,skewed,numbered,numbered-tail, got numberd
            SourceBenchmark          | --list-concurrency 0              | error: --list-concurrency must be at least 1
            ListingBenchmark         | --database sqlite,mysql           | error: --database takes sqlite, postgres or postgres?PARAMETER=VALUE, got mysql
            EventsBenchmark          | --rate 0                          | error: --changes, --rate and --idle-seconds must be at least 1
            """)
    void aBadOptionStopsTheRunAtOnceNamingItWithExitCodeTwo(String benchmark, String arguments, String error)
            throws Exception {
        Run run = benchmark(AT_ONCE, Class.forName(getClass().getPackageName() + "." + benchmark), arguments.split(" "));

        assertThat(run.finished()).as("stopped at once").isTrue();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().lines().findFirst()).hasValue(error);
        assertThat(run.stderr()).doesNotContain("\tat ");
    }

    /** Before, each run left the four phases' output logs ({@code s3conn-dst-bench-*.log}) behind. */
    @Test
    void destinationRunLeavesNothingInTheTemporaryFolder() throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));

        Run run = benchmark(Duration.ofMinutes(5), DestinationBenchmark.class, "-Djava.io.tmpdir=" + tmp,
                "--records", "1", "--latency-ms", "0");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).isEmpty();
        }
    }

    /**
     * Before, each run left the Kafka cluster's work directory ({@code s3conn-kafka-*}, its logs and data) behind.
     * A plugin directory without the connectors makes the run fail once the cluster is up, without building them.
     */
    @Test
    void kafkaConnectRunLeavesNoClusterDirectoryInTheTemporaryFolder() throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Path noPlugins = Files.createDirectory(dir.resolve("plugins"));

        Run run = benchmark(Duration.ofMinutes(5), KafkaConnectBenchmark.class, "-Djava.io.tmpdir=" + tmp,
                "--plugin-dir", noPlugins.toString(), "--objects", "1000", "--tasks", "1", "--latency-ms", "0");

        assertThat(run.stderr()).as("the connector could not be created").contains("S3SourceConnector");
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).isEmpty();
        }
    }

    /**
     * Runs {@code main}'s class with the test's class path for at most {@code limit}; arguments starting with
     * {@code -D} go to its JVM. One that is still running then is stopped.
     */
    private Run benchmark(Duration limit, Class<?> main, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        Stream.of(args).filter(arg -> arg.startsWith("-D")).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        Stream.of(args).filter(arg -> !arg.startsWith("-D")).forEach(command::add);
        Path err = dir.resolve("stderr");
        Process process = new ProcessBuilder(command).redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(err.toFile()).start();
        boolean finished = process.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.destroy(); // SIGTERM: the shutdown hooks stop the servers it started
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        return new Run(finished, finished ? process.exitValue() : -1, Files.readString(err, StandardCharsets.UTF_8));
    }
}
