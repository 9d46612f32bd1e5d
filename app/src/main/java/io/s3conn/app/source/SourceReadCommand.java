package io.s3conn.app.source;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.s3conn.app.cli.CommandSupport;
import io.s3conn.app.cli.Count;
import io.s3conn.app.cli.ConnectionOptions;
import io.s3conn.app.cli.DatabaseOption;
import io.s3conn.app.cli.ExitCode;
import io.s3conn.app.cli.RunLimits;
import io.s3conn.app.cli.SourceOptions;
import io.s3conn.app.cli.StopSignals;
import io.s3conn.app.cli.Terminal;
import io.s3conn.app.cli.VerboseOption;
import io.s3conn.app.config.ChangeFeedSettings;
import io.s3conn.app.config.ConfigurationException;
import io.s3conn.app.config.FlagSettings;
import io.s3conn.app.config.Settings;
import io.s3conn.app.config.SourceSettings;
import io.s3conn.core.jdbc.Database;
import io.s3conn.core.record.RecordJson;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.source.RecordPump;
import io.s3conn.source.S3Source;
import io.s3conn.source.S3SourceConfiguration;
import io.s3conn.source.SourceRun;
import io.s3conn.source.SourceMode;
import io.s3conn.source.position.CdcPosition;
import io.s3conn.source.position.MalformedPositionException;
import io.s3conn.source.position.SourcePosition;
import io.s3conn.source.position.SourcePositions;
import io.s3conn.source.walk.ScopeProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code s3conn source read}: records as JSON lines on stdout. */
@Command(name = "read", mixinStandardHelpOptions = true,
        description = "Write a bucket's objects as OpenCDC records, one JSON line each, on stdout: a snapshot, then a "
                + "record per object created, updated or deleted, polling until stopped. Logs go to stderr.")
public class SourceReadCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    DatabaseOption databaseFlag;

    @Mixin
    SourceOptions source;

    @Spec
    CommandSpec spec;

    @Option(names = "--position", paramLabel = "POSITION",
            description = "Start from this printable position (a record's position, or Conduit's <key>_s<secs> / <key>_c<secs>).")
    Optional<String> position = Optional.empty();

    @Mixin
    RunLimits limits;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        // First thing: a SIGTERM while the bucket is checked (or the queue or database opened) stops the run as one later
        // does, exit 0, instead of ending the JVM (143, nothing said).
        try (StopSignals signals = StopSignals.installBeforeStart()) {
            return read(signals);
        }
    }

    private int read(StopSignals signals) {
        return CommandSupport.run(connection, verbose, (values, settings) -> {
            Optional<SourcePosition> start = parsePosition();
            Optional<String> state = values.find(Settings.STATE);
            S3SourceConfiguration source = SourceSettings.configuration(values, settings, state);
            if (start.filter(CdcPosition.class::isInstance).isPresent() && source.mode() == SourceMode.SNAPSHOT) {
                // The snapshot it names is complete: the run would end at once, emitting nothing, exit 0.
                throw new ConfigurationException("--position: a CDC position with mode snapshot reads nothing (the "
                        + "snapshot is complete from there): use --mode cdc or all, or a snapshot position" + helpPointer());
            }
            ChangeFeedSettings changes = ChangeFeedSettings.of(values);
            PrintStream out = System.out;
            try (S3Client s3 = S3Clients.create(settings.connection())) {
                ScopeProbe.check(s3, settings.bucket(), settings.prefix());
                // Without --state nothing outlives the run: what it emitted is kept in a file of its own, so that
                // it neither starts from an earlier run's rows nor shares them with a run beside it. The queue answers
                // first: a wrong one leaves the database as it was (a SQLite file is not even created).
                try (ChangeFeedSettings.Opened feed = changes.open(settings.connection(), limits.stopWhenIdle());
                     Database database = state.isPresent() ? Database.open(settings.databaseUrl()) : Database.temporary();
                     S3Source reader = new S3Source(s3, database, source, start, Clock.systemUTC(), feed.feed())) {
                    // SIGTERM / Ctrl-C: finish the record in hand, commit it, and exit 0; one that came before stops
                    // the reader before its first record.
                    signals.stopWith(reader::stop);
                    // Each record is committed once printed and flushed: a crash re-emits at most the one in hand.
                    long[] printed = {0};
                    SourceRun run;
                    try {
                        run = new RecordPump(reader).run(record -> {
                            out.println(RecordJson.write(record));
                            out.flush();
                            if (out.checkError()) {
                                throw new StdoutClosed(); // before the pump records it as emitted
                            }
                            printed[0]++;
                        }, limits.maxRecords(), limits.stopWhenIdle());
                    } catch (StdoutClosed e) {
                        if (!Terminal.stdoutIsPipe()) {
                            // `source read > out.jsonl` on a full disk: the records did not get where they were
                            // sent, and a script must not take the run for done (before: exit 0, "stdout was closed").
                            System.err.printf("s3conn: writing to stdout failed after %s (it is a file or device, "
                                    + "not a pipe whose reader left: a full disk?): stopped%n", Count.of(printed[0], "record"));
                            return ExitCode.FAILURE;
                        }
                        // `source read | head -2`: the reader is gone, which is how such a pipe ends, not a failure.
                        System.err.printf("s3conn: stdout was closed after %s: stopped%n", Count.of(printed[0], "record"));
                        return ExitCode.OK;
                    }
                    System.err.printf("s3conn: %s, %s, %s%s%s%n", Count.of(run.records(), "record"),
                            Count.of(run.polls(), "CDC poll"), Count.of(run.listRequests(), "list request"), Count.notifications(feed.notificationStats()),
                            run.pendingRestores() == 0 ? ""
                                    : "; archived objects waiting for their restores: " + run.pendingRestores()
                                    + (state.isPresent() ? " (kept in the state: the next run emits them)"
                                    : " (not kept without --state)"));
                }
            }
            return ExitCode.OK;
        });
    }

    /** A write to stdout failed: the record in hand was not delivered, so it is not recorded as emitted. */
    private static final class StdoutClosed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StdoutClosed() {
            super("stdout is closed", null, false, false);
        }
    }

    private Optional<SourcePosition> parsePosition() {
        try {
            return position.map(SourcePositions::parse);
        } catch (MalformedPositionException e) {
            throw new ConfigurationException("--position: " + e.getMessage() + helpPointer());
        }
    }

    /** What a line about a bad option ends with, as for every other option's bad value. */
    private String helpPointer() {
        return FlagSettings.hint(spec.qualifiedName());
    }
}
