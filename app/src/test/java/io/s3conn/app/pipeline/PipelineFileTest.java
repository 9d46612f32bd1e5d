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

    /** Before, "unknown keys destination.format, source.bucket": a serve job took the keys of its sections so, a file did not. */
    @Test
    void aSectionsKeysMayBeWrittenWithDotsAsInAServeJob() throws IOException {
        Path path = write("source.bucket: a\ndestination.bucket: b\ndestination.format: json\n");

        PipelineFile file = PipelineFile.read(path);

        assertThat(file.text(Settings.BUCKET)).contains("a");
        assertThat(file.text(Settings.DESTINATION_BUCKET)).contains("b");
        assertThat(file.origin(Settings.FORMAT)).isEqualTo("\"format\" in the destination of pipeline file " + path);
    }

    /** Before, "aws must be a single value", where a serve job read aws: {region: r} as the Conduit key aws.region. */
    @Test
    void aNestedKeyIsTheKeyItsDotsSpell() throws IOException {
        PipelineFile file = PipelineFile.read(write("source: {bucket: a}\naws: {region: eu-west-1}\n"));

        assertThat(file.text(Settings.REGION)).contains("eu-west-1");
    }

    @Test
    void aKeyWrittenBothWithDotsAndNestedIsAnError() throws IOException {
        Path path = write("source: {bucket: a}\nsource.bucket: a\n");

        assertThatThrownBy(() -> PipelineFile.read(path)).isInstanceOf(ConfigurationException.class)
                .hasMessage("pipeline file " + path + " sets source.bucket twice (once with dots in a key, once nested): keep one of them");
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

    /**
     * Before, Jackson read an alias as the text of its name: "*s" set the secret to "s", and an alias of another
     * setting's anchor gave it this one's name, without a word.
     */
    @Test
    void anAliasIsRefusedNamingItsPlaceButNotItsName() throws IOException {
        Path path = write("source: {bucket: a, secretAccessKey: *TOPSECRET}\n");

        assertThatThrownBy(() -> PipelineFile.read(path)).isInstanceOf(ConfigurationException.class)
                .hasMessage("pipeline file " + path + ": YAML anchors and aliases (&name, *name) are not read here (line 1,"
                        + " column 38): write the value itself, in quotes if it starts with & or *");
    }

    /** Before, "&TOP SECRET" set the secret to "SECRET", and "&TOPSECRET" to nothing, without a word. */
    @Test
    void anAnchorOnASecretIsRefusedWithoutQuotingIt() throws IOException {
        Path path = write("source: {bucket: a, secretAccessKey: &TOP SECRET}\n");

        assertThatThrownBy(() -> PipelineFile.read(path)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("anchors and aliases").hasMessageNotContaining("TOP").hasMessageNotContaining("SECRET");
    }

    /** Before, Jackson's words quoted the anchor: "got this instead: <...AliasEvent(anchor=TOPSECRET)>". */
    @Test
    void anAliasInPlaceOfAKeyIsRefusedWithoutQuotingIt() throws IOException {
        Path path = write("source: {bucket: a, *TOPSECRET : x}\n");

        assertThatThrownBy(() -> PipelineFile.read(path)).isInstanceOf(ConfigurationException.class)
                .hasMessageNotContaining("TOPSECRET").hasMessageNotContaining("\n");
    }

    /** Before, "Malformed numeric value 'TOPSECRET'": Jackson converted the tagged value, and its error quoted it. */
    @Test
    void aTaggedValueIsReadAsWrittenSoNoConversionErrorQuotesIt() throws IOException {
        PipelineFile file = PipelineFile.read(write("source: {bucket: a, secretAccessKey: !!float TOPSECRET}\n"));

        assertThat(file.text(Settings.SECRET_ACCESS_KEY)).contains("TOPSECRET");
    }

    /** Before, Jackson's tree read 0123 as the octal number 83, so the secret (or prefix, or state) was another one. */
    @Test
    void aValueThatLooksLikeANumberIsReadAsWritten() throws IOException {
        PipelineFile file = PipelineFile.read(write("source: {bucket: a, secretAccessKey: 0123, prefix: 1_000}\n"));

        assertThat(file.text(Settings.SECRET_ACCESS_KEY)).contains("0123");
        assertThat(file.text(Settings.PREFIX)).contains("1_000");
    }

    /** Before, YAML 1.1's yes was true here but refused as a flag (--path-style=yes) and in a --config file. */
    @Test
    void aYesIsReadAsWrittenAsAFlagsValueIs() throws IOException {
        PipelineFile file = PipelineFile.read(write("source: {bucket: a, pathStyle: yes}\n"));

        assertThat(file.text(Settings.PATH_STYLE)).contains("yes");
    }

    /** Before, "expected escape sequence of 4 hexadecimal numbers, but found: ZZZZ": four characters of the secret. */
    @Test
    void aBadEscapeIsAnErrorThatQuotesNoneOfItsCharacters() throws IOException {
        Path path = write("source: {bucket: a, secretAccessKey: \"\\uZZZZTOPSECRET\"}\n");

        assertThatThrownBy(() -> PipelineFile.read(path)).isInstanceOf(ConfigurationException.class)
                .hasMessage("pipeline file " + path + " is not valid YAML: expected escape sequence of 4 hexadecimal numbers"
                        + " (line 1, column 41)");
    }

    /** Before, "expected <block end>": SnakeYAML's token, not what is wrong with the file. */
    @Test
    void aKeyIndentedUnlikeTheKeysBesideItIsNamedInPlainWords() throws IOException {
        Path path = write("source:\n    bucket: a\n   region: us-east-1\n");

        assertThatThrownBy(() -> PipelineFile.read(path)).isInstanceOf(ConfigurationException.class)
                .hasMessage("pipeline file " + path + " is not valid YAML: expected the end of an indented block (a line"
                        + " indented unlike the keys beside it?) (line 3, column 4)");
    }

    /** Before, "expected '<document start>'". */
    @Test
    void aLineIndentedLessThanTheFirstIsNamedInPlainWords() throws IOException {
        Path path = write("  source:\n    bucket: a\ndestination: {bucket: b}\n");

        assertThatThrownBy(() -> PipelineFile.read(path)).isInstanceOf(ConfigurationException.class)
                .hasMessage("pipeline file " + path + " is not valid YAML: expected the start of a document (a line"
                        + " indented less than the first?) (line 3, column 1)");
    }

    /** Before, "found character '@' that cannot start any token. (Do not use @ for indentation)". */
    @Test
    void aCharacterThatCannotStartAValueIsNamedButNotQuoted() throws IOException {
        Path path = write("source: {bucket: a, secretAccessKey: @TOPSECRET}\n");

        assertThatThrownBy(() -> PipelineFile.read(path)).isInstanceOf(ConfigurationException.class)
                .hasMessage("pipeline file " + path + " is not valid YAML: found a character that cannot start any token"
                        + " (line 1, column 38)");
    }

    /** Before, "found undefined tag handle !TOP!": a secret that starts with ! read as a tag. */
    @Test
    void anUndefinedTagHandleIsNotQuoted() throws IOException {
        Path path = write("source: {bucket: a, secretAccessKey: !TOP!SECRET x}\n");

        assertThatThrownBy(() -> PipelineFile.read(path)).isInstanceOf(ConfigurationException.class)
                .hasMessage("pipeline file " + path + " is not valid YAML: found undefined tag handle (line 1, column 38)");
    }

    /** Before, "unexpected character found /(47)". */
    @Test
    void anUnexpectedCharacterIsNotQuoted() throws IOException {
        Path path = write("source: {bucket: a, secretAccessKey: *TOP/SECRET}\n");

        assertThatThrownBy(() -> PipelineFile.read(path)).isInstanceOf(ConfigurationException.class)
                .hasMessage("pipeline file " + path + " is not valid YAML: unexpected character (line 1, column 42)");
    }

    /** Before, "Illegal character '!' (code 0x21) in base64 content". */
    @Test
    void aBinaryValueThatIsNotBase64IsAnErrorThatQuotesNoneOfIt() throws IOException {
        Path path = write("source: {bucket: a, secretAccessKey: !!binary \"TOP!SECRET\"}\n");

        assertThatThrownBy(() -> PipelineFile.read(path)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is not valid YAML").hasMessageNotContaining("'").hasMessageNotContaining("!");
    }

    /** Before, "unknown key secretAccessKey:TOPSECRET": in a flow mapping, a key and its value without a space are one key. */
    @Test
    void aSettingAndItsValueRunTogetherAreNamedWithoutTheValue() throws IOException {
        Path path = write("source: {bucket: a, secretAccessKey:TOPSECRET}\n");

        assertThatThrownBy(() -> PipelineFile.read(path)).isInstanceOf(ConfigurationException.class)
                .hasMessage("the source of pipeline file " + path + ": unknown key secretAccessKey:... (a setting and its value run"
                        + " together?) (see the configuration table in README)");
    }

    /** Before, "destination must be a mapping of settings": the YAML factory read an empty value as empty text. */
    @Test
    void anEmptySectionHoldsNoSettings() throws IOException {
        PipelineFile file = PipelineFile.read(write("source: {bucket: a}\ndestination:\n"));

        assertThat(file.text(Settings.DESTINATION_BUCKET)).isEmpty();
    }

    /** Before, the settings after --- were ignored without a word. */
    @Test
    void aSecondDocumentIsAnErrorNamingItsLine() throws IOException {
        Path path = write("source: {bucket: a}\ndestination: {bucket: b, format: json}\n---\nstate: s\n");

        assertThatThrownBy(() -> PipelineFile.read(path)).isInstanceOf(ConfigurationException.class)
                .hasMessage("pipeline file " + path + " holds more than one YAML document (line 4, column 1): keep one"
                        + " (the settings after --- would be ignored)");
    }

    /** Before, the YAML word for it, "Duplicate field 'secretAccessKey'", unlike a --config file's line. */
    @Test
    void aSettingWrittenTwiceIsTheLineAConfigFileGets() throws IOException {
        Path path = write("source: {bucket: a, secretAccessKey: TOPSECRET, secretAccessKey: TOPSECRET2}\n");

        assertThatThrownBy(() -> PipelineFile.read(path)).isInstanceOf(ConfigurationException.class)
                .hasMessage("pipeline file " + path + " holds the key \"secretAccessKey\" twice (line 1, column 64): keep one of them");
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
