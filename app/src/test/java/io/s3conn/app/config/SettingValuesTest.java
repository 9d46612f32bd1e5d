package io.s3conn.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.s3conn.app.pipeline.PipelineRunCommand;
import picocli.CommandLine;

class SettingValuesTest {

    @Test
    void theFirstSourceThatHoldsASettingWins() {
        SettingValues values = SettingValues.merge(
                KeyedSettings.of("flags", Map.of("buffer-size", "10")),
                KeyedSettings.of("file", Map.of("bufferSize", "20", "format", "parquet")),
                KeyedSettings.of("job", Map.of("format", "json", "flush-interval", "1m")));

        assertThat(values.find(Settings.BUFFER_SIZE)).contains(10);
        assertThat(values.find(Settings.FORMAT)).contains("parquet");
        assertThat(values.find(Settings.FLUSH_INTERVAL)).contains(Duration.ofMinutes(1));
    }

    @Test
    void aSettingNoSourceHoldsTakesItsDefault() {
        assertThat(SettingValues.merge().find(Settings.FLUSH_INTERVAL)).contains(Duration.ofSeconds(5));
    }

    @Test
    void aValueThatDoesNotParseIsAnErrorNamingWhereItWasWritten() {
        KeyedSettings file = KeyedSettings.of("pipeline file p.yaml", Map.of("bufferSize", "many"));

        assertThatThrownBy(() -> SettingValues.merge(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("\"bufferSize\" in pipeline file p.yaml must be a whole number, was: many");
    }

    @Test
    void anEndpointThatIsNotHttpIsQuotedWithoutItsUserInfo() {
        KeyedSettings file = KeyedSettings.of("config file c.json", Map.of("endpoint-url", "ftp://user:secret@127.0.0.1:1/"));

        assertThatThrownBy(() -> SettingValues.merge(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("\"endpoint-url\" in config file c.json must look like http(s)://host[:port], was: ftp://127.0.0.1:1/");
    }

    /** Before, an address without its scheme was only "not a URL", without the form that was expected. */
    @Test
    void anEndpointWithoutSchemeNamesTheExpectedForm() {
        KeyedSettings file = KeyedSettings.of("config file c.json", Map.of("endpoint-url", "127.0.0.1:9000"));

        assertThatThrownBy(() -> SettingValues.merge(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("\"endpoint-url\" in config file c.json must look like http(s)://host[:port], was: 127.0.0.1:9000");
    }

    @Test
    void anEndpointWithAQueryIsRefusedWithoutQuotingTheQuery() {
        KeyedSettings file = KeyedSettings.of("config file c.json", Map.of("endpoint-url", "http://127.0.0.1:9000/?token=secret"));

        assertThatThrownBy(() -> SettingValues.merge(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("\"endpoint-url\" in config file c.json must look like http(s)://host[:port], was: http://127.0.0.1:9000/?…");
    }

    @Test
    void aRequiredSettingNoSourceHoldsIsAnErrorNamingItsFlag() {
        assertThatThrownBy(() -> SettingValues.merge().require(Settings.DESTINATION_BUCKET))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("no destination-bucket given: use --destination-bucket");
    }

    @Test
    void flagsAreReadByTheirSettingNameAndParsedByTheSettingsType() {
        CommandLine line = new CommandLine(new PipelineRunCommand());
        line.parseArgs("--buffer-size", "7", "--no-path-style", "--polling-period", "250ms");

        SettingValues values = SettingValues.merge(FlagSettings.of(line.getCommandSpec()));

        assertThat(values.find(Settings.BUFFER_SIZE)).contains(7);
        assertThat(values.find(Settings.PATH_STYLE)).contains(false);
        assertThat(values.find(Settings.POLLING_PERIOD)).contains(Duration.ofMillis(250));
    }

    @Test
    void aSizeOutOfRangeIsAnErrorNamingItsFlagLikeAnyOtherValueError() {
        CommandLine line = new CommandLine(new PipelineRunCommand());
        line.parseArgs("--max-batch-bytes", "0");

        assertThatThrownBy(() -> SettingValues.merge(FlagSettings.of(line.getCommandSpec())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("--max-batch-bytes must be at least 1, was: 0 (see `run --help`)");
    }

    @Test
    void aDurationOutOfRangeIsAnErrorNamingWhereItWasWritten() {
        KeyedSettings file = KeyedSettings.of("pipeline file p.yaml", Map.of("restore-poll", "0s"));

        assertThatThrownBy(() -> SettingValues.merge(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("\"restore-poll\" in pipeline file p.yaml must be at least 100ms (each poll sends a HEAD for every"
                        + " pending restore), was: 0s");
    }

    @Test
    void aNegativePollingPeriodIsAnErrorNamingWhereItWasWritten() {
        KeyedSettings file = KeyedSettings.of("pipeline file p.yaml", Map.of("polling-period", "PT-1S"));

        assertThatThrownBy(() -> SettingValues.merge(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("\"polling-period\" in pipeline file p.yaml must be at least 100ms (each poll lists the prefix; shorter polls without pause, a CPU busy the whole time), was: PT-1S");
    }

    /** Before, 99999999 was accepted, where the Kafka Connect source's read-ahead stops at 256. */
    @Test
    void aReadAheadAboveTheConnectorsBoundIsAnErrorNamingWhereItWasWritten() {
        KeyedSettings file = KeyedSettings.of("pipeline file p.yaml", Map.of("readAhead", "99999999"));

        assertThatThrownBy(() -> SettingValues.merge(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("\"readAhead\" in pipeline file p.yaml must be between 1 and 256, was: 99999999");
    }

    /** Before, 2147483647 was accepted: a thread for each HEAD in flight, where list-concurrency stops at 1000. */
    @Test
    void aHeadConcurrencyAboveListConcurrencysBoundIsAnErrorNamingWhereItWasWritten() {
        KeyedSettings file = KeyedSettings.of("s3conn.jobs.inv", Map.of("head-concurrency", "2147483647"));

        assertThatThrownBy(() -> SettingValues.merge(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("\"head-concurrency\" in s3conn.jobs.inv must be between 1 and 1000, was: 2147483647");
    }

    /** Before, 0s was accepted: the source listed the prefix without pause, a CPU busy the whole time. */
    @Test
    void aPollingPeriodOfZeroIsAnErrorNamingWhereItWasWrittenAndTheFloor() {
        KeyedSettings file = KeyedSettings.of("pipeline file p.yaml", Map.of("pollingPeriod", "0s"));

        assertThatThrownBy(() -> SettingValues.merge(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("\"pollingPeriod\" in pipeline file p.yaml must be at least 100ms (each poll lists the prefix; shorter polls without pause, a CPU busy the whole time), was: 0s");
    }

    @Test
    void aPollingPeriodOfTheFloorIsAccepted() {
        KeyedSettings file = KeyedSettings.of("pipeline file p.yaml", Map.of("polling-period", "100ms"));

        assertThat(SettingValues.merge(file).find(Settings.POLLING_PERIOD)).contains(Duration.ofMillis(100));
    }

    /** Before, a misspelt class was only found by the first upload's 400, after records had been read. */
    @Test
    void aStorageClassS3DoesNotNameIsAnErrorNamingItsFlagAndTheClasses() {
        CommandLine line = new CommandLine(new PipelineRunCommand());
        line.parseArgs("--storage-class", "glacir");

        assertThatThrownBy(() -> SettingValues.merge(FlagSettings.of(line.getCommandSpec())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("--storage-class must be a storage class: STANDARD, REDUCED_REDUNDANCY, ")
                .hasMessageEndingWith(" (any case), or a server's own class in upper case (A-Z, 0-9, _), was: glacir (see `run --help`)");
    }

    @Test
    void aStorageClassInAFileIsAnErrorNamingTheKey() {
        KeyedSettings file = KeyedSettings.of("pipeline file p.yaml", Map.of("storageClass", "standard-ia"));

        assertThatThrownBy(() -> SettingValues.merge(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("\"storageClass\" in pipeline file p.yaml must be a storage class: ")
                .hasMessageEndingWith(", was: standard-ia");
    }

    /** Any case, as every other word from a fixed set ({@code --format Parquet}); S3 takes only upper case. */
    @Test
    void aStorageClassInLowerCaseIsTakenAsS3NamesIt() {
        assertThat(SettingValues.merge(KeyedSettings.of("f", Map.of("storage-class", "standard_ia"))).find(Settings.STORAGE_CLASS))
                .contains("STANDARD_IA");
    }

    @Test
    void aBadFlagValueEndsWithAPointerToTheCommandsHelp() {
        CommandLine line = new CommandLine(new PipelineRunCommand());
        line.parseArgs("--flush-interval", "soon");

        assertThatThrownBy(() -> SettingValues.merge(FlagSettings.of(line.getCommandSpec())))
                .hasMessageStartingWith("--flush-interval ")
                .hasMessageEndingWith("(see `run --help`)");
    }

    @Test
    void anEmptyBucketFlagIsAnErrorNamingTheFlag() {
        CommandLine line = new CommandLine(new PipelineRunCommand());
        line.parseArgs("--bucket=");

        assertThatThrownBy(() -> SettingValues.merge(FlagSettings.of(line.getCommandSpec())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("--bucket must not be blank, was: \"\" (see `run --help`)");
    }

    @Test
    void aBucketWithANewlineIsAnErrorNamingWhereItWasWritten() {
        KeyedSettings file = KeyedSettings.of("pipeline file p.yaml", Map.of("destination-bucket", "out\nput"));

        assertThatThrownBy(() -> SettingValues.merge(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("\"destination-bucket\" in pipeline file p.yaml must be a bucket name, without spaces or control characters");
    }

    /** Before, the '/' went into the request path: Ceph RGW answered SignatureDoesNotMatch, blamed on the secret key. */
    @Test
    void aBucketWithASlashIsAnErrorThatSaysWhereThePrefixGoes() {
        KeyedSettings file = KeyedSettings.of("pipeline file p.yaml", Map.of("bucket", "s3://logs/2026/"));

        assertThatThrownBy(() -> SettingValues.merge(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("\"bucket\" in pipeline file p.yaml must be a bucket name alone, without '/', '?' or '#' "
                        + "(for s3://B/P/: bucket B, prefix P/), was: s3://logs/2026/");
    }

    /** Before, 100000 was taken, and the run failed with "OutOfMemoryError: unable to create native thread". */
    @Test
    void aListConcurrencyAboveOneThousandIsAnErrorInsteadOfMoreThreadsThanTheJvmCanStart() {
        KeyedSettings file = KeyedSettings.of("configuration file c.json", Map.of("list-concurrency", "100000"));

        assertThatThrownBy(() -> SettingValues.merge(file).require(Settings.LIST_CONCURRENCY))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("\"list-concurrency\" in configuration file c.json must be between 1 and 1000, was: 100000");
    }

    /** Before, a number past what an int holds was "not a whole number". */
    @Test
    void aListConcurrencyPastWhatAnIntHoldsIsAnErrorNamingTheRangeAllowed() {
        KeyedSettings flags = KeyedSettings.of("flags", Map.of("list-concurrency", "99999999999"));

        assertThatThrownBy(() -> SettingValues.merge(flags).require(Settings.LIST_CONCURRENCY))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageEndingWith("must be between 1 and 1000, was: 99999999999");
    }

    @Test
    void aCountPastWhatAnIntHoldsIsAnErrorNamingTheLargestAllowed() {
        KeyedSettings flags = KeyedSettings.of("flags", Map.of("buffer-size", "99999999999"));

        assertThatThrownBy(() -> SettingValues.merge(flags).require(Settings.BUFFER_SIZE))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageEndingWith("must be at most 2147483647, was: 99999999999");
    }

    @Test
    void aBlankRegionIsAnErrorNamingWhereItWasWritten() {
        KeyedSettings file = KeyedSettings.of("configuration file c.json", Map.of("aws_region", " "));

        assertThatThrownBy(() -> SettingValues.merge(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("\"aws_region\" in configuration file c.json must not be blank, was: \" \"");
    }

    @Test
    void aNegativeFlushIntervalIsAnErrorNamingWhereItWasWritten() {
        KeyedSettings file = KeyedSettings.of("pipeline file p.yaml", Map.of("flushInterval", "PT-5S"));

        assertThatThrownBy(() -> SettingValues.merge(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("\"flushInterval\" in pipeline file p.yaml must not be negative, was: PT-5S");
    }

    @Test
    void anEndpointWithAnUpperCaseSchemeIsAcceptedInLowerCase() {
        KeyedSettings file = KeyedSettings.of("config file c.json", Map.of("endpoint-url", "HTTP://127.0.0.1:9000"));

        assertThat(SettingValues.merge(file).find(Settings.ENDPOINT_URL)).contains(URI.create("http://127.0.0.1:9000"));
    }

    @Test
    void aRegionWithASpaceIsAnErrorNamingWhereItWasWritten() {
        KeyedSettings file = KeyedSettings.of("configuration file c.json", Map.of("region", "us east"));

        assertThatThrownBy(() -> SettingValues.merge(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("\"region\" in configuration file c.json must be a region name: letters, digits, '-', '_' and '.' only, "
                        + "was: us east");
    }

    @Test
    void aRegionWithANewlineIsAnError() {
        KeyedSettings job = KeyedSettings.of("s3conn.jobs.copy", Map.of("region", "us-east-1\n"));

        assertThatThrownBy(() -> SettingValues.merge(job)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("must be a region name");
    }
}
