package io.s3conn.app.inventory;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import io.s3conn.glacier.ServerTraits;
import io.s3conn.app.cli.CommandSupport;
import io.s3conn.app.cli.ExitCode;
import io.s3conn.app.cli.ProgressPrinter;
import io.s3conn.app.cli.SummaryLine;
import io.s3conn.app.cli.Terminal;
import io.s3conn.app.config.ConfigurationException;
import io.s3conn.app.config.ConnectionOptions;
import io.s3conn.app.config.ResolvedSettings;
import io.s3conn.app.config.S3connConfig;
import io.s3conn.app.config.SettingsResolver;
import io.s3conn.core.json.Json;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.objects.InventorySync;
import io.s3conn.inventory.InventorySyncOptions;
import io.s3conn.inventory.SyncListener;
import io.s3conn.inventory.SyncSummary;
import io.s3conn.inventory.versions.VersionInventorySync;
import io.s3conn.glacier.RestoreStatusSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code s3conn inventory sync}: list a bucket and bring {@code s3_objects} up to date. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "List a bucket (under a prefix) and bring the table s3_objects up to date: new and changed "
                + "objects are written, vanished ones marked deleted, archived objects get their restore status. "
                + "A sync that was killed resumes from its last checkpoint.")
public class InventorySyncCommand implements Callable<Integer> {

    @Inject
    S3connConfig config;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--json", description = "Print the summary as JSON on stdout.")
    boolean json;

    @Option(names = "--progress", negatable = true, description = "Show progress on stderr (default: when stderr is a terminal).")
    Optional<Boolean> progress = Optional.empty();

    @Option(names = "--page-size", paramLabel = "N", description = "Keys per listing page, 1-1000 (default 1000).")
    Optional<Integer> pageSize = Optional.empty();

    @Option(names = "--list-concurrency", paramLabel = "N",
            description = "Listing requests in flight at most: the scope is listed as N key ranges at once; 1 lists sequentially (default 8).")
    Optional<Integer> listConcurrency = Optional.empty();

    @Option(names = "--head-concurrency", paramLabel = "N", description = "HeadObject requests in flight at most (default 16).")
    Optional<Integer> headConcurrency = Optional.empty();

    @Option(names = "--restore-status-from", paramLabel = "SOURCE",
            description = "auto (listing on Amazon S3 and servers that show RestoreStatus, else HEAD), listing, or head. Default auto.")
    Optional<String> restoreStatusFrom = Optional.empty();

    @Option(names = "--head-intelligent-tiering", negatable = true,
            description = "HEAD Intelligent-Tiering objects to find those in an archive tier (default on).")
    Optional<Boolean> headIntelligentTiering = Optional.empty();

    @Option(names = "--versions", description = "Also keep s3_object_versions: every object version and delete marker (ListObjectVersions).")
    boolean versions;

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces of failures.")
    boolean verbose;

    @Override
    public Integer call() {
        AtomicReference<ResolvedSettings> resolved = new AtomicReference<>();
        return CommandSupport.run(() -> {
            ResolvedSettings settings = new SettingsResolver(config).resolve(connection, true);
            resolved.set(settings);
            InventorySyncOptions options = options();
            InventoryScope scope = new InventoryScope(settings.bucket(), settings.prefix());
            try (S3Client s3 = S3Clients.create(settings.connection());
                 LazyDatabase database = new LazyDatabase(settings.databaseUrl())) {
                boolean showProgress = progress.orElseGet(Terminal::stderrIsTerminal);
                ProgressPrinter printer = showProgress ? new ProgressPrinter(System.err) : null;
                SyncSummary summary;
                try {
                    // The sync opens the database only once the bucket answered its first listing page:
                    // a wrong bucket, key or endpoint leaves the database as it was.
                    summary = new InventorySync(s3, ServerTraits.of(settings.connection().isAmazonS3()), database::open, options)
                            .run(scope, printer == null ? SyncListener.NONE : printer);
                } finally {
                    if (printer != null) {
                        printer.finish();
                    }
                }
                System.out.println(json ? Json.write(SummaryLine.json(summary, database.open().displayUrl()))
                        : SummaryLine.text(summary));
                if (versions) {
                    SyncSummary versionSummary = new VersionInventorySync(s3, ServerTraits.of(settings.connection().isAmazonS3()),
                            database.open(), options).run(scope, printer == null ? SyncListener.NONE : printer);
                    if (printer != null) {
                        printer.finish();
                    }
                    var versionJson = SummaryLine.json(versionSummary, database.open().displayUrl());
                    versionJson.put("table", "s3_object_versions");
                    System.out.println(json ? Json.write(versionJson) : "versions: " + SummaryLine.text(versionSummary));
                }
                System.out.flush();
            }
            return ExitCode.OK;
        }, verbose, () -> resolved.get() == null ? null : resolved.get().bucket(),
                () -> resolved.get() == null ? null
                        : resolved.get().connection().endpoint().map(Object::toString).orElse(null));
    }

    private InventorySyncOptions options() {
        S3connConfig.Inventory defaults = config.inventory();
        RestoreStatusSource source;
        String from = restoreStatusFrom.orElse(defaults.restoreStatusFrom());
        try {
            source = RestoreStatusSource.valueOf(from.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("--restore-status-from must be auto, listing or head, was: " + from);
        }
        try {
            return InventorySyncOptions.defaults()
                    .withPageSize(pageSize.orElse(defaults.pageSize()))
                    .withHeadConcurrency(headConcurrency.orElse(defaults.headConcurrency()))
                    .withListConcurrency(listConcurrency.orElse(config.listConcurrency()))
                    .withRestoreStatusSource(source)
                    .withHeadIntelligentTiering(headIntelligentTiering.orElse(defaults.headIntelligentTiering()));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }
}
