package io.s3conn.app;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/**
 * {@code --help} and {@code --version} answered without starting Quarkus: help is rendered from the commands'
 * annotations and the settings catalogue alone, so the CDI container, configuration sources and extensions that a
 * run needs (a few hundred milliseconds on two cores) are not worth starting to print it. The plain forms
 * ({@code s3conn inventory sync --help}) print the page the build rendered ({@link HelpPages}) and the version
 * without building picocli's model either; any other form goes through the command line every run builds
 * ({@link S3connApplication#commandLine}), with plain instances instead of beans, and anything it cannot parse is
 * left to the full run, which reports it.
 */
final class HelpRequest {

    private static final Set<String> HELP_OPTIONS = Set.of("--help", "-h", "--version", "-V");
    private static final Set<String> VERSION_OPTIONS = Set.of("--version", "-V");

    private HelpRequest() {
    }

    /** Prints the help or version {@code args} ask for on {@code out}; false when they ask for something else. */
    static boolean answered(PrintWriter out, String... args) {
        List<String> given = List.of(args);
        if (given.stream().noneMatch(HELP_OPTIONS::contains)) {
            return false;
        }
        try {
            Optional<String> page = rendered(given);
            if (page.isPresent()) {
                out.print(page.get());
                return true;
            }
            CommandLine commandLine = S3connApplication.commandLine(CommandLine.defaultFactory()).setOut(out);
            return CommandLine.printHelpIfRequested(commandLine.parseArgs(args));
        } catch (CommandLine.ParameterException e) {
            return false;
        } finally {
            out.flush();
        }
    }

    /** The page or version for a command's name followed by {@code --help} or {@code --version} alone. */
    private static Optional<String> rendered(List<String> given) {
        if (VERSION_OPTIONS.contains(given.getLast())) {
            List<String> command = given.subList(0, given.size() - 1);
            return HelpPages.exists(command) ? Optional.of(version()) : Optional.empty();
        }
        // picocli's own choice of styles: a terminal, NO_COLOR, CLICOLOR_FORCE, -Dpicocli.ansi.
        return HelpPages.page(given, Ansi.AUTO.enabled());
    }

    /** What picocli prints for {@code --version}: each line of the version provider. */
    private static String version() {
        StringBuilder text = new StringBuilder();
        for (String line : new VersionProvider().getVersion()) {
            text.append(line).append(System.lineSeparator());
        }
        return text.toString();
    }
}
