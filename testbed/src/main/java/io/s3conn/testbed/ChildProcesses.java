package io.s3conn.testbed;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** What every server the test bed starts does the same way when it stops: end its process, remove its files. */
public final class ChildProcesses {

    private ChildProcesses() {
    }

    /**
     * Asks the process to end, kills it after {@code grace}, and unregisters its shutdown hook (which
     * would only destroy it again).
     */
    public static void stop(Process process, Thread shutdownHook, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway; destroying twice is harmless
        }
    }

    /** Deletes a directory tree without following links; what cannot be deleted is named on stderr. */
    public static void deleteTree(Path path) {
        try {
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                try (DirectoryStream<Path> children = Files.newDirectoryStream(path)) {
                    for (Path child : children) {
                        deleteTree(child);
                    }
                }
            }
            Files.deleteIfExists(path);
        } catch (IOException e) {
            System.err.println("s3conn: could not delete " + path + ": " + e);
        }
    }
}
