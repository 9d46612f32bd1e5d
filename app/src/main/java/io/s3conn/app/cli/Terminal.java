package io.s3conn.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether stderr is an interactive terminal, which decides if progress is drawn. */
public final class Terminal {

    private Terminal() {
    }

    /**
     * True when file descriptor 2 is a terminal. Java cannot ask isatty() of stderr, so on Linux
     * the descriptor's target is read from /proc; elsewhere a console on stdin/stdout is taken as a hint.
     */
    public static boolean stderrIsTerminal() {
        Path fd2 = Path.of("/proc/self/fd/2");
        try {
            if (Files.exists(fd2)) {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (Exception e) {
            // Fall through to the portable hint.
        }
        return System.console() != null;
    }
}
