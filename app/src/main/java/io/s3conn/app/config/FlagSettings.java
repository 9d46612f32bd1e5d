package io.s3conn.app.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The settings given as flags on a command line: every option the user typed whose name is a
 * setting's {@link Setting#flagName()}, but for a command's own options of the same name. Options are declared as text so that the setting's type
 * parses them, as it parses every other source.
 */
public final class FlagSettings implements SettingSource {

    private final String command;
    private final Map<Setting<?>, String> given;

    private FlagSettings(String command, Map<Setting<?>, String> given) {
        this.command = command;
        this.given = Map.copyOf(given);
    }

    /** The flags of a parsed command. */
    public static FlagSettings of(CommandSpec spec) {
        Map<Setting<?>, String> given = new HashMap<>();
        ParseResult parsed = spec.commandLine().getParseResult();
        if (parsed != null) {
            for (OptionSpec option : parsed.matchedOptions()) {
                if (ownOption(option)) {
                    continue;
                }
                Settings.byFlag(option.longestName()).ifPresent(setting -> value(option).ifPresent(v -> given.put(setting, v)));
            }
        }
        return new FlagSettings(spec.qualifiedName(), given);
    }

    /** Whether {@code command} takes {@code setting}'s flag as that setting, not as an own option of the same name. */
    public static boolean reads(CommandSpec command, Setting<?> setting) {
        OptionSpec option = setting.flag() ? command.findOption(setting.flagName()) : null;
        return option != null && !ownOption(option);
    }

    /**
     * Whether the option is a command's own that shares a setting's name ({@code inventory restore --storage-class}: which
     * archived objects to restore, not the class uploads are stored in), as its help key of its own says: checked as
     * that setting, a misspelt class was answered with the destination's list of every class.
     */
    private static boolean ownOption(OptionSpec option) {
        return option.descriptionKey() != null && !option.descriptionKey().isEmpty();
    }

    private static Optional<String> value(OptionSpec option) {
        Object value = option.getValue();
        if (value instanceof Optional<?> optional) {
            value = optional.orElse(null);
        }
        return Optional.ofNullable(value).map(String::valueOf);
    }

    @Override
    public Optional<String> text(Setting<?> setting) {
        return Optional.ofNullable(given.get(setting));
    }

    @Override
    public String origin(Setting<?> setting) {
        return setting.flagName();
    }

    @Override
    public String hint() {
        return hint(command);
    }

    /** What a line about a bad option of {@code command} ({@code s3conn source read}) ends with: its help. */
    public static String hint(String command) {
        return " (see `" + command + " --help`)";
    }
}
