package io.s3conn.app.source;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import io.s3conn.app.cli.CommandSupport;
import io.s3conn.app.cli.ExitCode;
import io.s3conn.app.cli.StopSignals;
import io.s3conn.app.config.ConfigFile;
import io.s3conn.app.config.ConfigurationException;
import io.s3conn.app.config.ConnectionOptions;
import io.s3conn.app.config.ResolvedSettings;
import io.s3conn.app.config.S3connConfig;
import io.s3conn.app.config.SettingsResolver;
import io.s3conn.core.jdbc.Database;
import io.s3conn.core.record.RecordJson;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.time.Durations;
import io.s3conn.source.RecordPump;
import io.s3conn.source.S3Source;
import io.s3conn.source.S3SourceConfiguration;
import io.s3conn.source.SourceMode;
import io.s3conn.source.SourceRun;
import io.s3conn.source.content.ContentMode;
import io.s3conn.source.position.MalformedPositionException;
import io.s3conn.source.position.SourcePosition;
import io.s3conn.source.position.SourcePositions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code s3conn source read}: records as JSON lines on stdout. */
@Command(name = "read", mixinStandardHelpOptions = true,
        description = "Write a bucket's objects as OpenCDC records, one JSON line each, on stdout: a snapshot, then a "
                + "record per object created, updated or deleted, polling until stopped. Logs go to stderr.")
public class SourceReadCommand implements Callable<Integer> {

    @Inject
    S3connConfig config;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--mode", paramLabel = "MODE", description = "snapshot, cdc or all (default all).")
    String mode = "all";

    @Option(names = "--polling-period", paramLabel = "DURATION", description = "Pause between CDC polls, e.g. 1s, 500ms, 1m30s (default 1s).")
    Optional<String> pollingPeriod = Optional.empty();

    @Option(names = "--content", paramLabel = "CONTENT", description = "inline (the object's bytes in payload.after, default) or none (metadata only).")
    String content = "inline";

    @Option(names = "--max-payload-bytes", paramLabel = "N",
            description = "Objects larger than this are emitted without payload and never loaded (default 10485760).")
    long maxPayloadBytes = S3SourceConfiguration.DEFAULT_MAX_PAYLOAD_BYTES;

    @Option(names = "--position", paramLabel = "POSITION",
            description = "Start from this printable position (a record's position, or Conduit's <key>_s<secs> / <key>_c<secs>).")
    Optional<String> position = Optional.empty();

    @Option(names = "--state", paramLabel = "NAME",
            description = "Save the position under NAME after each record is written and flushed, and resume from it.")
    Optional<String> state = Optional.empty();

    @Option(names = "--max-records", paramLabel = "N", description = "Stop after N records.")
    long maxRecords = Long.MAX_VALUE;

    @Option(names = "--stop-when-idle", description = "Stop after the first CDC poll that finds no change.")
    boolean stopWhenIdle;

    @Option(names = "--read-ahead", paramLabel = "N", description = "Objects read concurrently ahead of the one being written (default 8).")
    int readAhead = 8;

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces of failures.")
    boolean verbose;

    @Override
    public Integer call() {
        AtomicReference<ResolvedSettings> resolved = new AtomicReference<>();
        return CommandSupport.run(() -> {
            ConfigFile file = SettingsResolver.configFile(connection);
            ResolvedSettings settings = new SettingsResolver(config).resolve(connection, file, true);
            resolved.set(settings);
            Optional<SourcePosition> start = parsePosition();
            S3SourceConfiguration source = configuration(settings, file);
            PrintStream out = System.out;
            try (S3Client s3 = S3Clients.create(settings.connection())) {
                s3.listObjectsV2(b -> b.bucket(settings.bucket()).maxKeys(1)
                        .prefix(settings.prefix().isEmpty() ? null : settings.prefix()));
                try (Database database = Database.open(settings.databaseUrl());
                     S3Source reader = new S3Source(s3, database, source, start, Clock.systemUTC())) {
                    // SIGTERM / Ctrl-C: finish the record in hand, commit it, and exit 0.
                    try (StopSignals ignored = StopSignals.install(reader::stop)) {
                        // Each record is committed once printed and flushed: a crash re-emits at most the one in hand.
                        SourceRun run = new RecordPump(reader).run(record -> {
                            out.println(RecordJson.write(record));
                            out.flush();
                            if (out.checkError()) {
                                throw new IllegalStateException("stdout is closed: stopping before recording the record as emitted");
                            }
                        }, maxRecords, stopWhenIdle);
                        System.err.printf("s3conn: %d records, %d CDC polls, %d list requests%n",
                                run.records(), run.polls(), run.listRequests());
                    }
                }
            }
            return ExitCode.OK;
        }, verbose, () -> resolved.get() == null ? null : resolved.get().bucket(),
                () -> resolved.get() == null ? null : resolved.get().connection().endpoint().map(Object::toString).orElse(null));
    }

    private Optional<SourcePosition> parsePosition() {
        try {
            return position.map(SourcePositions::parse);
        } catch (MalformedPositionException e) {
            throw new ConfigurationException("--position: " + e.getMessage());
        }
    }

    private S3SourceConfiguration configuration(ResolvedSettings settings, ConfigFile file) {
        SourceMode sourceMode = enumOption("--mode", mode, SourceMode.class);
        ContentMode contentMode = enumOption("--content", content, ContentMode.class);
        Duration period;
        try {
            period = Durations.parse(pollingPeriod.or(() -> file.get(ConfigFile.Setting.POLLING_PERIOD)).orElse("1s"));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("--polling-period: " + e.getMessage());
        }
        String stateName = state.orElse(settings.bucket() + ":" + settings.prefix());
        try {
            return new S3SourceConfiguration(settings.bucket(), settings.prefix(), sourceMode, period, contentMode,
                    maxPayloadBytes, readAhead, stateName, state.isPresent());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    private static <E extends Enum<E>> E enumOption(String name, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(name + " must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT) + ", was: " + value);
        }
    }
}
