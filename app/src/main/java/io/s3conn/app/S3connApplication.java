package io.s3conn.app;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.QuarkusApplication;
import io.s3conn.app.cli.ExitCode;
import io.s3conn.app.cli.UsageErrors;
import io.s3conn.app.config.SettingType;
import io.s3conn.app.config.SettingsHelp;
import io.s3conn.core.text.TerminalText;
import picocli.CommandLine;

/**
 * {@code serve} as a Quarkus application: the picocli command line with CDI-created commands, help lines from the settings
 * catalogue and one-line usage errors. One-shot commands run the same command line without Quarkus ({@link CommandRun}).
 */
public class S3connApplication implements QuarkusApplication {

    @Inject
    CommandLine.IFactory factory;

    @Override
    public int run(String... args) {
        return execute(factory, () -> { }, args);
    }

    /**
     * Runs the command {@code args} name, with commands from {@code factory}; returns its exit code. {@code begin} runs
     * once the command line is parsed, before the command (or the help it asked for).
     */
    static int execute(CommandLine.IFactory factory, Runnable begin, String... args) {
        if (args.length == 0) {
            // S3connMain found no S3CONN_DEFAULT_COMMAND nor -Ds3conn.default-command, so a value here comes from a
            // configuration file, which SmallRye reads only now, after the command (and with it, whether the HTTP
            // port opens) was chosen: said, instead of the usage alone as if it had not been written.
            var fromFile = ConfigProvider.getConfig().getOptionalValue(S3connMain.DEFAULT_COMMAND, String.class);
            if (fromFile.isPresent()) {
                System.err.println("s3conn: " + S3connMain.DEFAULT_COMMAND + " is not read from configuration files ("
                        + TerminalText.escaped(fromFile.get()) + " was not run): set the environment variable "
                        + "S3CONN_DEFAULT_COMMAND or the system property -D" + S3connMain.DEFAULT_COMMAND + ", or give the command");
                return ExitCode.USAGE.code();
            }
        }
        CommandLine commandLine = commandLine(factory);
        commandLine.setExecutionStrategy(parsed -> {
            begin.run();
            return new CommandLine.RunLast().execute(parsed);
        });
        return commandLine.execute(args);
    }

    /** The {@code s3conn} command line as every run sees it. */
    public static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine commandLine = new CommandLine(S3connCommand.class, factory);
        commandLine.setResourceBundle(new SettingsHelp());
        commandLine.setParameterExceptionHandler(new UsageErrors());
        // A boolean flag's value is read as a file's or a job's is: the same words, and the same message for others.
        CommandLine.ITypeConverter<Boolean> bool = text -> {
            try {
                return SettingType.BOOLEAN.parser().apply(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        };
        commandLine.registerConverter(Boolean.class, bool);
        commandLine.registerConverter(boolean.class, bool);
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
