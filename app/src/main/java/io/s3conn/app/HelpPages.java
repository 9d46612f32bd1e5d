package io.s3conn.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/**
 * Every command's help as picocli renders it, written at build time (app/pom.xml runs {@link #main} after
 * compiling) and printed as is by {@code s3conn <command> --help}. picocli's classes are compiled for Java 5, which
 * the JDK AOT cache cannot hold: building its model of the commands on each start costs about 300 ms of a 400 ms
 * {@code --help}, to print text that only changes with the code. A build renders each page twice, plain and with
 * picocli's ANSI styles, for terminals.
 * <p>
 * Only the plain forms {@code s3conn [command...] --help} (or {@code -h}) are pages; any other form, a build without
 * pages, or picocli's own system properties ({@code picocli.usage.width}, {@code picocli.color.*}: they change the
 * rendering) leave the request to picocli, which renders the same text. {@code HelpPagesTest} holds each page to
 * picocli's rendering.
 */
final class HelpPages {

    private static final String FOLDER = "help/";
    private static final Set<String> HELP_OPTIONS = Set.of("--help", "-h");

    private HelpPages() {
    }

    /** The page {@code args} ask for, when they are a command's name followed by its help option and a build rendered it. */
    static Optional<String> page(List<String> args, boolean ansi) {
        if (args.isEmpty() || !HELP_OPTIONS.contains(args.getLast()) || picocliPropertySet()) {
            return Optional.empty();
        }
        List<String> command = args.subList(0, args.size() - 1);
        if (!commandNames(command)) {
            return Optional.empty();
        }
        try (InputStream page = HelpPages.class.getResourceAsStream(resource(command, ansi))) {
            return page == null ? Optional.empty() : Optional.of(new String(page.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether the command named by {@code names} (below {@code s3conn}) has a page: it exists. */
    static boolean exists(List<String> names) {
        return commandNames(names) && HelpPages.class.getResource(resource(names, false)) != null;
    }

    /** Command names are lower-case words; anything else (an option, a path) is left to picocli. */
    private static boolean commandNames(List<String> names) {
        return names.stream().allMatch(name -> name.matches("[a-z]+"));
    }

    /** picocli's rendering of {@code command}'s help, with or without ANSI styles. */
    static String rendered(CommandLine command, boolean ansi) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            command.usage(out, ansi ? Ansi.ON : Ansi.OFF);
        }
        return text.toString();
    }

    /** Writes every command's pages into the directory {@code args[0]} (the build's classes). */
    public static void main(String... args) throws IOException {
        Path folder = Path.of(args[0]).resolve(FOLDER);
        Files.createDirectories(folder);
        // A page of a command renamed or removed since the last build would otherwise answer for it.
        try (Stream<Path> old = Files.list(folder)) {
            for (Path page : old.filter(p -> p.getFileName().toString().endsWith(".txt")).toList()) {
                Files.delete(page);
            }
        }
        write(S3connApplication.commandLine(CommandLine.defaultFactory()), List.of(), folder);
    }

    private static void write(CommandLine command, List<String> names, Path folder) {
        for (boolean ansi : new boolean[] {false, true}) {
            try {
                Files.writeString(folder.resolve(file(names, ansi)), rendered(command, ansi), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        command.getSubcommands().forEach((name, sub) -> write(sub, concat(names, name), folder));
    }

    private static String resource(List<String> names, boolean ansi) {
        return FOLDER + file(names, ansi);
    }

    private static String file(List<String> names, boolean ansi) {
        return "s3conn" + names.stream().map("-"::concat).collect(Collectors.joining()) + (ansi ? ".ansi" : "") + ".txt";
    }

    private static List<String> concat(List<String> names, String... more) {
        return Stream.concat(names.stream(), Arrays.stream(more)).toList();
    }

    private static boolean picocliPropertySet() {
        return System.getProperties().stringPropertyNames().stream().anyMatch(name -> name.startsWith("picocli."));
    }
}
