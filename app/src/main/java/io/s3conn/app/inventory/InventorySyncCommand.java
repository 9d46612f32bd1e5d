package io.s3conn.app.inventory;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.s3conn.glacier.ServerTraits;
import io.s3conn.app.cli.CommandSupport;
import io.s3conn.app.cli.ConnectionOptions;
import io.s3conn.app.cli.DatabaseOption;
import io.s3conn.app.cli.ExitCode;
import io.s3conn.app.cli.InventoryOptions;
import io.s3conn.app.cli.JsonOption;
import io.s3conn.app.cli.VerboseOption;
import io.s3conn.app.cli.ProgressPrinter;
import io.s3conn.app.cli.StopSignals;
import io.s3conn.app.cli.SummaryLine;
import io.s3conn.app.cli.Terminal;
import io.s3conn.app.config.InventorySettings;
import io.s3conn.app.config.Settings;
import io.s3conn.core.json.Json;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.text.TerminalText;
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
                SyncListener listener = printer == null ? SyncListener.NONE : printer;
                ServerTraits server = ServerTraits.of(settings.connection().isAmazonS3());
                // The sync opens the database only once the bucket answered its first listing page:
                // a wrong bucket, key or endpoint leaves the database as it was.
                InventorySync objects = new InventorySync(s3, server, database::open, options);
                AtomicReference<VersionInventorySync> versionSync = new AtomicReference<>();
                // SIGTERM / Ctrl-C: stop after the pages being committed; the lease is released, the checkpoint kept.
                try (StopSignals signals = StopSignals.install(() -> {
                    objects.stop();
                    Optional.ofNullable(versionSync.get()).ifPresent(VersionInventorySync::stop);
                })) {
                    String table = "s3_objects";
                    try {
                        SyncSummary summary = finished(() -> objects.run(scope, listener), printer);
                        System.out.println(json.on() ? jsonLine(summary, table, database) : SummaryLine.text(summary));
                        if (versions) {
                            table = "s3_object_versions";
                            versionSync.set(new VersionInventorySync(s3, server, database.open(), options));
                            if (signals.received().isPresent()) {
                                versionSync.get().stop(); // the signal came between the two syncs
                            }
                            SyncSummary versionSummary = finished(() -> versionSync.get().run(scope, listener), printer);
                            System.out.println(json.on() ? jsonLine(versionSummary, table, database)
                                    : "versions: " + SummaryLine.text(versionSummary, "version"));
                        }
                    } catch (CancellationException e) {
                        StopSignals.Received signal = signals.received().orElseThrow(() -> e);
                        System.out.flush();
                        System.err.println("s3conn: sync of " + TerminalText.escaped(scope.toString()) + (table.equals("s3_objects") ? "" : " (versions)")
                                + " stopped by " + signal.name() + "; the next sync resumes from its checkpoint");
                        return signal.exitCode();
                    }
                }
                System.out.flush();
            }
            return ExitCode.OK;
        });
    }

    /** Runs a sync, ending its progress line however it ends. */
    private static SyncSummary finished(Supplier<SyncSummary> sync, ProgressPrinter printer) {
        try {
            return sync.get();
        } finally {
            if (printer != null) {
                printer.finish();
            }
        }
    }

    /** A summary as one JSON line, naming the table it is about. */
    private static String jsonLine(SyncSummary summary, String table, LazyDatabase database) {
        var line = SummaryLine.json(summary, database.open().displayUrl());
        line.put("table", table);
        if (table.equals("s3_object_versions")) {
            line.put("delete_markers", summary.contents().deleteMarkers()); // "objects" counts the versions alone
        }
        return Json.write(line);
    }
}
