package io.s3conn.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smallrye.config.DotEnvConfigSourceProvider;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

class PropertySettingsTest {

    @Test
    void aSettingsGlobalPropertyIsRead() {
        assertThat(settings(Map.of("s3conn.aws.region", "eu-north-1")).text(Settings.REGION)).contains("eu-north-1");
    }

    @Test
    void aMisspeltPropertyIsAnErrorThatNamesIt() {
        assertThatThrownBy(() -> settings(Map.of("s3conn.aws.regoin", "eu-north-1")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("s3conn.aws.regoin");
    }

    @Test
    void aMisspeltPropertyIsAnErrorThatSuggestsThePropertyItProbablyMeant() {
        assertThatThrownBy(() -> settings(Map.of("s3conn.inventory.pagesize", "5"))).isInstanceOf(ConfigurationException.class)
                .hasMessage("unknown property s3conn.inventory.pagesize: did you mean s3conn.inventory.page-size?"
                        + " (see the configuration table in README)");
    }

    /** Before, the whole name: from a YAML flow mapping ({aws: {secret-access-key:X}}), it holds the value. */
    @Test
    void anUnknownPropertyHoldingAValueIsNamedWithoutIt() {
        assertThatThrownBy(() -> settings(Map.of("s3conn.aws.secret-access-key:TOPSECRET", ""))).isInstanceOf(ConfigurationException.class)
                .hasMessage("unknown property s3conn.aws.secret-access-key:...: did you mean s3conn.aws.secret-access-key?"
                        + " (see the configuration table in README)");
    }

    /**
     * SmallRye lists a variable twice, as written and in dotted form ({@code s3conn.inventory.pagesize}): before, the line
     * named the dotted form, a property the user never wrote and would look for in vain in their files.
     */
    @Test
    void aMisspeltEnvironmentVariableIsSuggestedTheVariableItProbablyMeant() {
        assertThatThrownBy(() -> environment(Map.of("S3CONN_INVENTORY_PAGESIZE", "5"))).isInstanceOf(ConfigurationException.class)
                .hasMessage("unknown property S3CONN_INVENTORY_PAGESIZE: did you mean S3CONN_INVENTORY_PAGE_SIZE?"
                        + " (see the configuration table in README)");
    }

    /** Before, no suggestion: serve ran no job, and a one-shot command named the property alone. */
    @Test
    void aJobUnderAMisspeltJobsPropertyIsSuggestedTheJobsKey() {
        assertThatThrownBy(() -> settings(Map.of("s3conn.job.my_copy.type", "pipeline"))).isInstanceOf(ConfigurationException.class)
                .hasMessage("unknown property s3conn.job.my_copy.type: did you mean s3conn.jobs.my_copy.type?"
                        + " (see the configuration table in README)");
    }

    /** Before, "did you mean s3conn.jobs.a.type\"?": the quote that closed the YAML key's one name was kept. */
    @Test
    void aYamlKeyWithDotsBelowTheTopIsSuggestedThePropertyItsDotsSpell() {
        assertThatThrownBy(() -> settings(Map.of("s3conn.\"jobs.a.type\"", "pipeline"))).isInstanceOf(ConfigurationException.class)
                .hasMessage("unknown property s3conn.\"jobs.a.type\": did you mean s3conn.jobs.a.type?"
                        + " (see the configuration table in README)");
    }

    @Test
    void aJobUnderAMisspeltJobsVariableIsSuggestedTheJobsVariable() {
        assertThatThrownBy(() -> environment(Map.of("S3CONN_JOB_COPY_TYPE", "pipeline"))).isInstanceOf(ConfigurationException.class)
                .hasMessage("unknown property S3CONN_JOB_COPY_TYPE: did you mean S3CONN_JOBS_COPY_TYPE?"
                        + " (see the configuration table in README)");
    }

    @Test
    void anEnvironmentVariableListedInDottedFormIsNotMistakenForATypo() {
        // How SmallRye lists S3CONN_DEFAULT_COMMAND and S3CONN_AWS_ACCESS_KEY_ID.
        PropertySettings settings = settings(Map.of("s3conn.default.command", "serve", "s3conn.aws.access.key.id", "AKID"));

        assertThat(settings.text(Settings.REGION)).isEmpty();
    }

    @Test
    void theLaunchersOwnVariablesAreNotMistakenForTypos() {
        // How SmallRye lists S3CONN_AOT=off and S3CONN_JAVA_OPTS=-Xmx1g exported for ./s3conn.
        PropertySettings settings = settings(Map.of("s3conn.aot", "off", "s3conn.java.opts", "-Xmx1g"));

        assertThat(settings.text(Settings.REGION)).isEmpty();
    }

    /**
     * Maven hands a build's -D switches to the tests' JVM as system properties: before, {@code ./mvnw verify
     * -Ds3conn.aot.skip=true}, as README offers, failed the app's tests that run a command ("unknown property").
     */
    @Test
    void theBuildsAotSwitchIsNotMistakenForATypo() {
        PropertySettings settings = settings(Map.of("s3conn.aot.skip", "true"));

        assertThat(settings.text(Settings.REGION)).isEmpty();
    }

    @Test
    void aMisspeltLauncherVariableIsAnErrorThatNamesIt() {
        assertThatThrownBy(() -> settings(Map.of("s3conn.aott", "off")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("s3conn.aott");
    }

    @Test
    void serveOptionsAreNotMistakenForTypos() {
        // As written in a file, and as SmallRye lists S3CONN_SERVE_SHUTDOWN_TIMEOUT.
        PropertySettings settings = settings(Map.of("s3conn.serve.token", "t", "s3conn.serve.pipeline-restart", "1m",
                "s3conn.serve.shutdown.timeout", "10s"));

        assertThat(settings.text(Settings.REGION)).isEmpty();
    }

    /** Before, anything under s3conn.serve. was let through: a misspelt token was ignored without a word. */
    @Test
    void aMisspeltServeOptionIsAnErrorThatNamesIt() {
        assertThatThrownBy(() -> settings(Map.of("s3conn.serve.tokn", "t")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("s3conn.serve.tokn");
    }

    /** Before, "s3conn.database": the property, though the user set a variable. */
    @Test
    void aValueFromAnEnvironmentVariableIsNamedAsTheVariable() {
        PropertySettings settings = environment(Map.of("S3CONN_DATABASE", "jdbc:mysql://db/x"));

        assertThat(settings.origin(Settings.DATABASE)).isEqualTo("S3CONN_DATABASE");
    }

    @Test
    void anotherPropertyIsSpeltAsAVariableWhereTheFirstWasSetByOne() {
        PropertySettings settings = environment(Map.of("S3CONN_JOBS_J_PAGESIZE", "0"));

        assertThat(settings.spelling("s3conn.jobs.j.pagesize", "s3conn.jobs.j.page-size")).isEqualTo("S3CONN_JOBS_J_PAGE_SIZE");
    }

    @Test
    void anotherPropertyIsSpeltAsAPropertyWhereTheFirstWasSetByOne() {
        assertThat(settings(Map.of("s3conn.jobs.j.pagesize", "0")).spelling("s3conn.jobs.j.pagesize", "s3conn.jobs.j.page-size"))
                .isEqualTo("s3conn.jobs.j.page-size");
    }

    /** Before, "s3conn.database", with no word of the .env file that one-shot commands and serve read. */
    @Test
    void aValueFromADotEnvFileIsNamedAsTheVariableInThatFile(@TempDir Path directory) throws IOException {
        Path dotEnv = Files.writeString(directory.resolve(".env"), "S3CONN_DATABASE=jdbc:mysql://db/x\n");
        PropertySettings settings = PropertySettings.of(new SmallRyeConfigBuilder()
                .withSources(new DotEnvConfigSourceProvider(dotEnv.toUri().toString())).build());

        assertThat(settings.origin(Settings.DATABASE)).isEqualTo("S3CONN_DATABASE in " + dotEnv);
    }

    /** Before, "s3conn.inventory.page-size" alone, where config/application.yaml, .properties and the environment may each set it. */
    @Test
    void aValueFromAYamlFileIsNamedAsThePropertyInThatFile(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("application.yaml"), "s3conn:\n  inventory: {page-size: 0}\n");
        System.setProperty("s3conn.config-yaml", file.toString());
        try {
            PropertySettings settings = PropertySettings.of(new SmallRyeConfigBuilder()
                    .withSources(new YamlConfigSourceProvider()).build());

            assertThat(settings.origin(Settings.PAGE_SIZE)).isEqualTo("s3conn.inventory.page-size in " + file);
        } finally {
            System.clearProperty("s3conn.config-yaml");
        }
    }

    @Test
    void aValueFromAPropertiesFileIsNamedAsThePropertyInThatFile(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("application.properties"), "s3conn.inventory.page-size=0\n");
        PropertySettings settings = PropertySettings.of(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(file.toUri().toURL(), 250)).build());

        assertThat(settings.origin(Settings.PAGE_SIZE)).isEqualTo("s3conn.inventory.page-size in " + file);
    }

    /** Before, only the settings' properties were suggested: a misspelt serve option was named, but not what it meant. */
    @Test
    void aMisspeltServeOptionIsAnErrorThatSuggestsTheOptionItProbablyMeant() {
        assertThatThrownBy(() -> settings(Map.of("s3conn.serve.pipeline-restrat", "1m"))).isInstanceOf(ConfigurationException.class)
                .hasMessage("unknown property s3conn.serve.pipeline-restrat: did you mean s3conn.serve.pipeline-restart?"
                        + " (see the configuration table in README)");
    }

    private static PropertySettings settings(Map<String, String> properties) {
        return PropertySettings.of(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build());
    }

    /** Settings from environment variables, listed as SmallRye lists the process's own. */
    private static PropertySettings environment(Map<String, String> variables) {
        return PropertySettings.of(new SmallRyeConfigBuilder().withSources(new EnvConfigSource(variables, 300)).build());
    }
}
