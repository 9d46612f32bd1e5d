package io.s3conn.app.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandConfigTest {

    /** A property whose value holds a letter beyond ASCII, whose bytes differ between Latin-1 and UTF-8. */
    private static final String DATABASE_WITH_ACCENT = "s3conn.database=jdbc:sqlite:caf\u00e9.db\n";

    @TempDir
    Path dir;

    private void writeProperties(byte[] content) throws IOException {
        Files.createDirectories(dir.resolve("config"));
        Files.write(dir.resolve("config").resolve("application.properties"), content);
    }

    /** Before, SmallRye read the Latin-1 é as U+FFFD: a database file named �.db was created. */
    @Test
    void aPropertiesFileThatIsNotUtf8IsOneLineSayingSo() throws IOException {
        writeProperties(DATABASE_WITH_ACCENT.getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> CommandConfig.checkPropertiesText(dir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("configuration file " + dir.resolve("config/application.properties") + " is not UTF-8 text: save it as UTF-8");
    }

    @Test
    void aPropertiesFileInUtf8Passes() throws IOException {
        writeProperties(DATABASE_WITH_ACCENT.getBytes(StandardCharsets.UTF_8));

        assertThatCode(() -> CommandConfig.checkPropertiesText(dir)).doesNotThrowAnyException();
    }

    @Test
    void noPropertiesFileIsNoError() {
        assertThatCode(() -> CommandConfig.checkPropertiesText(dir)).doesNotThrowAnyException();
    }
}
