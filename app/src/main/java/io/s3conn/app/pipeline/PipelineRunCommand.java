package io.s3conn.app.pipeline;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
import io.s3conn.core.record.Record;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.time.Durations;
import io.s3conn.destination.format.RecordFormats;
import io.s3conn.destination.s3.ObjectNamer;
import io.s3conn.destination.s3.S3BatchWriter;
import io.s3conn.destination.s3.S3DestinationConfiguration;
import io.s3conn.source.S3Source;
import io.s3conn.source.S3SourceConfiguration;
import io.s3conn.source.SourceMode;
import io.s3conn.source.SourceProgress;
import io.s3conn.source.content.ContentMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code s3conn pipeline run}: source records written by a destination in the same process. The
 * source counts a record as emitted, and moves its saved position, only once the destination has
 * stored the batch holding it; batches are named by their first record. Killed at any moment and
 * started again, the destination ends with every record exactly once.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Copy a bucket's records into another bucket as JSON lines or Parquet, continuously. Positions are "
                + "checkpointed only after the destination stored the records; SIGTERM flushes, checkpoints and exits 0.")
public class PipelineRunCommand implements Callable<Integer> {

    @Inject
    S3connConfig config;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--file", paramLabel = "FILE", description = "pipeline.yaml with source, destination and state; flags override it.")
    Optional<Path> file = Optional.empty();

    @Option(names = "--destination-bucket", paramLabel = "BUCKET", description = "Where records are written.")
    Optional<String> destinationBucket = Optional.empty();

    @Option(names = "--destination-prefix", paramLabel = "PREFIX", description = "Prefix of written objects.")
    Optional<String> destinationPrefix = Optional.empty();

    @Option(names = "--format", paramLabel = "FORMAT", description = "json or parquet.")
    Optional<String> format = Optional.empty();

    @Option(names = "--compression", paramLabel = "CODEC", description = "json: none or gzip; parquet: snappy, zstd, gzip or none.")
    Optional<String> compression = Optional.empty();

    @Option(names = "--buffer-size", paramLabel = "N", description = "Records per batch at most (default 1000).")
    Optional<Integer> bufferSize = Optional.empty();

    @Option(names = "--flush-interval", paramLabel = "DURATION", description = "Store a batch once its first record is this old (default 5s).")
    Optional<String> flushInterval = Optional.empty();

    @Option(names = "--mode", paramLabel = "MODE", description = "snapshot, cdc or all (default all).")
    Optional<String> mode = Optional.empty();

    @Option(names = "--polling-period", paramLabel = "DURATION", description = "Pause between CDC polls (default 1s).")
    Optional<String> pollingPeriod = Optional.empty();

    @Option(names = "--content", paramLabel = "CONTENT", description = "inline (default) or none.")
    Optional<String> content = Optional.empty();

    @Option(names = "--state", paramLabel = "NAME", description = "Name of the pipeline's saved position (default: from the buckets and prefixes).")
    Optional<String> state = Optional.empty();

    @Option(names = "--max-records", paramLabel = "N", description = "Stop after N records.")
    long maxRecords = Long.MAX_VALUE;

    @Option(names = "--stop-when-idle", description = "Stop after the first CDC poll that finds no change.")
    boolean stopWhenIdle;

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces of failures.")
    boolean verbose;

    @Override
    public Integer call() {
        AtomicReference<ResolvedSettings> resolved = new AtomicReference<>();
        return CommandSupport.run(() -> {
            PipelineFile pipeline = file.map(PipelineFile::read).orElse(PipelineFile.none());
            ConfigFile configFile = SettingsResolver.configFile(connection);
            if (connection.bucket().isEmpty() && pipeline.source().bucket().isPresent()) {
                connection.bucket(pipeline.source().bucket().get());
            }
            if (connection.prefix().isEmpty() && pipeline.source().prefix().isPresent()) {
                connection.prefix(pipeline.source().prefix().get());
            }
            ResolvedSettings settings = new SettingsResolver(config).resolve(connection, configFile, true);
            resolved.set(settings);
            S3DestinationConfiguration destination = destination(pipeline);
            if (destination.bucket().equals(settings.bucket()) && destination.prefix().startsWith(settings.prefix())) {
                // The source would read back what the destination writes, forever.
                throw new ConfigurationException("the destination (s3://" + destination.bucket() + "/" + destination.prefix()
                        + ") lies inside the source (s3://" + settings.bucket() + "/" + settings.prefix()
                        + "): use another bucket or a destination prefix outside the source prefix");
            }
            String stateName = state.or(pipeline::state).orElse("pipeline:" + settings.bucket() + ":" + settings.prefix()
                    + "->" + destination.bucket() + ":" + destination.prefix());
            S3SourceConfiguration source = source(settings, pipeline, stateName);
            try (S3Client s3 = S3Clients.create(settings.connection())) {
                s3.listObjectsV2(b -> b.bucket(settings.bucket()).maxKeys(1));
                s3.listObjectsV2(b -> b.bucket(destination.bucket()).maxKeys(1));
                try (Database database = Database.open(settings.databaseUrl());
                     S3Source reader = new S3Source(s3, database, source, Optional.empty(), Clock.systemUTC())) {
                    run(reader, s3, destination);
                }
            }
            return ExitCode.OK;
        }, verbose, () -> resolved.get() == null ? null : resolved.get().bucket(),
                () -> resolved.get() == null ? null : resolved.get().connection().endpoint().map(Object::toString).orElse(null));
    }

