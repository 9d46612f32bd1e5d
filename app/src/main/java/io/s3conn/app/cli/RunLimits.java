package io.s3conn.app.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** When a continuous run ({@code source read}, {@code pipeline run}) stops on its own: for scripts and tests. */
public final class RunLimits {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    private long maxRecords = Long.MAX_VALUE;

    @Option(names = "--stop-when-idle", description = "Stop after the first CDC poll that finds no change.")
    boolean stopWhenIdle;

    /** A limit of 0 would end the run before it read anything while still advancing nothing: surely a typo. */
    @Option(names = "--max-records", paramLabel = "N", description = "Stop after N records (at least 1).")
    void maxRecords(long value) {
        if (value < 1) {
            throw new ParameterException(command.commandLine(), "--max-records must be at least 1, was: " + value);
        }
        maxRecords = value;
    }

    /** Records after which the run stops. */
    public long maxRecords() {
        return maxRecords;
    }

    /** Whether the run stops after the first CDC poll that finds nothing. */
    public boolean stopWhenIdle() {
        return stopWhenIdle;
    }
}
