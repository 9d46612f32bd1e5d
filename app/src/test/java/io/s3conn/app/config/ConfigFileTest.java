package io.s3conn.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.s3conn.app.cli.CapturedStderr;



class ConfigFileTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedStderr stderr = new CapturedStderr();

    @Test
    void theFivetranGlacierExampleFileIsRead() throws IOException {
        ConfigFile file = ConfigFile.read(write("""
                {"aws_access_key_id": "AKID", "aws_secret_access_key": "SECRET", "aws_region": "eu-west-1",
                 "bucket": "archive", "prefix": "2024/"}"""));

        assertThat(file.text(Settings.ACCESS_KEY_ID)).contains("AKID");
        assertThat(file.text(Settings.SECRET_ACCESS_KEY)).contains("SECRET");
        assertThat(file.text(Settings.REGION)).contains("eu-west-1");
        assertThat(file.text(Settings.BUCKET)).contains("archive");
        assertThat(file.text(Settings.PREFIX)).contains("2024/");
    }

    @Test
    void conduitKeysAreRead() throws IOException {
        ConfigFile file = ConfigFile.read(write("""
                {"aws.accessKeyId": "AKID", "aws.secretAccessKey": "S", "aws.region": "us-east-2", "aws.bucket": "b",
                 "pollingPeriod": "1s"}"""));

        assertThat(file.text(Settings.BUCKET)).contains("b");
        assertThat(file.text(Settings.REGION)).contains("us-east-2");
    }

    /** A key of a section is named with it: destination.formt, not formt, which the file does not hold at its top. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"bucket\": \"b\", \"bufferSiz\": 5}|bufferSiz (did you mean buffer-size?)",
            "{\"bucket\": \"a\", \"destination\": {\"formt\": \"json\"}}|destination.formt (did you mean destination.format?)"})
    void anIgnoredUnknownKeyIsNamedWithTheSettingItProbablyMeant(String json, String named) throws IOException {
        Path file = write(json);

        ConfigFile.read(file);

        assertThat(stderr.text()).isEqualTo("s3conn: ignoring unknown keys in " + file + ": " + named + System.lineSeparator());
    }

    /** Before, the first key won silently: a Fivetran file given a "region" of its own ran in aws_region's. */
    @Test
    void aFivetranAliasBesideTheNameWithAnotherValueIsAnErrorNamingBothKeysAndTheFile() throws IOException {
        Path file = write("{\"aws_region\": \"us-east-1\", \"bucket\": \"b\", \"region\": \"eu-west-1\"}");

        assertThatThrownBy(() -> ConfigFile.read(file)).isInstanceOf(ConfigurationException.class)
                .hasMessage("\"aws_region\" and \"region\" in configuration file " + file
                        + " both set region, to different values: keep one of them");
    }

    /** Before, the second value replaced the first without a word. */
    @Test
    void aKeyWrittenTwiceIsAnErrorNamingItAndQuotingNoValue() throws IOException {
        Path file = write("{\"aws_secret_access_key\": \"FIRST\",\n \"aws_secret_access_key\": \"SECOND\"}");

        assertThatThrownBy(() -> ConfigFile.read(file)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("configuration file " + file + " holds the key \"aws_secret_access_key\" twice (line 2, column ")
                .hasMessageEndingWith("): keep one of them")
                .hasMessageNotContaining("FIRST").hasMessageNotContaining("SECOND");
    }

    @Test
    void anEmptyOptionalPrefixCountsAsAbsent() throws IOException {
        assertThat(ConfigFile.read(write("{\"bucket\": \"b\", \"prefix\": \"\"}")).text(Settings.PREFIX)).isEmpty();
    }

    @Test
    void malformedJsonIsAConfigurationErrorThatDoesNotQuoteTheFile() throws IOException {
        Path file = write("{\"aws_secret_access_key\": \"topsecret\" \"bucket\": 1}");

        assertThatThrownBy(() -> ConfigFile.read(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("configuration file " + file + " is not valid JSON: expected ',' or '}' after a value in an object"
                        + " (line 1, column 39)")
                .hasMessageNotContaining("topsecret");
    }

    /** Before, "is not valid JSON (line 2, column 1)": the line did not say that a comma after the last entry is the fault. */
    @Test
    void aCommaAfterTheLastEntryIsNamedAsTheFault() throws IOException {
        Path file = write("{\"bucket\": \"b\",\n}");

        assertThatThrownBy(() -> ConfigFile.read(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("configuration file " + file + " is not valid JSON: expected a key in double quotes, found '}'"
                        + " (JSON allows no ',' before '}') (line 2, column 1)");
    }

    @Test
    void aSecondObjectAfterTheFirstIsAConfigurationErrorNamingWhereItStarts() throws IOException {
        Path file = write("{\"bucket\": \"a\"}\n {\"aws_secret_access_key\": \"topsecret\"}");

        assertThatThrownBy(() -> ConfigFile.read(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("configuration file " + file + " holds more than one JSON value (line 2, column 2)");
    }

    @Test
    void textAfterTheObjectIsAConfigurationErrorThatDoesNotQuoteIt() throws IOException {
        Path file = write("{\"bucket\": \"a\"} topsecret");

        assertThatThrownBy(() -> ConfigFile.read(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("configuration file " + file + " is not valid JSON: expected the end of the text after"
                        + " the JSON value (line 1, column ")
                .hasMessageNotContaining("topsecret");
    }

    @Test
    void anEmptyFileIsAConfigurationErrorAsAnyFileWithoutAnObjectIs() throws IOException {
        Path file = write("\n");

        assertThatThrownBy(() -> ConfigFile.read(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("configuration file " + file + " must hold a JSON object");
    }

    @Test
    void aMissingFileIsAConfigurationError() {
        assertThatThrownBy(() -> ConfigFile.read(dir.resolve("absent.json")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("does not exist");
    }

    /** Before, the JDK's message after the path: "cannot read configuration file F: F: Not a directory". */
    @Test
    void aFileThatCannotBeReadIsNamedOnceWithTheReason() throws IOException {
        Path file = write("{}").resolve("c.json");

        assertThatThrownBy(() -> ConfigFile.read(file)).isInstanceOf(ConfigurationException.class)
                .hasMessage("cannot read configuration file " + file + ": Not a directory");
    }

    @Test
    void aListIsRejectedAsNoSingleValue() throws IOException {
        Path file = write("{\"bucket\": [\"b\"]}");

        assertThatThrownBy(() -> ConfigFile.read(file)).isInstanceOf(ConfigurationException.class)
                .hasMessage("\"bucket\" in configuration file " + file + " must be a single value, not a list");
    }

    /** Before, "ignoring unknown keys in c.json: destination.format", though a pipeline.yaml and a serve job took it. */
    @Test
    void aPipelineFilesSectionKeyWrittenWithDotsIsRead() throws IOException {
        ConfigFile file = ConfigFile.read(write("{\"bucket\": \"a\", \"destination.bucket\": \"b\", \"destination.format\": \"json\"}"));

        assertThat(file.text(Settings.FORMAT)).contains("json");
        assertThat(file.text(Settings.DESTINATION_BUCKET)).contains("b");
        assertThat(stderr.text()).isEmpty();
    }

    /** Before, "\"destination\" must be a string, number or boolean". */
    @Test
    void aNestedObjectIsReadAsTheKeysItsDotsSpell() throws IOException {
        ConfigFile file = ConfigFile.read(write("{\"source\": {\"bucket\": \"a\"}, \"destination\": {\"bucket\": \"b\", \"format\": \"json\"}}"));

        assertThat(file.text(Settings.BUCKET)).contains("a");
        assertThat(file.text(Settings.DESTINATION_BUCKET)).contains("b");
        assertThat(file.text(Settings.FORMAT)).contains("json");
    }

    /** Before, the JDK's words for it: "cannot read configuration file c.json: Input length = 1". */
    @Test
    void aFileThatIsNotUtf8IsOneLineSayingSo() throws IOException {
        Path file = dir.resolve("latin1.json");
        Files.write(file, "{\"bucket\": \"caf\u00e9\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> ConfigFile.read(file)).isInstanceOf(ConfigurationException.class)
                .hasMessage("configuration file " + file + " is not UTF-8 text: save it as UTF-8");
    }

    /** Before, the whole key: a setting and its value run together, written twice, showed the value. */
    @Test
    void aKeyWrittenTwiceIsNamedWithoutAValueRunIntoIt() throws IOException {
        Path file = write("{\"aws_secret_access_key:TOPSECRET\": 1, \"aws_secret_access_key:TOPSECRET\": 2}");

        assertThatThrownBy(() -> ConfigFile.read(file)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("configuration file " + file + " holds the key \"aws_secret_access_key:...\" twice")
                .hasMessageNotContaining("TOPSECRET");
    }

    /** Before, "is not valid JSON (line 1, column 1)": Windows editors begin a UTF-8 file with a byte order mark. */
    @Test
    void aByteOrderMarkBeforeTheObjectIsRead() throws IOException {
        ConfigFile file = ConfigFile.read(write("\ufeff{\"bucket\": \"b\"}"));

        assertThat(file.text(Settings.BUCKET)).contains("b");
    }

    private Path write(String json) throws IOException {
        Path file = dir.resolve("configuration.json");
        Files.writeString(file, json);
        return file;
    }
}
