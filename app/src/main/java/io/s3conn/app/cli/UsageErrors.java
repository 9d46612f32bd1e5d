package io.s3conn.app.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.s3conn.app.config.FlagSettings;
import io.s3conn.app.config.PropertySettings;
import io.s3conn.app.config.Setting;
import io.s3conn.app.config.Settings;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line picocli cannot parse (an unknown option, a missing or malformed value) ends as one
 * line on stderr, with picocli's suggestion where it has one and a pointer to the command's help,
 * and exit code 2: the full usage would bury the one line that matters.
 */
public final class UsageErrors implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        if (!command.getSubcommands().isEmpty() && String.valueOf(error.getMessage()).startsWith("Missing required subcommand")) {
            // `s3conn` or `s3conn inventory` alone: the list of what can follow is the useful answer.
            command.usage(command.getErr());
            command.getErr().flush();
            return ExitCode.USAGE.code();
        }
        command.getErr().println("s3conn: " + message(error) + FlagSettings.hint(command.getCommandSpec().qualifiedName()));
        command.getErr().flush();
        return ExitCode.USAGE.code();
    }

    /** The problem in one line, with picocli's suggestion if it has one. */
    static String message(ParameterException error) {
        if (error instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().getFirst();
            List<String> suggestions = unmatched.getSuggestions();
            if (!first.startsWith("-")) {
                return suggested("unexpected argument '" + first + "'", suggestions);
            }
            int equals = first.indexOf('=');
            // Up to its '=' only: what follows was typed as a value, and may be a secret (--secret-access-key=...).
            String name = equals < 0 ? first : first.substring(0, equals);
            String what = "unknown option " + name + (equals < 0 ? "" : "=...");
            return Settings.byKey(name.replaceFirst("^-+", "")).map(setting -> what + ": " + whereItGoes(setting, unmatched.getCommandLine()))
                    .orElseGet(() -> suggested(what, suggestions));
        }
        if (error.getCause() instanceof CommandLine.TypeConversionException conversion
                && error.getArgSpec() instanceof OptionSpec option && isBoolean(option)) {
            // A boolean flag's converter says what a file's or job's key is told: "must be true or false, was: x".
            return option.longestName() + " " + conversion.getMessage();
        }
        String text = error.getMessage() == null ? "invalid command line" : error.getMessage();
        int newline = text.indexOf('\n');
        text = newline < 0 ? text : text.substring(0, newline);
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    private static String suggested(String what, List<String> suggestions) {
        return suggestions.isEmpty() ? what : what + ": did you mean " + String.join(" or ", suggestions) + "?";
    }

    /**
     * Where a setting that an unknown option names is given instead, as a pipeline file or a job is told of a setting it
     * does not read, rather than picocli's suggestion of some other flag ({@code --page-size}: {@code --path-style}): a
     * credential, which has no flag on purpose, in a file or the environment (not as an argument every user sees); a serve
     * job's setting in the job; any other on the commands that read it.
     */
    private static String whereItGoes(Setting<?> setting, CommandLine command) {
        if (!setting.flag()) {
            return setting.property().map(property -> setting.name() + " has no flag, since command lines are visible to every"
                            + " user of the machine: give it in a --config file, as the property " + property
                            + " or the environment variable " + PropertySettings.environmentForm(property))
                    .orElse(setting.name() + " has no flag: it is a setting of serve jobs (s3conn.jobs.<job>." + setting.name() + ")");
        }
        CommandLine root = command;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        List<String> readers = new ArrayList<>();
        collectReaders(root, setting, readers);
        String these = readers.size() < 2 ? String.join("", readers)
                : String.join(", ", readers.subList(0, readers.size() - 1)) + " and " + readers.getLast();
        return setting.name() + " is read by " + these + ", not by " + command.getCommandSpec().qualifiedName();
    }

    /** The commands under {@code command} whose option of that name is the setting (not an own option of the name). */
    private static void collectReaders(CommandLine command, Setting<?> setting, List<String> readers) {
        OptionSpec option = command.getCommandSpec().findOption(setting.flagName());
        if (option != null && (option.descriptionKey() == null || option.descriptionKey().isEmpty())) {
            readers.add(command.getCommandSpec().qualifiedName());
        }
        command.getSubcommands().values().stream().distinct().forEach(sub -> collectReaders(sub, setting, readers));
    }

    /** A boolean flag: {@code boolean}, {@code Boolean} or {@code Optional<Boolean>} (whose type picocli gives aside). */
    private static boolean isBoolean(OptionSpec option) {
        return Stream.concat(Stream.of(option.type()), Arrays.stream(option.auxiliaryTypes()))
                .anyMatch(type -> type == Boolean.class || type == boolean.class);
    }
}
