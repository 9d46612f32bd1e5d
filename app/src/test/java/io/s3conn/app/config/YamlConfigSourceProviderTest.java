package io.s3conn.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlConfigSourceProviderTest {

    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        System.clearProperty("s3conn.config-yaml");
    }

    @Test
    void nestedYamlKeysBecomeDottedProperties() throws IOException {
        Path file = dir.resolve("jobs.yaml");
        Files.writeString(file, """
                s3conn:
                  jobs:
                    nightly:
                      type: inventory
                      every: 5m
                      versions: true
                """);
        System.setProperty("s3conn.config-yaml", file.toString());

        List<ConfigSource> sources = new ArrayList<>();
        new YamlConfigSourceProvider().getConfigSources(getClass().getClassLoader()).forEach(sources::add);

        assertThat(sources).hasSize(1);
        assertThat(sources.getFirst().getValue("s3conn.jobs.nightly.type")).isEqualTo("inventory");
        assertThat(sources.getFirst().getValue("s3conn.jobs.nightly.every")).isEqualTo("5m");
        assertThat(sources.getFirst().getValue("s3conn.jobs.nightly.versions")).isEqualTo("true");
        assertThat(sources.getFirst().getOrdinal()).isBetween(251, 299);
    }

    /** Before, quoted as one name: "s3conn.database" and "quarkus.http.port" were no property, ignored (serve bound 8080). */
    @Test
    void aTopLevelKeyWithDotsIsThePropertyItSpells() throws IOException {
        ConfigSource source = onlySourceOf("s3conn.database: jdbc:sqlite:x.db\nquarkus.http.port: 18080\n");

        assertThat(source.getPropertyNames()).containsExactlyInAnyOrder("s3conn.database", "quarkus.http.port");
        assertThat(source.getValue("quarkus.http.port")).isEqualTo("18080");
    }

    /** A log category holds dots as one segment of the property, as SmallRye's YAML source reads it. */
    @Test
    void aKeyWithDotsBelowTheTopIsOneQuotedSegment() throws IOException {
        ConfigSource source = onlySourceOf("quarkus:\n  log: {category: {io.s3conn: {level: DEBUG}}}\n");

        assertThat(source.getPropertyNames()).containsExactly("quarkus.log.category.\"io.s3conn\".level");
    }

    /** Before, quoted as one name: s3conn."jobs.nightly.bucket" was an unknown property, and serve exited 2. */
    @Test
    void aKeyWithDotsUnderS3connIsThePropertyItSpells() throws IOException {
        ConfigSource source = onlySourceOf("s3conn:\n  jobs.nightly.bucket: b\n  jobs:\n    copy: {source.bucket: a}\n");

        assertThat(source.getPropertyNames()).containsExactlyInAnyOrder("s3conn.jobs.nightly.bucket", "s3conn.jobs.copy.source.bucket");
    }

    @Test
    void aJobsNameWithDotsIsOneQuotedSegment() throws IOException {
        ConfigSource source = onlySourceOf("s3conn:\n  jobs:\n    logs.daily: {type: inventory}\n");

        assertThat(source.getPropertyNames()).containsExactly("s3conn.jobs.\"logs.daily\".type");
    }

    @Test
    void aPropertyWrittenBothDottedAndNestedIsAnError() throws IOException {
        assertThatThrownBy(() -> onlySourceOf("s3conn.database: jdbc:sqlite:a.db\ns3conn: {database: jdbc:sqlite:b.db}\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageEndingWith(" sets s3conn.database twice (once with dots in a key, once nested): keep one of them");
    }

    private ConfigSource onlySourceOf(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("application.yaml"), yaml);
        System.setProperty("s3conn.config-yaml", file.toString());
        List<ConfigSource> sources = new ArrayList<>();
        new YamlConfigSourceProvider().getConfigSources(getClass().getClassLoader()).forEach(sources::add);
        return sources.getFirst();
    }

    /** Quarkus warns of every file in config/ that no source's name holds as a URL ("Unrecognized configuration file"). */
    @Test
    void aYamlSourceIsNamedByItsFilesUrlSoQuarkusDoesNotTakeTheFileForUnread() throws IOException {
        Path file = dir.resolve("application.yaml");
        Files.writeString(file, "s3conn: {jobs: {a: {type: inventory}}}\n");
        System.setProperty("s3conn.config-yaml", file.toString());

        List<ConfigSource> sources = new ArrayList<>();
        new YamlConfigSourceProvider().getConfigSources(getClass().getClassLoader()).forEach(sources::add);

        assertThat(sources).singleElement().extracting(ConfigSource::getName).asString()
                .contains(file.toUri().toURL().toString());
    }

    @Test
    void noFileMeansNoSource() {
        System.setProperty("s3conn.config-yaml", dir.resolve("absent.yaml").toString());

        assertThat(new YamlConfigSourceProvider().getConfigSources(getClass().getClassLoader())).isEmpty();
    }

    @Test
    void malformedYamlIsReportedWithoutQuotingTheFile() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "s3conn:\n  aws: {secret-access-key: TOPSECRET\n  jobs: x\n");
        System.setProperty("s3conn.config-yaml", file.toString());

        assertThatThrownBy(() -> new YamlConfigSourceProvider().getConfigSources(getClass().getClassLoader()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("is not valid YAML")
                .hasMessageNotContaining("TOPSECRET").hasMessageNotContaining("\n").hasNoCause();
    }

    /** Before, Jackson read the alias as the text of its name: the secret was "s", without a word. */
    @Test
    void anAliasIsRefusedWithoutQuotingIt() throws IOException {
        Path file = dir.resolve("alias.yaml");
        Files.writeString(file, "s3conn:\n  aws: {access-key-id: &TOPSECRET x, secret-access-key: *TOPSECRET}\n");
        System.setProperty("s3conn.config-yaml", file.toString());

        assertThatThrownBy(() -> new YamlConfigSourceProvider().getConfigSources(getClass().getClassLoader()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("anchors and aliases")
                .hasMessageNotContaining("TOPSECRET").hasMessageNotContaining("\n");
    }

    /** Before, dropped: "secret-access-key:TOPSECRET" is one key without a value, which no unknown-property check saw. */
    @Test
    void aKeyWithoutAValueIsAPropertyWhoseNameIsChecked() throws IOException {
        Path file = dir.resolve("novalue.yaml");
        Files.writeString(file, "s3conn:\n  aws: {secret-access-key:TOPSECRET}\n");
        System.setProperty("s3conn.config-yaml", file.toString());

        List<ConfigSource> sources = new ArrayList<>();
        new YamlConfigSourceProvider().getConfigSources(getClass().getClassLoader()).forEach(sources::add);

        assertThat(sources.getFirst().getPropertyNames()).containsExactly("s3conn.aws.secret-access-key:TOPSECRET");
    }

    /** Before, the last value won without a word, where a pipeline file and a --config file refuse it. */
    @Test
    void aKeyWrittenTwiceIsAnError() throws IOException {
        Path file = dir.resolve("twice.yaml");
        Files.writeString(file, "s3conn:\n  aws: {region: eu-west-1, region: us-east-1}\n");
        System.setProperty("s3conn.config-yaml", file.toString());

        assertThatThrownBy(() -> new YamlConfigSourceProvider().getConfigSources(getClass().getClassLoader()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("configuration file " + file + " holds the key \"region\" twice (line 2, column 34): keep one of them");
    }

    /** Before, "is not valid YAML: java.io.CharConversionException: Invalid UTF-8 start byte 0xff (at char #5, byte #-1)". */
    @Test
    void aFileThatIsNotUtf8IsOneLineSayingSo() throws IOException {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, "s3conn: {aws: {region: caf\u00e9}}\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        System.setProperty("s3conn.config-yaml", file.toString());

        assertThatThrownBy(() -> new YamlConfigSourceProvider().getConfigSources(getClass().getClassLoader()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("configuration file " + file + " is not UTF-8 text: save it as UTF-8");
    }
}
