package io.s3conn.app.cli;

import java.util.Optional;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How a bucket is read as records ({@code source read}, {@code pipeline run}), and where its position
 * is saved. Read through the settings catalogue like every setting flag.
 */
public final class SourceOptions {

    @Option(names = "--mode", paramLabel = "MODE")
    Optional<String> mode;

    @Option(names = "--polling-period", paramLabel = "DURATION")
    Optional<String> pollingPeriod;

    @Option(names = "--content", paramLabel = "CONTENT")
    Optional<String> content;

    @Option(names = "--max-payload-bytes", paramLabel = "SIZE")
    Optional<String> maxPayloadBytes;

    @Option(names = "--read-ahead", paramLabel = "N")
    Optional<String> readAhead;

    @Mixin
    ListConcurrencyOption listConcurrency;

    @Mixin
    ChangeFeedOptions changes;

    @Option(names = "--restore-archived", negatable = true)
    Optional<Boolean> restoreArchived;

    @Option(names = "--restore-tier", paramLabel = "TIER")
    Optional<String> restoreTier;

    @Option(names = "--restore-days", paramLabel = "N")
    Optional<String> restoreDays;

    @Option(names = "--restore-rate", paramLabel = "N/s")
    Optional<String> restoreRate;

    @Option(names = "--restore-poll", paramLabel = "DURATION")
    Optional<String> restorePoll;

    @Option(names = "--state", paramLabel = "NAME")
    Optional<String> state;
}
