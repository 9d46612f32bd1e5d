package io.s3conn.app;

import jakarta.inject.Inject;

import io.quarkus.runtime.QuarkusApplication;
import io.s3conn.app.cli.UsageErrors;
import io.s3conn.app.config.SettingsHelp;
import picocli.CommandLine;

/** Runs the picocli command line with CDI-created commands, help lines from the settings catalogue and one-line usage errors. */
public class S3connApplication implements QuarkusApplication {

    @Inject
    CommandLine.IFactory factory;

    @Override
    public int run(String... args) {
        return commandLine(factory).execute(args);
    }

    /** The {@code s3conn} command line as every run sees it. */
    public static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine commandLine = new CommandLine(S3connCommand.class, factory);
        commandLine.setResourceBundle(new SettingsHelp());
        commandLine.setParameterExceptionHandler(new UsageErrors());
        everyCommand(commandLine);
        return commandLine;
    }

    /**
     * Every command's help ends with the exit codes, and its {@code --version} prints s3conn's, as the top-level one
     * does: picocli gives a subcommand's {@code -V} no version of its own, so {@code inventory sync -V} printed nothing.
     */
    private static void everyCommand(CommandLine command) {
        if (command.getCommandSpec().usageMessage().footer().length == 0) {
            command.getCommandSpec().usageMessage().footer("", S3connCommand.EXIT_CODES);
        }
        command.getCommandSpec().versionProvider(new VersionProvider());
        command.getSubcommands().values().forEach(S3connApplication::everyCommand);
    }
}
