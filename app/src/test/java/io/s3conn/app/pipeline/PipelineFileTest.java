package io.s3conn.app.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.s3conn.app.config.ConfigurationException;
import io.s3conn.app.config.Settings;

class PipelineFileTest {

    @TempDir
    Path dir;

    @Test
    void theDestinationsBucketAndPrefixAreTheDestinationSettings() throws IOException {
        PipelineFile file = PipelineFile.read(write("""
                source: {bucket: a, prefix: logs/}
                destination: {bucket: b, prefix: archive/, keyTemplate: "{id}.{ext}"}
                state: s
                """));

        assertThat(file.text(Settings.BUCKET)).contains("a");
        assertThat(file.text(Settings.PREFIX)).contains("logs/");
        assertThat(file.text(Settings.DESTINATION_BUCKET)).contains("b");
        assertThat(file.text(Settings.DESTINATION_PREFIX)).contains("archive/");
        assertThat(file.text(Settings.KEY_TEMPLATE)).contains("{id}.{ext}");
        assertThat(file.text(Settings.STATE)).contains("s");
    }

    /** Before, aws.bucket under destination set the source's bucket: only the key "bucket" was the destination's. */
    @Test
    void theConduitBucketKeyUnderDestinationIsTheDestinationsBucket() throws IOException {
        PipelineFile file = PipelineFile.read(write("""
                source: {prefix: logs/}
                destination: {aws.bucket: b, format: json}
                """));

        assertThat(file.text(Settings.DESTINATION_BUCKET)).contains("b");
        assertThat(file.text(Settings.BUCKET)).isEmpty();
    }

    @Test
    void twoSpellingsOfASettingWithDifferentValuesAreAnErrorNamingBoth() throws IOException {
        Path path = write("destination: {bucket: b, format: json, bufferSize: 10, buffer_size: 20}\n");

        assertThatThrownBy(() -> PipelineFile.read(path)).isInstanceOf(ConfigurationException.class)
                .hasMessage("\"bufferSize\" and \"buffer_size\" in the destination of pipeline file " + path
                        + " both set buffer-size, to different values: keep one of them");
    }

    /** Before, both keys were renamed destination-bucket and the second one replaced the first without a word. */
    @Test
    void theBucketAndTheDestinationBucketUnderDestinationWithDifferentValuesAreAnError() throws IOException {
        Path path = write("destination: {bucket: b, destination-bucket: c, format: json}\n");

        assertThatThrownBy(() -> PipelineFile.read(path)).isInstanceOf(ConfigurationException.class)
                .hasMessage("\"bucket\" and \"destination-bucket\" in the destination of pipeline file " + path
                        + " both set destination-bucket, to different values: keep one of them");
    }

    /** Before, the source's region was used for both, and the destination's was dropped without a word. */
    @Test
    void aSettingInTwoSectionsWithDifferentValuesIsAnErrorNamingBothPlaces() throws IOException {
        Path path = write("source: {bucket: a, region: us-east-1}\ndestination: {bucket: b, format: json, region: eu-west-1}\n");

        assertThatThrownBy(() -> PipelineFile.read(path)).isInstanceOf(ConfigurationException.class)
                .hasMessage("\"region\" in the source of pipeline file " + path + " and \"region\" in the destination of pipeline file "
                        + path + " both set region, to different values: keep one of them");
    }

    /** The key as written, not the setting it was read as. */
    @Test
    void aValueOfTheDestinationsBucketIsNamedByItsKeyInTheDestination() throws IOException {
        PipelineFile file = PipelineFile.read(write("destination: {aws.bucket: b}\n"));

        assertThat(file.origin(Settings.DESTINATION_BUCKET)).isEqualTo("\"aws.bucket\" in the destination of pipeline file "
                + dir.resolve("pipeline.yaml"));
    }

    @Test
    void anUnknownKeyIsAnErrorThatNamesIt() throws IOException {
        Path path = write("source:\n  bucket: a\n  colour: blue\n");

        assertThatThrownBy(() -> PipelineFile.read(path)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown key colour").hasMessageNotContaining("\n");
    }

    /** Before, pipeline run ignored it without a word, where a serve pipeline job is refused for it. */
    @Test
    void anInventorySettingIsAnErrorNamingWhereItWasWritten() throws IOException {
        Path path = write("source: {bucket: a, pageSize: 5}\ndestination: {bucket: b, format: json}\n");

        assertThatThrownBy(() -> PipelineFile.read(path)).isInstanceOf(ConfigurationException.class)
                .hasMessage("\"pageSize\" in the source of pipeline file " + path + " applies to inventory syncs only, not to pipelines");
    }

    /** Before, a pipeline file with a schedule ran once, continuously, and never on it. */
    @Test
    void anInventoryJobsScheduleIsAnError() throws IOException {
        Path path = write("source: {bucket: a}\ndestination: {bucket: b, format: json}\nevery: 5m\n");

        assertThatThrownBy(() -> PipelineFile.read(path)).isInstanceOf(ConfigurationException.class)
                .hasMessage("\"every\" in pipeline file " + path + " applies to inventory syncs only, not to pipelines");
    }

    @Test
    void aServeJobsTypeIsAnError() throws IOException {
        Path path = write("source: {bucket: a}\ndestination: {bucket: b, format: json}\ntype: inventory\n");

        assertThatThrownBy(() -> PipelineFile.read(path)).isInstanceOf(ConfigurationException.class)
                .hasMessage("\"type\" in pipeline file " + path + " applies to serve jobs only, not to a pipeline file");
    }

    @Test
    void aSectionThatIsNotAMappingIsAnError() throws IOException {
        Path path = write("destination: b\n");

        assertThatThrownBy(() -> PipelineFile.read(path)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("destination must be a mapping");
    }

    @Test
    void malformedYamlIsOneLineThatQuotesNothingOfTheFile() throws IOException {
        Path path = write("source: {bucket: a, secretAccessKey: TOPSECRET\ndestination: {bucket: b}\n");

        assertThatThrownBy(() -> PipelineFile.read(path)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is not valid YAML").hasMessageNotContaining("\n")
                .hasMessageNotContaining("TOPSECRET");
    }

    @Test
    void malformedYamlNamesTheLineOfTheProblem() throws IOException {
        Path path = write("source:\n\tbucket: a\ndestination: {bucket: b}\nstate: s\n");

        assertThatThrownBy(() -> PipelineFile.read(path)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("(line 2, column 1)");
    }

    @Test
    void aKeyWrittenTwiceIsAnErrorThatNamesIt() throws IOException {
        Path path = write("source: {bucket: a}\nsource: {bucket: b}\ndestination: {bucket: c}\n");

        assertThatThrownBy(() -> PipelineFile.read(path)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("source").hasMessageNotContaining("\n");
    }

    /** Before, the JDK's words for it: "cannot read pipeline file p.yaml: Input length = 1". */
    @Test
    void aFileThatIsNotUtf8IsOneLineSayingSo() throws IOException {
        Path file = dir.resolve("utf16.yaml");
        Files.write(file, "source: {bucket: a}\n".getBytes(java.nio.charset.StandardCharsets.UTF_16));

        assertThatThrownBy(() -> PipelineFile.read(file)).isInstanceOf(ConfigurationException.class)
                .hasMessage("pipeline file " + file + " is not UTF-8 text: save it as UTF-8");
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("pipeline.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
