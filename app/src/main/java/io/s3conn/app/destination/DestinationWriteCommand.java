package io.s3conn.app.destination;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import io.s3conn.app.cli.CommandSupport;
import io.s3conn.app.cli.ExitCode;
import io.s3conn.app.cli.InputException;
import io.s3conn.app.config.ConfigFile;
import io.s3conn.app.config.ConfigurationException;
import io.s3conn.app.config.ConnectionOptions;
import io.s3conn.app.config.ResolvedSettings;
import io.s3conn.app.config.S3connConfig;
import io.s3conn.app.config.SettingsResolver;
import io.s3conn.core.json.Json;
import io.s3conn.core.record.MalformedRecordException;
import io.s3conn.core.record.Record;
import io.s3conn.core.record.RecordJson;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.time.Durations;
import io.s3conn.destination.format.RecordFormats;
import io.s3conn.destination.s3.S3BatchWriter;
import io.s3conn.destination.s3.S3DestinationConfiguration;
import io.s3conn.destination.s3.ServerSideEncryption;
import io.s3conn.destination.s3.StoredBatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code s3conn destination write}: OpenCDC JSON lines from stdin into a bucket, in batches. */
@Command(name = "write", mixinStandardHelpOptions = true,
        description = "Read OpenCDC records (the JSON lines `s3conn source read` writes) from stdin and store them in "
                + "the bucket in batches. Each stored batch is acknowledged with one JSON line on stdout.")
public class DestinationWriteCommand implements Callable<Integer> {

    @Inject
    S3connConfig config;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--format", paramLabel = "FORMAT", description = "json or parquet.")
    Optional<String> format = Optional.empty();

    @Option(names = "--compression", paramLabel = "CODEC",
            description = "json: none (default) or gzip; parquet: snappy (default), zstd, gzip or none.")
    Optional<String> compression = Optional.empty();

    @Option(names = "--key-template", paramLabel = "TEMPLATE",
            description = "Object names after --prefix; placeholders {yyyy} {MM} {dd} {HH} {id} {ext} (default {yyyy}/{MM}/{dd}/{id}.{ext}).")
    String keyTemplate = io.s3conn.destination.s3.ObjectNamer.DEFAULT_TEMPLATE;

    @Option(names = "--buffer-size", paramLabel = "N", description = "Records per batch at most (default 1000).")
    Optional<Integer> bufferSize = Optional.empty();

    @Option(names = "--max-batch-bytes", paramLabel = "N", description = "Encoded bytes per batch at most (default 67108864).")
    long maxBatchBytes = 64L * 1024 * 1024;

    @Option(names = "--flush-interval", paramLabel = "DURATION", description = "Store a batch once its first record is this old (default 5s).")
    String flushInterval = "5s";

    @Option(names = "--storage-class", paramLabel = "CLASS", description = "Storage class of written objects (default: the bucket's).")
    Optional<String> storageClass = Optional.empty();

    @Option(names = "--sse", paramLabel = "ALGORITHM", description = "Server-side encryption: AES256 or aws:kms (default: the bucket's).")
    Optional<String> sse = Optional.empty();

    @Option(names = "--sse-kms-key-id", paramLabel = "KEY", description = "KMS key for --sse aws:kms.")
    Optional<String> kmsKeyId = Optional.empty();

    @Option(names = "--acl", paramLabel = "ACL", description = "Canned ACL of written objects, e.g. private (default: none sent).")
    Optional<String> acl = Optional.empty();

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces of failures.")
    boolean verbose;

    @Override
    public Integer call() {
        AtomicReference<ResolvedSettings> resolved = new AtomicReference<>();
        return CommandSupport.run(() -> {
            ConfigFile file = SettingsResolver.configFile(connection);
            ResolvedSettings settings = new SettingsResolver(config).resolve(connection, file, true);
            resolved.set(settings);
            S3DestinationConfiguration destination = configuration(settings, file);
            PrintStream out = System.out;
            try (S3Client s3 = S3Clients.create(settings.connection())) {
                s3.listObjectsV2(b -> b.bucket(settings.bucket()).maxKeys(1));
                ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "s3conn-flush-timer");
                    thread.setDaemon(true);
                    return thread;
                });
                try (S3BatchWriter writer = new S3BatchWriter(s3, destination, batch -> acknowledge(out, batch), Clock.systemUTC())) {
                    long tick = Math.max(10, Math.min(1000, destination.flushInterval().toMillis() / 10));
                    timer.scheduleAtFixedRate(writer::flushIfDue, tick, tick, TimeUnit.MILLISECONDS);
                    readAll(writer);
                } finally {
                    timer.shutdownNow();
                }
            }
            return ExitCode.OK;
        }, verbose, () -> resolved.get() == null ? null : resolved.get().bucket(),
                () -> resolved.get() == null ? null : resolved.get().connection().endpoint().map(Object::toString).orElse(null));
    }

    /** Feeds stdin to the writer; a malformed line stores what came before it, then fails with its number. */
    private static void readAll(S3BatchWriter writer) throws java.io.IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
        long lineNumber = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            Record record;
            try {
                record = RecordJson.read(line);
            } catch (MalformedRecordException e) {
                writer.flush();
                throw new InputException("stdin line " + lineNumber + " is not an OpenCDC record: " + e.getMessage()
                        + " (the records before it are stored)");
            }
            writer.write(record);
        }
    }

    private static void acknowledge(PrintStream out, StoredBatch batch) {
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("bucket", batch.bucket());
        ack.put("key", batch.key());
        ack.put("records", batch.records());
        ack.put("bytes", batch.bytes());
        ack.put("first_position", batch.firstPosition().printable());
        ack.put("last_position", batch.lastPosition().printable());
        out.println(Json.write(ack));
        out.flush();
    }

    private S3DestinationConfiguration configuration(ResolvedSettings settings, ConfigFile file) {
        String formatName = format.or(() -> file.get(ConfigFile.Setting.FORMAT))
                .orElseThrow(() -> new ConfigurationException("no format given: use --format json or --format parquet"));
        Duration interval;
        try {
            interval = Durations.parse(flushInterval);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("--flush-interval: " + e.getMessage());
        }
        try {
            int records = bufferSize.or(() -> file.get(ConfigFile.Setting.BUFFER_SIZE).map(Integer::parseInt)).orElse(1000);
            Optional<ServerSideEncryption> encryption = sse.map(a -> new ServerSideEncryption(a, kmsKeyId));
            if (encryption.isEmpty() && kmsKeyId.isPresent()) {
                throw new ConfigurationException("--sse-kms-key-id needs --sse aws:kms");
            }
            return new S3DestinationConfiguration(settings.bucket(), settings.prefix(), keyTemplate,
                    RecordFormats.of(formatName.toLowerCase(Locale.ROOT), compression.map(c -> c.toLowerCase(Locale.ROOT))),
                    records, maxBatchBytes, interval, S3DestinationConfiguration.DEFAULT_PART_SIZE, storageClass, encryption, acl);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }
}
