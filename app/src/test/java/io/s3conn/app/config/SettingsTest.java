package io.s3conn.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

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
