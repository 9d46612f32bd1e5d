package io.s3conn.app.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import io.s3conn.core.text.Utf8;

/**
 * The text of a file that configures s3conn ({@code --config}, {@code pipeline.yaml}, {@code config/application.yaml}),
 * read as strict UTF-8, without a byte order mark: each failure one line naming the file. Without this, a file saved in Latin-1 or UTF-16 was
 * reported by the JDK's words for it ({@code Input length = 1}) or Jackson's
 * ({@code java.io.CharConversionException: Invalid UTF-8 start byte 0xff}).
 */
public final class ConfigurationText {

    private ConfigurationText() {
    }

    /**
     * Reads a file.
     *
     * @param what the file as messages name it before its path: {@code configuration file}, {@code pipeline file}
     * @throws ConfigurationException when the file does not exist, cannot be read or is not UTF-8
     */
    public static String read(Path path, String what) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(what + " " + path + " does not exist");
        } catch (IOException e) {
            throw new ConfigurationException("cannot read " + what + " " + path + ": " + why(e), e);
        }
        String text = Utf8.strict(bytes).orElseThrow(() -> new ConfigurationException(what + " " + path
                + " is not UTF-8 text: save it as UTF-8"));
        // A byte order mark, as Windows editors save UTF-8: before, a --config file that began with one "is not valid
        // JSON (line 1, column 1)", naming nothing the user could see.
        return text.startsWith("\ufeff") ? text.substring(1) : text;
    }

    /**
     * The reason alone: a {@link FileSystemException}'s message repeats the path the line already names ("c.json: Not a
     * directory"), or is only the path, as for a file this user may not read ({@link AccessDeniedException}).
     */
    private static String why(IOException e) {
        return switch (e) {
            case AccessDeniedException denied -> "permission denied";
            case FileSystemException other when other.getReason() != null -> other.getReason();
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }
}
