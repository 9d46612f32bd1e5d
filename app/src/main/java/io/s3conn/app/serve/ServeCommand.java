package io.s3conn.app.serve;

import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.Quarkus;
import io.s3conn.app.cli.Count;
import io.s3conn.app.cli.ExitCode;
import io.s3conn.app.cli.StopSignals;
import io.s3conn.app.config.ConfigurationException;
import io.s3conn.app.config.PropertySettings;
import io.s3conn.app.config.S3connConfig;
import io.s3conn.core.text.TerminalText;
import picocli.CommandLine.Command;

/** {@code s3conn serve}: the long-running sidecar. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the configured jobs (s3conn.jobs.<name>.*: inventory syncs on an interval or cron, pipelines "
                + "continuously) and answer /q/health, /q/metrics and /jobs over HTTP (127.0.0.1:8080 by default). "
                + "SIGTERM stops jobs at a safe point and exits 0.")
public class ServeCommand implements Callable<Integer> {

    @Inject
    JobScheduler scheduler;

    @Inject
    JobRunner runner;

    @Inject
    S3connConfig config;

    @Inject
    JvmMetrics jvmMetrics;

    @ConfigProperty(name = "quarkus.http.host")
    String host;

    @Override
    public Integer call() {
        try {
            ServeOptions options = ServeOptions.of(config.serve());
            // Each job reads the global properties, which refuses a misspelt one; without jobs (or with a misspelt
            // s3conn.jobs) nothing else would, and serve would run no job without a word.
            PropertySettings.global();
            try (StopSignals ignored = StopSignals.install(() -> {
                try {
                    runner.stop(options.shutdownTimeout());
                } finally {
                    // Whatever the stop met, serve exits: a process left running after SIGTERM waits for SIGKILL.
                    Quarkus.asyncExit(0);
                }
            })) {
                jvmMetrics.bind();
                scheduler.start();
                int jobs = runner.names().size();
                // Escaped, as every line of serve: the host is configuration text, which may hold anything.
                // An IPv6 address goes into the URL in brackets (RFC 3986), or http://::1:8080 names no address and port.
                String authority = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
                System.err.println(TerminalText.escaped("s3conn: serving " + Count.of(jobs, "job") + " on http://"
                        + authority + ":" + org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.http.port", String.class)
                        + (jobs == 0 ? " (none configured: set s3conn.jobs.<name>.type, see README's serve section)" : "")));
                Quarkus.waitForExit();
            }
        } catch (ConfigurationException e) {
            // A job's settings quote its bucket, prefix or queue: a prefix may hold a newline or ESC.
            System.err.println("s3conn: " + TerminalText.escaped(String.valueOf(e.getMessage())));
            return ExitCode.USAGE.code();
        }
        return ExitCode.OK.code();
    }
}
