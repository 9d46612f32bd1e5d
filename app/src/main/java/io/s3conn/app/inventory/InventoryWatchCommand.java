package io.s3conn.app.inventory;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.s3conn.app.cli.ChangeFeedOptions;
import io.s3conn.app.cli.CommandSupport;
import io.s3conn.app.cli.Count;
import io.s3conn.app.cli.ConnectionOptions;
import io.s3conn.app.cli.DatabaseOption;
import io.s3conn.app.cli.ExitCode;
import io.s3conn.app.cli.InventoryOptions;
import io.s3conn.app.cli.JsonOption;
import io.s3conn.app.cli.StopSignals;
import io.s3conn.app.cli.VerboseOption;
import io.s3conn.app.config.ChangeFeedSettings;
import io.s3conn.app.config.ConfigurationException;
import io.s3conn.app.config.FlagSettings;
import io.s3conn.app.config.InventorySettings;
import io.s3conn.app.config.ResolvedSettings;
import io.s3conn.app.config.Settings;
import io.s3conn.core.jdbc.Database;
import io.s3conn.core.json.Json;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.glacier.ServerTraits;
import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.InventorySyncOptions;
import io.s3conn.inventory.SyncListener;
import io.s3conn.inventory.events.InventoryEventApplier;
import io.s3conn.inventory.events.InventoryWatch;
import io.s3conn.inventory.events.WatchStats;
import io.s3conn.inventory.objects.InventorySync;
import io.s3conn.source.change.sqs.NotificationStats;
import io.s3conn.source.walk.ScopeProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code s3conn inventory watch}: {@code s3_objects} kept live from S3 event notifications. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Keep the table s3_objects live from S3 event notifications (an SQS queue): new and removed "
                + "objects, restores started, completed and expired, storage class transitions, each applied as it "
                + "arrives; plus the normal sync at start and every --reconcile-every, so a lost event is repaired. "
                + "Runs until stopped (SIGTERM, Ctrl-C).")
public class InventoryWatchCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    DatabaseOption databaseFlag;

    @Mixin
    JsonOption json;

    @Mixin
    ChangeFeedOptions changes;

    @Mixin
    InventoryOptions inventory;

    @Option(names = "--stop-when-idle", description = "Stop once the first sync is done and the queue was found empty (scripts, tests).")
    boolean stopWhenIdle;

    @Mixin
    VerboseOption verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // First thing: a SIGTERM while the bucket is checked (or the queue or database opened) stops the watch as one
        // later does, exit 0 and its line, instead of ending the JVM (143, nothing said).
        try (StopSignals signals = StopSignals.installBeforeStart()) {
            return watch(signals);
        }
    }

    private int watch(StopSignals signals) {
        return CommandSupport.run(connection, verbose, (values, settings) -> {
            // Before the feed's own checks: their word for reconcile-every alone speaks of a source's CDC polls.
            if (values.find(Settings.NOTIFICATIONS).isEmpty()) {
                throw new ConfigurationException("inventory watch needs --notifications sqs:<queue url>"
                        + FlagSettings.hint(spec.qualifiedName()));
            }
            ChangeFeedSettings feed = ChangeFeedSettings.of(values);
            InventoryScope scope = new InventoryScope(settings.bucket(), settings.prefix());
            var options = InventorySettings.options(values);
            try (S3Client s3 = S3Clients.create(settings.connection())) {
                // The bucket, then the queue, answer before the database is opened: a wrong bucket, endpoint or queue
                // leaves the database as it was (a SQLite file is not even created), as a sync does.
                ScopeProbe.check(s3, settings.bucket(), settings.prefix());
                watch(settings, feed, scope, options, s3, signals);
            }
            return ExitCode.OK;
        });
    }

    /** Watches until stopped, then prints what it did: the queue first, so that a wrong one fails before the database opens. */
    private void watch(ResolvedSettings settings, ChangeFeedSettings feed, InventoryScope scope, InventorySyncOptions options,
                       S3Client s3, StopSignals signals) {
        // Stopping when idle needs an empty receive: short long polls, so it is seen within a second.
        try (ChangeFeedSettings.OpenedQueue queue = feed.openQueue(settings.connection(),
                ChangeFeedSettings.reading(stopWhenIdle)).orElseThrow()) {
            if (signals.received().isPresent()) {
                // Stopped while the bucket was checked or the queue opened: the database is not opened for a watch that
                // does nothing (before, a SQLite file that did not exist was created for it).
                printSummary(scope, WatchStats.NONE, queue.reader().stats());
                return;
            }
            try (Database database = Database.open(settings.databaseUrl())) {
                InventorySync sync = new InventorySync(s3, ServerTraits.of(settings.connection().isAmazonS3()), database, options);
                InventoryWatch watch = new InventoryWatch(queue.reader(), new InventoryEventApplier(s3, database, scope,
                        Clock.systemUTC()), scope, () -> sync.run(scope, SyncListener.NONE), feed.reconcileEvery(), Clock.systemUTC());
                // SIGTERM / Ctrl-C: finish the event in hand (committed, its message deleted), or stop a reconciling
                // sync after the pages being committed (the next one resumes from its checkpoint), and exit 0. One that
                // came while the database opened ends the watch before its first sync.
                signals.stopWith(() -> {
                    watch.stop();
                    sync.stop();
                });
                printSummary(scope, watch.run(stopWhenIdle), queue.reader().stats());
            }
        }
    }

    /** The closing line: what the watch applied and what it received. */
    private void printSummary(InventoryScope scope, WatchStats stats, NotificationStats queueStats) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("bucket", scope.bucket());
        summary.put("prefix", scope.prefix());
        summary.putAll(stats.counts());
        summary.put("messages", queueStats.received());
        summary.put("malformed", queueStats.malformed());
        summary.put("sqs_requests", queueStats.requests());
        System.out.println(json.on() ? Json.write(summary)
                : "%s applied (%d written, %d deleted, %s), %d failed, %s, %s, %d malformed"
                .formatted(Count.of(stats.applied(), "event"), stats.written(), stats.deleted(),
                        Count.of(stats.restoreUpdates(), "restore status", "restore statuses"), stats.failures(),
                        Count.of(stats.reconciles(), "reconciling sync"), Count.of(queueStats.received(), "message"),
                        queueStats.malformed()));
        System.out.flush();
    }
}
