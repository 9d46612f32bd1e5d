package io.s3conn.app.cli;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** Runs a command body so that every failure ends as one line on stderr and a meaningful exit code. */
public final class CommandSupport {

    private CommandSupport() {
    }

    /**
     * Runs {@code body}; a failure is printed as {@code s3conn: <message>} (with the stack trace when
     * {@code verbose}) and mapped to its {@link ExitCode}.
     *
     * @param bucket   the bucket the command works on, for messages (null while unknown)
     * @param endpoint the endpoint it talks to, for messages (null for Amazon S3 or while unknown)
     */
    public static int run(Callable<ExitCode> body, boolean verbose, Supplier<String> bucket, Supplier<String> endpoint) {
        try {
            return body.call().code();
        } catch (Exception e) {
            Failure failure = Failure.of(e, bucket.get(), Optional.ofNullable(endpoint.get()));
            PrintStream err = System.err;
            err.println("s3conn: " + failure.message());
            if (verbose) {
                e.printStackTrace(err);
            }
            return failure.exitCode().code();
        }
    }
}
