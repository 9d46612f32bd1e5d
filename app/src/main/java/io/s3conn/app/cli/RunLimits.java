package io.s3conn.app.cli;

import picocli.CommandLine.Option;

/** When a continuous run ({@code source read}, {@code pipeline run}) stops on its own: for scripts and tests. */
public final class RunLimits {

    @Option(names = "--max-records", paramLabel = "N", description = "Stop after N records.")
    long maxRecords = Long.MAX_VALUE;

    @Option(names = "--stop-when-idle", description = "Stop after the first CDC poll that finds no change.")
    boolean stopWhenIdle;

    /** Records after which the run stops. */
    public long maxRecords() {
        return maxRecords;
    }

    /** Whether the run stops after the first CDC poll that finds nothing. */
    public boolean stopWhenIdle() {
        return stopWhenIdle;
    }
}