    private void run(S3Source reader, S3Client s3, S3DestinationConfiguration destination) throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "s3conn-flush-timer");
            thread.setDaemon(true);
            return thread;
        });
        // Positions are committed only once the batch holding them is stored (possibly on the timer's thread).
        try (S3BatchWriter writer = new S3BatchWriter(s3, destination, batch -> reader.commit(batch.lastPosition()),
                Clock.systemUTC());
             StopSignals ignored = StopSignals.install(reader::stop)) {
            long tick = Math.max(10, Math.min(1000, destination.flushInterval().toMillis() / 10));
            timer.scheduleAtFixedRate(writer::flushIfDue, tick, tick, TimeUnit.MILLISECONDS);
            long records = 0;
            long pollsBefore = reader.progress().polls();
            while (records < maxRecords && !reader.stopRequested()) {
                List<Record> polled = reader.poll(Duration.ofMillis(200), (int) Math.min(maxRecords - records, Integer.MAX_VALUE));
                polled.forEach(writer::write);
                records += polled.size();
                SourceProgress progress = reader.progress();
                if (polled.isEmpty()) {
                    writer.flush(); // nothing more for now: store what is held rather than wait for the interval
                }
                if (progress.phase() == SourceProgress.Phase.DONE
                        || (stopWhenIdle && progress.polls() > pollsBefore && progress.idle())) {
                    break;
                }
            }
            System.err.printf("s3conn: %d records, %d CDC polls%n", records, reader.progress().polls());
        } finally {
            // The writer's close() above stored and acknowledged what was buffered.
            timer.shutdownNow();
        }
    }

    private S3SourceConfiguration source(ResolvedSettings settings, PipelineFile pipeline, String stateName) {
        try {
            SourceMode sourceMode = SourceMode.valueOf(mode.or(() -> pipeline.source().mode()).orElse("all").toUpperCase(Locale.ROOT));
            ContentMode contentMode = ContentMode.valueOf(content.or(() -> pipeline.source().content()).orElse("inline")
                    .toUpperCase(Locale.ROOT));
            Duration period = Durations.parse(pollingPeriod.or(() -> pipeline.source().pollingPeriod()).orElse("1s"));
            return new S3SourceConfiguration(settings.bucket(), settings.prefix(), sourceMode, period, contentMode,
                    pipeline.source().maxPayloadBytes().orElse(S3SourceConfiguration.DEFAULT_MAX_PAYLOAD_BYTES), 8,
                    stateName, true);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("pipeline source: " + e.getMessage());
        }
    }

    private S3DestinationConfiguration destination(PipelineFile pipeline) {
        PipelineFile.Destination file = pipeline.destination();
        String bucket = destinationBucket.or(file::bucket)
                .orElseThrow(() -> new ConfigurationException("no destination bucket: use --destination-bucket or destination.bucket"));
        String formatName = format.or(file::format)
                .orElseThrow(() -> new ConfigurationException("no format: use --format json|parquet or destination.format"));
        try {
            return new S3DestinationConfiguration(bucket, destinationPrefix.or(file::prefix).orElse(""),
                    file.keyTemplate().orElse(ObjectNamer.DEFAULT_TEMPLATE),
                    RecordFormats.of(formatName.toLowerCase(Locale.ROOT), compression.or(file::compression).map(c -> c.toLowerCase(Locale.ROOT))),
                    bufferSize.or(file::bufferSize).orElse(1000), file.maxBatchBytes().orElse(64L * 1024 * 1024),
                    Durations.parse(flushInterval.or(file::flushInterval).orElse("5s")),
                    S3DestinationConfiguration.DEFAULT_PART_SIZE, file.storageClass(), Optional.empty(), Optional.empty());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("pipeline destination: " + e.getMessage());
        }
    }
}
