package io.s3conn.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.s3conn.app.inventory.InventorySyncCommand;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

class SettingsResolverTest {

    /** Before, "unsupported database URL ...": which flag, file, job or property gave it was for the user to find. */
    @Test
    void anUnsupportedDatabaseUrlIsAnErrorNamingWhereItWasWritten() {
        KeyedSettings file = KeyedSettings.of("configuration file c.json", Map.of("bucket", "b", "database", "jdbc:mysql://h/x"));

        assertThatThrownBy(() -> SettingsResolver.connection(SettingValues.merge(file), true))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("\"database\" in configuration file c.json must be a database URL, jdbc:sqlite:<file> or"
                        + " jdbc:postgresql://host/db, was: jdbc:mysql://h/x");
    }

    @Test
    void aDatabaseUrlInAnErrorShowsNoPassword() {
        KeyedSettings file = KeyedSettings.of("s3conn.jobs.inv", Map.of("bucket", "b",
                "database", "jdbc:postgresql://h:5432?user=u&password=TOPSECRET"));

        assertThatThrownBy(() -> SettingsResolver.connection(SettingValues.merge(file), true))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("\"database\" in s3conn.jobs.inv must be jdbc:postgresql://HOST[:PORT]/DATABASE")
                .hasMessageNotContaining("TOPSECRET");
    }

    /** Before, "explicit credentials need both an access key id and a secret access key", naming neither place. */
    @Test
    void aSecretAccessKeyWithoutAnAccessKeyIdIsAnErrorNamingWhereTheSecretWasWritten() {
        KeyedSettings file = KeyedSettings.of("configuration file c.json", Map.of("bucket", "b",
                "aws_secret_access_key", "TOPSECRET"));

        assertThatThrownBy(() -> SettingsResolver.connection(SettingValues.merge(file), true))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("\"aws_secret_access_key\" in configuration file c.json: explicit credentials need access-key-id too");
    }

    @Test
    void anAccessKeyIdWithoutASecretAccessKeyIsAnErrorNamingWhereTheIdWasWritten() {
        KeyedSettings file = KeyedSettings.of("pipeline file p.yaml", Map.of("bucket", "b", "accessKeyId", "AKID"));

        assertThatThrownBy(() -> SettingsResolver.connection(SettingValues.merge(file), true))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("\"accessKeyId\" in pipeline file p.yaml: explicit credentials need secret-access-key too");
    }

    /** Before, the token alone was dropped and the default credential chain signed with whatever keys it found. */
    @Test
    void aSessionTokenWithoutKeysIsAnErrorNamingWhereTheTokenWasWritten() {
        KeyedSettings file = KeyedSettings.of("configuration file c.json", Map.of("bucket", "b",
                "aws_session_token", "TOPSECRET"));

        assertThatThrownBy(() -> SettingsResolver.connection(SettingValues.merge(file), true))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("\"aws_session_token\" in configuration file c.json: a session token needs the access-key-id"
                        + " and secret-access-key it was issued with");
    }

    /**
     * README: a file may serve several commands, so the settings a command does not read are ignored. Before, they were
     * parsed all the same: {@code "every": "0s"} (a serve job's) in the --config file of inventory sync exited 2,
     * while a bad {@code cron}, text to the catalogue, passed.
     */
    @Test
    void aConfigFileValueOfASettingTheCommandDoesNotReadIsNotChecked(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("c.json"), "{\"bucket\": \"b\", \"every\": \"0s\", \"format\": \"xml\"}");

        SettingValues values = SettingsResolver.values(parsed(new InventorySyncCommand()), ConfigFile.read(file));

        assertThat(values.find(Settings.BUCKET)).contains("b");
    }

    /** Only ignored: a program that reads it after all is told where the value that does not parse was written. */
    @Test
    void aValueOfASettingTheCommandDoesNotReadIsCheckedWhenItIsRead(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("c.json"), "{\"every\": \"0s\"}");

        SettingValues values = SettingsResolver.values(parsed(new InventorySyncCommand()), ConfigFile.read(file));

        assertThatThrownBy(() -> values.find(Settings.EVERY)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("\"every\" in configuration file " + file + " must be at least 1s");
    }

    /** The spec of {@code command} after a command line without arguments. */
    private static CommandSpec parsed(Object command) {
        CommandLine line = new CommandLine(command);
        line.parseArgs();
        return line.getCommandSpec();
    }
}
