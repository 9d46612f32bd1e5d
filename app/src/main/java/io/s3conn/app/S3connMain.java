package io.s3conn.app;

import java.io.PrintWriter;
import java.util.List;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusBindException;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.s3conn.app.cli.ExitCode;
import io.s3conn.app.cli.Utf8Console;
import io.s3conn.app.config.ConfigurationException;
import io.s3conn.core.text.TerminalText;
import io.smallrye.config.ConfigValidationException;

/**
 * The entry point. Every command but {@code serve} is a one-shot CLI run: those never open the HTTP
 * port, so that several can run side by side and none is slowed or blocked by a port in use, and never
 * start the job scheduler's thread, which only {@code serve} uses. Both are runtime settings, decided here
 * before Quarkus starts; the JVM metrics, the other serve-only start-up cost, are bound by {@code serve}
 * itself ({@code io.s3conn.app.serve.JvmMetrics}). An explicit setting (system property) wins.
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
        if (!serve) {
            defaultTo("quarkus.http.host-enabled", "false");
            // "normal" with no @Scheduled method: quarkus-scheduler creates no executor; serve needs "halted".
            defaultTo("quarkus.scheduler.start-mode", "normal");
        }
        boolean verbose = List.of(args).contains("--verbose") || List.of(args).contains("-v");
        Quarkus.run(S3connApplication.class, (code, failure) -> exit(code, failure, verbose), args);
    }

    /**
     * Exits with the command's code, as Quarkus's own handler does. A start-up failure, which Quarkus would log as
     * a stack trace, is one line instead (the trace with {@code --verbose}): a malformed configuration file
     * (SmallRye reads {@code config/application.yaml} before any command runs) or a property SmallRye cannot convert
     * ({@code QUARKUS_HTTP_PORT=abc}) exits 2 like any other configuration error; a port {@code serve} cannot bind,
     * and anything else, exit 1.
     */
    private static void exit(int code, Throwable failure, boolean verbose) {
        if (failure != null) {
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
            System.exit(configuration ? ExitCode.USAGE.code() : ExitCode.FAILURE.code());
        }
        System.exit(code);
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
