package io.s3conn.app.inventory;

import java.util.Optional;
import java.util.concurrent.Callable;

import io.s3conn.glacier.ServerTraits;
import io.s3conn.app.cli.CommandSupport;
import io.s3conn.app.cli.ConnectionOptions;
import io.s3conn.app.cli.DatabaseOption;
import io.s3conn.app.cli.ExitCode;
import io.s3conn.app.cli.InventoryOptions;
import io.s3conn.app.cli.JsonOption;
import io.s3conn.app.cli.VerboseOption;
import io.s3conn.app.cli.ProgressPrinter;
import io.s3conn.app.cli.SummaryLine;
import io.s3conn.app.cli.Terminal;
import io.s3conn.app.config.InventorySettings;
import io.s3conn.app.config.Settings;
import io.s3conn.core.json.Json;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.objects.InventorySync;
import io.s3conn.inventory.InventorySyncOptions;
import io.s3conn.inventory.SyncListener;
import io.s3conn.inventory.SyncSummary;
import io.s3conn.inventory.versions.VersionInventorySync;
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

    @Mixin
    ConnectionOptions connection;

    @Mixin
    DatabaseOption databaseFlag;

    @Mixin
    JsonOption json;

    @Option(names = "--progress", negatable = true, description = "Show progress on stderr (default: when stderr is a terminal).")
    Optional<Boolean> progress = Optional.empty();

    @Mixin
    InventoryOptions inventory;

    @Option(names = "--versions")
    boolean versionsFlag;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        return CommandSupport.run(connection, verbose, (values, settings) -> {
            InventorySyncOptions options = InventorySettings.options(values);
            boolean versions = values.require(Settings.VERSIONS);
            InventoryScope scope = new InventoryScope(settings.bucket(), settings.prefix());
            try (S3Client s3 = S3Clients.create(settings.connection());
                 LazyDatabase database = new LazyDatabase(settings.databaseUrl())) {
                boolean terminal = Terminal.stderrIsTerminal();
                ProgressPrinter printer = progress.orElse(terminal) ? new ProgressPrinter(System.err, terminal) : null;
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
                System.out.println(json.on() ? jsonLine(summary, "s3_objects", database) : SummaryLine.text(summary));
                if (versions) {
                    SyncSummary versionSummary = new VersionInventorySync(s3, ServerTraits.of(settings.connection().isAmazonS3()),
                            database.open(), options).run(scope, printer == null ? SyncListener.NONE : printer);
                    if (printer != null) {
                        printer.finish();
                    }
                    System.out.println(json.on() ? jsonLine(versionSummary, "s3_object_versions", database)
                            : "versions: " + SummaryLine.text(versionSummary));
                }
                System.out.flush();
            }
            return ExitCode.OK;
        });
    }

    /** A summary as one JSON line, naming the table it is about. */
    private static String jsonLine(SyncSummary summary, String table, LazyDatabase database) {
        var line = SummaryLine.json(summary, database.open().displayUrl());
        line.put("table", table);
        return Json.write(line);
    }
}
