package io.s3conn.app;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.s3.S3ConnectionSettings;
import io.s3conn.core.s3.StaticCredentials;
import picocli.CommandLine;

/**
 * What every command's run does first and the JDK AOT cache cannot make cheap, done once on the second core while
 * Quarkus starts on the first: picocli's classes are compiled for Java 5, which the cache cannot hold, so each run
 * loads, verifies and first runs them; and the SDK's first S3 client initialises the metadata of every AWS service
 * and its HTTP stack. The run's own command line (built with CDI beans once Quarkus is up) and its own client then
 * find that done. The throwaway client is built for a closed loopback port and closed unused: no request leaves.
 * A failure here is the run's to report, when it meets it, not this thread's.
 */
final class StartupWarmUp {

    private static final S3ConnectionSettings UNUSED_CLIENT = new S3ConnectionSettings(Optional.of("us-east-1"),
            Optional.of(URI.create("http://127.0.0.1:1")), true,
            Optional.of(new StaticCredentials("warm-up", "warm-up", Optional.empty())), Optional.empty(), 1,
            Duration.ofSeconds(1));

    private StartupWarmUp() {
    }

    /** Starts the warm-up on a daemon thread, which never delays the process's exit. */
    static void start() {
        Thread.ofPlatform().daemon().name("s3conn-start-up-warm-up").start(() -> {
            try {
                S3connApplication.commandLine(CommandLine.defaultFactory());
                S3Clients.create(UNUSED_CLIENT).close();
            } catch (Throwable ignored) {
                // The run builds the same and reports what is wrong with it.
            }
        });
    }
}
