package io.s3conn.app.cli;

import picocli.CommandLine.Option;

/** {@code -v/--verbose}, shared by every command. */
public final class VerboseOption {

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces of failures.")
    boolean verbose;

    /** Whether failures are printed with their stack trace. */
    public boolean on() {
        return verbose;
    }
}
