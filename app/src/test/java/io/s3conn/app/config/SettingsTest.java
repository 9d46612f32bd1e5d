package io.s3conn.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.s3conn.app.S3connApplication;
import picocli.CommandLine;

class SettingsTest {

    @Test
    void noKeyNamesTwoSettings() {
        Map<String, String> owners = new HashMap<>();
        for (Setting<?> setting : Settings.ALL) {
            for (String key : setting.keys()) {
                assertThat(owners.put(key, setting.name())).as(key).isNull();
            }
        }
    }

    /**
     * Issue 11: options shared by commands are declared once (picocli mixins), so that each has one help line and one
     * check everywhere. Before, --list-concurrency was declared by SourceOptions and by InventoryOptions.
     */
    @Test
    void everySettingsFlagIsDeclaredByOneFieldForEveryCommandThatTakesIt() {
        Map<String, Set<String>> declaredBy = new TreeMap<>();
        collectDeclarations(S3connApplication.commandLine(CommandLine.defaultFactory()), declaredBy);

        assertThat(declaredBy).containsKey("--list-concurrency")
                .allSatisfy((flag, fields) -> assertThat(fields).as(flag).hasSize(1));
    }

    /** For each setting's flag taken by {@code command} or a command below it, the fields that declare it. */
    private static void collectDeclarations(CommandLine command, Map<String, Set<String>> declaredBy) {
        Settings.ALL.stream().filter(setting -> FlagSettings.reads(command.getCommandSpec(), setting)).forEach(setting -> {
            Field field = (Field) command.getCommandSpec().findOption(setting.flagName()).userObject();
            declaredBy.computeIfAbsent(setting.flagName(), flag -> new TreeSet<>())
                    .add(field.getDeclaringClass().getSimpleName() + "." + field.getName());
        });
        command.getSubcommands().values().forEach(sub -> collectDeclarations(sub, declaredBy));
    }

    /** On a mismatch, the table as it should be is in target/settings-table.md, ready to paste. */
    @Test
    void readmesConfigurationTableIsTheCatalogue() throws IOException {
        String expected = table();
        String readme = Files.readString(Path.of("..", "README.md"));
        if (!readme.contains(expected)) {
            Files.writeString(Path.of("target", "settings-table.md"), expected);
        }

        assertThat(readme).as("README's configuration table (see target/settings-table.md)").contains(expected);
    }

    private static String table() {
        StringBuilder table = new StringBuilder("""
                | setting | flag | global property, then environment | default | also read as | what it is |
                |---------|------|-----------------------------------|---------|--------------|------------|
                """);
        for (Setting<?> setting : Settings.ALL) {
            table.append("| `").append(setting.name()).append("` | ")
                    .append(setting.flag() ? "`" + setting.flagName() + "`" : "").append(" | ")
                    .append(setting.property().map(p -> "`" + p + "`").orElse(""))
                    .append(setting.environment().stream().map(v -> ", `" + v + "`").collect(Collectors.joining()))
                    .append(" | ").append(setting.defaultValue().map(d -> d.isEmpty() ? "(empty)" : "`" + d + "`").orElse(""))
                    .append(" | ").append(setting.aliases().stream().map(a -> "`" + a + "`").collect(Collectors.joining(", ")))
                    .append(" | ").append(setting.description().replace("|", "\\|")).append(" |\n");
        }
        return table.toString();
    }
}
