package io.s3conn.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Temporary directories of a benchmark run (state databases of up to a million rows), deleted with everything in
 * them when the JVM exits: a run leaves nothing behind in the temporary folder.
 */
final class Scratch {

    private static final List<Path> DIRECTORIES = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> DIRECTORIES.forEach(Scratch::delete)));
    }

    private Scratch() {
    }

    /** A new empty directory whose name starts with {@code prefix}, deleted at exit. */
    static Path directory(String prefix) {
        try {
            Path directory = Files.createTempDirectory(prefix);
            DIRECTORIES.add(directory);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes {@code directory}, made by someone else, with everything in it when the JVM exits. */
    static void deleteAtExit(Path directory) {
        DIRECTORIES.add(directory);
    }

    /** Deletes {@code directory} and what it holds now, rather than at exit. */
    static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // already gone, or a file that cannot be deleted: a leftover in the temporary folder is harmless
        }
    }
}
