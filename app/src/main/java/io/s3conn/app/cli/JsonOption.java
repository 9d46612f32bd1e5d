package io.s3conn.app.cli;

import picocli.CommandLine.Option;

/** {@code --json}: machine-readable output, shared by the commands that print summaries or rows. */
public final class JsonOption {

    @Option(names = "--json", description = "Print JSON on stdout (one object per line) instead of text.")
    boolean json;

    /** Whether output is JSON. */
    public boolean on() {
        return json;
    }
}
