package io.s3conn.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the standard streams lead to: whether stderr is an interactive terminal (progress is drawn), whether stdout is
 * a pipe (a failed write there may be a reader that left, which is how {@code | head} ends a run).
 */
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

    /**
     * Whether stdout is a pipe or a socket, the only outputs whose reader can leave: a failed write to anything else
     * (a file on a full disk, {@code /dev/full}) is a failure. Where {@code /proc} cannot tell, a pipe.
     */
    public static boolean stdoutIsPipe() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
            return target.startsWith("pipe:") || target.startsWith("socket:");
        } catch (java.io.IOException | RuntimeException e) {
            return true;
        }
    }
}
