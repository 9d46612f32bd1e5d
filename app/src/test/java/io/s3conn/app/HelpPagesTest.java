package io.s3conn.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import picocli.CommandLine;

/** The pages the build rendered are picocli's help of every command, plain and styled: a stale or missing page fails here. */
class HelpPagesTest {

    @ParameterizedTest(name = "s3conn {0}--help, ANSI styles {1}")
    @MethodSource("everyCommand")
    void everyCommandsPageIsPicocliRenderingOfItsHelp(String name, boolean ansi, List<String> names, CommandLine command) {
        List<String> args = Stream.concat(names.stream(), Stream.of("--help")).toList();

        assertThat(HelpPages.page(args, ansi)).hasValue(HelpPages.rendered(command, ansi));
    }

    @ParameterizedTest(name = "s3conn {0}-h")
    @MethodSource("everyCommand")
    void theShortHelpOptionPrintsTheSamePage(String name, boolean ansi, List<String> names, CommandLine command) {
        List<String> args = Stream.concat(names.stream(), Stream.of("-h")).toList();

        assertThat(HelpPages.page(args, ansi)).hasValue(HelpPages.rendered(command, ansi));
    }

    static Stream<Arguments> everyCommand() {
        List<Arguments> all = new ArrayList<>();
        collect(S3connApplication.commandLine(CommandLine.defaultFactory()), List.of(), all);
        return all.stream();
    }

    private static void collect(CommandLine command, List<String> names, List<Arguments> all) {
        String name = names.isEmpty() ? "" : String.join(" ", names) + " ";
        all.add(Arguments.of(name, false, names, command));
        all.add(Arguments.of(name, true, names, command));
        command.getSubcommands().forEach((sub, line) ->
                collect(line, Stream.concat(names.stream(), Stream.of(sub)).toList(), all));
    }
}
