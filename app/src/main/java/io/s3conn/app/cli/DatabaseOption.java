package io.s3conn.app.cli;

import java.util.Optional;

import picocli.CommandLine.Option;

/**
 * {@code --database}, on the commands that keep something in a database: a flag of its own, so that a command
 * that keeps nothing ({@code destination write}) does not take one and silently ignore it. The catalogue
 * ({@link io.s3conn.app.config.FlagSettings}) reads its value and gives its help line.
 */
public final class DatabaseOption {

    @Option(names = "--database", paramLabel = "JDBC_URL")
    Optional<String> database = Optional.empty();
}
