package io.s3conn.app;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;

import io.s3conn.app.cli.ConsoleLogging;
import io.s3conn.app.config.CommandConfig;
import picocli.CommandLine;

/**
 * A one-shot command (every command but {@code serve}) run without starting Quarkus: its configuration
 * ({@link CommandConfig}) and log output ({@link ConsoleLogging}) as Quarkus would set them up, then the command line
 * every run uses ({@link S3connApplication#execute}), with plain command instances: no one-shot command uses a bean.
 */
final class CommandRun {

    private CommandRun() {
    }

    /**
     * Runs the command {@code args} name and returns its exit code; a configuration that cannot be read is one line.
     * {@code begin} runs once the command line is parsed, as the command begins.
     */
    static int execute(boolean verbose, Runnable begin, String... args) {
        Config config;
        try {
            config = CommandConfig.register();
            ConsoleLogging.configure(config);
        } catch (RuntimeException e) {
            return S3connMain.failed(e, verbose);
        }
        try {
            return S3connApplication.execute(CommandLine.defaultFactory(), begin, args);
        } finally {
            // For the AOT training run, which goes on to start Quarkus in this JVM, and Quarkus registers its own.
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }
}
