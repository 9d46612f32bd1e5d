package io.s3conn.app.config;

import java.util.Optional;

/**
 * One place settings are written: the command line, a {@code --config} file, a {@code pipeline.yaml},
 * a {@code serve} job, the global properties. Each hands over text; {@link SettingsResolver} parses
 * it with the setting's type, so a value means the same wherever it was written.
 */
public interface SettingSource {

    /** The text this source holds for {@code setting}, if any. */
    Optional<String> text(Setting<?> setting);

    /** Where this source's value of {@code setting} was written, for messages: {@code --buffer-size}, {@code "bufferSize" in f.json}. */
    String origin(Setting<?> setting);

    /** What a message about a bad value from here ends with (a pointer to help, for flags). */
    default String hint() {
        return "";
    }
}
