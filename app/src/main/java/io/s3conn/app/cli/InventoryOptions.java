package io.s3conn.app.cli;

import java.util.Optional;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The inventory sync's tuning options, shared by the commands that run a sync ({@code inventory sync},
 * {@code inventory watch}, the selection of {@code inventory restore}). As with {@link ConnectionOptions},
 * values are read by option name through the settings catalogue, which also supplies the help lines;
 * picocli only fills the fields.
 */
public final class InventoryOptions {

    @Option(names = "--page-size", paramLabel = "N")
    Optional<String> pageSize;

    @Mixin
    ListConcurrencyOption listConcurrency;

    @Option(names = "--head-concurrency", paramLabel = "N")
    Optional<String> headConcurrency;

    @Option(names = "--restore-status-from", paramLabel = "SOURCE")
    Optional<String> restoreStatusFrom;

    @Option(names = "--head-intelligent-tiering", negatable = true)
    Optional<Boolean> headIntelligentTiering;
}
