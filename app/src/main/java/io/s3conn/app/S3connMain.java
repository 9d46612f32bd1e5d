package io.s3conn.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusBindException;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.s3conn.app.cli.ExitCode;
import io.s3conn.app.cli.StartSignals;
import io.s3conn.app.cli.Utf8Console;
import io.s3conn.app.config.CommandConfig;
import io.s3conn.app.config.ConfigurationException;
import io.s3conn.core.text.TerminalText;
import io.smallrye.config.ConfigValidationException;

/**
 * The entry point. Every command but {@code serve} is a one-shot CLI run, which does not start Quarkus at all
 * ({@link CommandRun}): its HTTP router, REST endpoints, metrics registries, health checks and scheduler serve only
 * {@code serve}, and starting them took about a third of a command's time to its first S3 request. {@code serve} starts
 * Quarkus with all of it; the JVM metrics are bound by {@code serve} itself ({@code io.s3conn.app.serve.JvmMetrics}).
 * The system property {@value #THROUGH_QUARKUS} runs one-shot commands through Quarkus too (without its HTTP port and
 * scheduler thread, so several can run side by side): for the build's AOT training run, which records the classes
 * of both paths ({@link AotTraining}).
 * <p>
 * Started without arguments, s3conn runs the command named by {@code s3conn.default-command}
 * ({@code S3CONN_DEFAULT_COMMAND}), if set: for platforms that start an image without letting you pass
 * arguments, and for {@code @QuarkusIntegrationTest}, which launches the packaged application bare. Set in a
 * configuration file it is not read, since those are read by Quarkus, after this choice: {@link S3connApplication} says so.
 */
@QuarkusMain
public final class S3connMain {

    /** The property naming the command run without arguments; read here, so only as a system property or environment variable. */
    static final String DEFAULT_COMMAND = "s3conn.default-command";

    /** Set to {@code true}, one-shot commands start Quarkus as {@code serve} does; not under {@code s3conn.}: no setting. */
    static final String THROUGH_QUARKUS = "io.s3conn.app.through-quarkus";

    private S3connMain() {
    }

    public static void main(String... fromJvm) {
        Utf8Console.useUtf8Streams();
        String[] given = Utf8Console.arguments(fromJvm);
        String[] args = given.length == 0
                ? setting(DEFAULT_COMMAND, "S3CONN_DEFAULT_COMMAND").filter(c -> !c.isBlank())
                        .map(c -> c.trim().split("\\s+")).orElse(given)
                : given;
        if (HelpRequest.answered(new PrintWriter(System.out), args)) {
            System.exit(ExitCode.OK.code());
        }
        boolean serve = args.length > 0 && args[0].equals("serve");
        boolean verbose = List.of(args).contains("--verbose") || List.of(args).contains("-v");
        if (!serve && !Boolean.getBoolean(THROUGH_QUARKUS)) {
            StartSignals starting = StartSignals.install();
            System.exit(CommandRun.execute(verbose, starting::begin, args));
        }
        if (!serve) {
            defaultTo("quarkus.http.host-enabled", "false");
            // "normal" with no @Scheduled method: quarkus-scheduler creates no executor; serve needs "halted".
            defaultTo("quarkus.scheduler.start-mode", "normal");
        }
        try {
            // Quarkus reads config/application.properties with SmallRye's loader, which takes bytes that are not UTF-8
            // for U+FFFD; the YAML files are checked as they are read (YamlConfigSourceProvider).
            CommandConfig.checkPropertiesText(Path.of(""));
        } catch (ConfigurationException e) {
            System.exit(failed(e, verbose));
        }
        Quarkus.run(S3connApplication.class, (code, failure) -> System.exit(failure == null ? code : failed(failure, verbose)), args);
    }

    /**
     * Says a start-up failure, which Quarkus would log as a stack trace, in one line (the trace with {@code --verbose}),
     * and returns the exit code: a malformed configuration file (SmallRye reads {@code config/application.yaml} before
     * any command runs) or a property SmallRye cannot convert ({@code QUARKUS_HTTP_PORT=abc}) exits 2 like any other
     * configuration error; a port {@code serve} cannot bind, and anything else, exit 1.
     */
    static int failed(Throwable failure, boolean verbose) {
        Throwable root = failure;
        // The deepest cause, or the first that s3conn can say in its own words.
        while (root.getCause() != null && root.getCause() != root
                && !(root instanceof ConfigurationException || root instanceof QuarkusBindException
                || root instanceof ConfigValidationException)) {
            root = root.getCause();
        }
        // Escaped: a configuration value (a job's prefix, a port) or a server's text may hold a newline or ESC.
        System.err.println("s3conn: " + TerminalText.escaped(String.valueOf(switch (root) {
            case ConfigurationException e -> e.getMessage();
            case ConfigValidationException e -> "invalid configuration: " + problems(e);
            case QuarkusBindException e -> "cannot listen on " + e.getHost() + ":" + e.getPort()
                    + ": the port is in use (quarkus.http.port, QUARKUS_HTTP_PORT)";
            default -> "could not start: " + root.getClass().getSimpleName() + ": " + root.getMessage();
        })));
        if (verbose) {
            failure.printStackTrace();
        }
        boolean configuration = root instanceof ConfigurationException || root instanceof ConfigValidationException;
        return configuration ? ExitCode.USAGE.code() : ExitCode.FAILURE.code();
    }

    /** SmallRye's problems on one line, without the exception class each one names. */
    private static String problems(ConfigValidationException e) {
        List<String> problems = new java.util.ArrayList<>();
        for (int i = 0; i < e.getProblemCount(); i++) {
            problems.add(e.getProblem(i).getMessage().replaceFirst("^[\\w.$]+Exception: ", "").replaceAll("\\s+", " ").strip());
        }
        return String.join("; ", problems);
    }

    private static void defaultTo(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    private static java.util.Optional<String> setting(String property, String environment) {
        return java.util.Optional.ofNullable(System.getProperty(property)).or(() -> java.util.Optional.ofNullable(System.getenv(environment)));
    }
}
