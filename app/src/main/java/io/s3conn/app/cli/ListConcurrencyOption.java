package io.s3conn.app.cli;

import java.util.Optional;

import picocli.CommandLine.Option;

/**
 * {@code --list-concurrency}, shared by the commands that list a scope as records ({@link SourceOptions}) and those that
 * sync an inventory ({@link InventoryOptions}): declared once, so that both take it with one help line and one check,
 * the catalogue's ({@link io.s3conn.app.config.Settings#LIST_CONCURRENCY}).
 */
public final class ListConcurrencyOption {

    @Option(names = "--list-concurrency", paramLabel = "N")
    Optional<String> listConcurrency;
}
