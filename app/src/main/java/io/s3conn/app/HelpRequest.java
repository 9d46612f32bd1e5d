package io.s3conn.app;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;

import picocli.CommandLine;

/**
 * {@code --help} and {@code --version} answered without starting Quarkus: help is rendered from the commands'
 * annotations and the settings catalogue alone, so the CDI container, configuration sources and extensions that a
 * run needs (a few hundred milliseconds on two cores) are not worth starting to print it. The command line is the
 * one every run builds ({@link S3connApplication#commandLine}), with plain instances instead of beans; anything it
 * cannot parse is left to the full run, which reports it.
 */
final class HelpRequest {

    private static final Set<String> HELP_OPTIONS = Set.of("--help", "-h", "--version", "-V");

    private HelpRequest() {
    }

    /** Prints the help or version {@code args} ask for on {@code out}; false when they ask for something else. */
    static boolean answered(PrintWriter out, String... args) {
        if (List.of(args).stream().noneMatch(HELP_OPTIONS::contains)) {
            return false;
        }
        CommandLine commandLine = S3connApplication.commandLine(CommandLine.defaultFactory()).setOut(out);
        try {
            return CommandLine.printHelpIfRequested(commandLine.parseArgs(args));
        } catch (CommandLine.ParameterException e) {
            return false;
        } finally {
            out.flush();
        }
    }
}
