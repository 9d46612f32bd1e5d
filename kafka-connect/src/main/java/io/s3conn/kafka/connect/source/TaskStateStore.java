package io.s3conn.kafka.connect.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.s3conn.core.jdbc.Database;
import io.s3conn.kafka.connect.config.SourceConfig;
import io.s3conn.source.range.KeyRange;
import io.s3conn.source.state.SourceState;

/**
 * Where a task keeps its state ({@link TaskState}), and how it drops state that disagrees with Connect's offset:
 * a SQLite file of its own under {@code state-dir}, which stays on the worker, or the {@code database} every
 * worker reaches, which a task moved to another worker finds again.
 */
sealed interface TaskStateStore {

    /** The name the source keeps the state under. */
    String stateName();

    /** Opens the database that holds the state. */
    Database open();

    /**
     * Drops the state from {@code database}, opened by {@link #open()}, before a source on it starts: its rows
     * and saved position, by its name; other states in the same database stay.
     */
    default void drop(Database database) {
        SourceState.clear(database, stateName());
    }

    /** The store of range {@code range} of connector {@code connector}: the {@code database} if set, else a file. */
    static TaskStateStore of(SourceConfig config, String connector, KeyRange range) {
        return config.database().<TaskStateStore>map(url -> SharedDatabase.of(url, connector, range))
                .orElseGet(() -> StateFile.of(config.stateDir(), connector, range));
    }

    /**
     * A SQLite file named after the connector and the range, under {@code state-dir}; inside it the state is
     * named after the range alone, as ever, so files of earlier versions keep serving.
     *
     * @param file      the SQLite file
     * @param stateName the state's name inside it
     */
    record StateFile(Path file, String stateName) implements TaskStateStore {

        /** Longer directory names are cut, with a digest of the whole name: file systems take 255 bytes. */
        private static final int LONGEST_DIRECTORY = 200;

        static StateFile of(Path dir, String connector, KeyRange range) {
            return new StateFile(dir.resolve(directory(connector))
                    .resolve("range-" + digest(range.toString()) + ".db"), "kafka-connect:" + range);
        }

        /**
         * The directory of {@code connector}'s states, which no other connector name gives and which stays inside
         * {@code state-dir}: letters, digits, {@code .}, {@code -} and {@code _} as they are (the directories of
         * earlier versions), any other character as {@code %} and the hexadecimal of its UTF-8 bytes, and a name of
         * dots alone ({@code ..}) in that form too. Replacing those characters with {@code _}, as before, gave
         * {@code фото} and {@code тест}, or {@code a+b} and {@code a_b}, one directory, and their tasks one state
         * file and one lease, which the second took from the first, failing it.
         */
        static String directory(String connector) {
            StringBuilder name = new StringBuilder();
            boolean dotsAlone = connector.chars().allMatch(c -> c == '.');
            for (byte b : connector.getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xff);
                boolean kept = c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' && !dotsAlone);
                name.append(kept ? String.valueOf(c) : "%" + HexFormat.of().withUpperCase().toHexDigits(b));
            }
            return name.length() <= LONGEST_DIRECTORY ? name.toString()
                    : name.substring(0, LONGEST_DIRECTORY - 21) + "~" + digest(connector);
        }

        /** Opens the file, creating its directory. */
        @Override
        public Database open() {
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                // The task's reason is this line: the exception's own text is only the path, without why.
                throw new UncheckedIOException("cannot create the state directory " + file.getParent() + ": " + why(file.getParent(), e)
                        + " (set state-dir to a directory the worker may write)", e);
            }
            return Database.open("jdbc:sqlite:" + file);
        }
    }

    /**
     * Why {@code directory} could not be created, in words: a file system exception's message is its path alone, the
     * path of the directory or of the parent that failed, named when it is not {@code directory}.
     */
    private static String why(Path directory, IOException e) {
        String where = e instanceof FileSystemException f && f.getFile() != null && !f.getFile().equals(directory.toString())
                ? " (" + f.getFile() + ")" : "";
        return switch (e) {
            case AccessDeniedException denied -> "permission denied" + where;
            case FileAlreadyExistsException inTheWay -> "a file is in the way" + where;
            // Its reason is null, so it came out as the exception's class and path: a directory that cannot be made
            // where the file system takes none (/proc), or a parent gone while it was being created.
            case NoSuchFileException missing -> "no such file or directory" + where;
            case FileSystemException other when other.getReason() != null -> other.getReason() + where;
            default -> e.toString();
        };
    }

    /**
     * The {@code database} setting's database, shared by every worker and maybe by other connectors: the state
     * is named after the connector and the range, so that no two connectors share one.
     *
     * @param url       the JDBC URL, maybe with a password: never shown
     * @param stateName the state's name
     */
    record SharedDatabase(String url, String stateName) implements TaskStateStore {

        /**
         * PostgreSQL indexes rows of up to 2,704 bytes, and a state's rows are keyed by its name and an object key
         * (up to 1,024 bytes): a longer name, of a range cut at long keys, is kept as a digest of the range.
         */
        static final int MAX_NAME_BYTES = 512;

        static SharedDatabase of(String url, String connector, KeyRange range) {
            String name = "kafka-connect:" + connector + ":" + range;
            if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                name = "kafka-connect:" + digest(connector) + ":range-" + digest(range.toString());
            }
            return new SharedDatabase(url, name);
        }

        @Override
        public Database open() {
            return Database.open(url);
        }

        /** Without the URL, which may hold a password. */
        @Override
        public String toString() {
            return "SharedDatabase[" + stateName + "]";
        }
    }

    /** 20 hex digits of the SHA-256 of {@code text}: a short name that stays the same for the same text. */
    private static String digest(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
