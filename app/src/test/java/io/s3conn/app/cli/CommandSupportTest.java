package io.s3conn.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.s3conn.app.config.KeyedSettings;
import io.s3conn.app.config.ResolvedSettings;
import io.s3conn.app.config.SettingSource;
import io.s3conn.source.walk.DirectoryBucketException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

class CommandSupportTest {

    @RegisterExtension
    final CapturedStderr err = new CapturedStderr();

    @Test
    void aFailureAfterTheSettingsAreResolvedNamesTheirBucketAndEndpoint() {
        int exit = run(probe((values, settings) -> {
            throw NoSuchBucketException.builder().statusCode(404).build();
        }), "--bucket", "b", "--endpoint-url", "http://127.0.0.1:9");

        assertThat(exit).isEqualTo(ExitCode.BUCKET_OR_ACCESS.code());
        assertThat(stderr()).isEqualTo("s3conn: bucket b does not exist at http://127.0.0.1:9" + System.lineSeparator());
    }

    @Test
    void runningOutOfMemoryIsOneLineNamingTheHeapAndHowToGrowIt() {
        int exit = run(probe((values, settings) -> {
            throw new OutOfMemoryError("Java heap space");
        }), "--bucket", "b");

        assertThat(exit).isEqualTo(ExitCode.FAILURE.code());
        assertThat(stderr()).startsWith("s3conn: out of memory, with a heap of ")
                .contains("S3CONN_JAVA_OPTS=-Xmx<size> gives it more").hasLineCount(1);
    }

    @Test
    void settingsWithoutABucketAreAUsageErrorAndTheBodyDoesNotRun() {
        AtomicReference<ResolvedSettings> ran = new AtomicReference<>();

        int exit = run(probe((values, settings) -> {
            ran.set(settings);
            return ExitCode.OK;
        }));

        assertThat(exit).isEqualTo(ExitCode.USAGE.code());
        assertThat(stderr()).startsWith("s3conn: no bucket given: use --bucket");
        assertThat(ran).hasNullValue();
    }

    /** Before, this line alone of the command line's usage errors had no pointer to the command's help. */
    @Test
    void settingsWithoutABucketEndWithThePointerToTheCommandsHelp() {
        run(probe((values, settings) -> ExitCode.OK));

        assertThat(stderr()).isEqualTo("s3conn: no bucket given: use --bucket (or \"bucket\" in a file or job)"
                + " (see `probe --help`)" + System.lineSeparator());
    }

    /** Before, the one usage error found once the bucket is known ended without the pointer to the command's help. */
    @Test
    void aDirectoryBucketIsAUsageErrorEndingWithThePointerToTheCommandsHelp() {
        int exit = run(probe((values, settings) -> {
            DirectoryBucketException.refuseDirectoryBucket(settings.bucket());
            return ExitCode.OK;
        }), "--bucket", "name--usw2-az1--x-s3");

        assertThat(exit).isEqualTo(ExitCode.USAGE.code());
        assertThat(stderr()).isEqualTo("s3conn: bucket name--usw2-az1--x-s3 is a directory bucket (S3 Express One Zone): its"
                + " listings are not in key order and cannot resume after a key, which inventories and sources need; use a"
                + " general purpose bucket (see `probe --help`)" + System.lineSeparator());
    }

    @Test
    void aRegionWithASpaceIsOneLineOfUsageErrorAndTheBodyDoesNotRun() {
        AtomicReference<ResolvedSettings> ran = new AtomicReference<>();

        int exit = run(probe((values, settings) -> {
            ran.set(settings);
            return ExitCode.OK;
        }), "--bucket", "b", "--region", "us east");

        assertThat(exit).isEqualTo(ExitCode.USAGE.code());
        assertThat(stderr()).startsWith("s3conn: ").contains("--region", "must be a region name", "was: us east").hasLineCount(1);
        assertThat(ran).hasNullValue();
    }

    @Test
    void aRunsFileLiesBetweenTheFlagsAndTheRest() {
        AtomicReference<ResolvedSettings> ran = new AtomicReference<>();
        Probe probe = probe((values, settings) -> {
            ran.set(settings);
            return ExitCode.OK;
        });
        probe.file = Optional.of(KeyedSettings.of("the test's file", Map.of("bucket", "from-file", "prefix", "file/")));

        int exit = run(probe, "--prefix", "flag/");

        assertThat(exit).isEqualTo(ExitCode.OK.code());
        assertThat(ran.get().bucket()).isEqualTo("from-file");
        assertThat(ran.get().prefix()).isEqualTo("flag/");
    }

    @Test
    void aCommandThatSendsNothingToS3NamesNoBucket() {
        Probe probe = new Probe();
        probe.sendsNothingToS3 = Optional.of(() -> {
            throw NoSuchBucketException.builder().statusCode(404).build();
        });

        int exit = run(probe, "--bucket", "b");

        assertThat(exit).isEqualTo(ExitCode.BUCKET_OR_ACCESS.code());
        assertThat(stderr()).isEqualTo("s3conn: bucket (unknown) does not exist" + System.lineSeparator());
    }

    private static Probe probe(CommandSupport.BucketBody body) {
        Probe probe = new Probe();
        probe.body = body;
        return probe;
    }

    private static int run(Probe command, String... args) {
        return new CommandLine(command).execute(args);
    }

    private String stderr() {
        return err.text();
    }

    // No constructor arguments: Quarkus' picocli extension makes every @Command class of the test class path a bean.

    /** A command with the options of every command on a bucket; it runs as one, or as one that sends nothing to S3. */
    @Command(name = "probe")
    static final class Probe implements Callable<Integer> {

        @Mixin
        ConnectionOptions connection;

        @Mixin
        VerboseOption verbose;

        CommandSupport.BucketBody body;
        Optional<SettingSource> file = Optional.empty();
        Optional<Callable<ExitCode>> sendsNothingToS3 = Optional.empty();

        @Override
        public Integer call() {
            if (sendsNothingToS3.isPresent()) {
                return CommandSupport.run(verbose, sendsNothingToS3.get());
            }
            return file.isPresent() ? CommandSupport.run(connection, file::get, verbose, body)
                    : CommandSupport.run(connection, verbose, body);
        }
    }
}
