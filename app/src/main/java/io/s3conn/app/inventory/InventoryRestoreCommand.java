package io.s3conn.app.inventory;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

import io.s3conn.glacier.ServerTraits;
import io.s3conn.app.cli.ByteSizes;
import io.s3conn.app.cli.CommandSupport;
import io.s3conn.app.cli.Count;
import io.s3conn.app.cli.ConnectionOptions;
import io.s3conn.app.cli.DatabaseOption;
import io.s3conn.app.cli.ExitCode;
import io.s3conn.app.cli.InventoryOptions;
import io.s3conn.app.cli.JsonOption;
import io.s3conn.app.cli.StopSignals;
import io.s3conn.app.cli.VerboseOption;
import io.s3conn.app.cli.Terminal;
import io.s3conn.app.config.ConfigurationException;
import io.s3conn.app.config.FlagSettings;
import io.s3conn.app.config.InventorySettings;
import io.s3conn.app.config.SettingType;
import io.s3conn.core.jdbc.Database;
import io.s3conn.core.json.Json;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.text.TerminalText;
import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.restore.InventoryRestore;
import io.s3conn.inventory.restore.RestorePlan;
import io.s3conn.inventory.restore.RestoreResult;
import io.s3conn.inventory.restore.RestoreSelection;
import io.s3conn.glacier.RestoresNotImplementedException;
import io.s3conn.glacier.RequestRate;
import io.s3conn.glacier.RestoreRequester;
import io.s3conn.glacier.RestoreTier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code s3conn inventory restore}: start restores of archived objects, and optionally wait for them. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Start restores for the archived objects you select, chosen from a fresh listing (not from the "
                + "table); objects being restored are skipped, and restored ones too unless --extend. With --wait, poll "
                + "until every selected object is readable, those already being restored included.")
public class InventoryRestoreCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    DatabaseOption databaseFlag;

    @Mixin
    InventoryOptions inventory;

    @Option(names = "--include", paramLabel = "GLOB", description = "Only keys matching GLOB (* within a /-segment, ** across, ?, [..], {a,b}); repeatable.")
    List<String> include = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "GLOB", description = "Leave out keys matching GLOB; repeatable.")
    List<String> exclude = new ArrayList<>();

    /** Archive classes, the only ones with objects to restore. */
    private static final List<String> ARCHIVE_CLASSES = List.of("GLACIER", "DEEP_ARCHIVE", "INTELLIGENT_TIERING");

    /**
     * The help of {@code --storage-class} here, under its own key in {@link io.s3conn.app.config.SettingsHelp}: picocli
     * looks a key up before the option's name, under which the catalogue has the destination setting's line.
     */
    public static final String STORAGE_CLASS_HELP_KEY = "restore.storage-class";

    /** That help line. */
    public static final String STORAGE_CLASS_HELP = "Only GLACIER, DEEP_ARCHIVE or INTELLIGENT_TIERING objects.";

    @Option(names = "--storage-class", paramLabel = "CLASS", descriptionKey = STORAGE_CLASS_HELP_KEY, description = STORAGE_CLASS_HELP)
    Optional<String> storageClass = Optional.empty();

    @Option(names = "--tier", paramLabel = "TIER", description = "Standard (default), Bulk or Expedited.")
    String tier = "Standard";

    @Option(names = "--fallback-tier", paramLabel = "TIER", description = "With --tier Expedited: retry with this tier (Standard or Bulk) when Expedited capacity is not available (503).")
    Optional<String> fallbackTier = Optional.empty();

    @Option(names = "--days", paramLabel = "N", description = "Days the restored copy stays (GLACIER and DEEP_ARCHIVE only; default 7).")
    String days = "7";

    @Option(names = "--max-objects", paramLabel = "N", description = "Restore at most N objects.")
    Optional<String> maxObjects = Optional.empty();

    @Option(names = "--max-bytes", paramLabel = "SIZE", description = "Restore at most SIZE in total, e.g. 500GB or 1TiB.")
    Optional<String> maxBytes = Optional.empty();

    @Option(names = "--extend", description = "Also request restored objects again, to extend their expiry.")
    boolean extend;

    @Option(names = "--dry-run", description = "Print what would be restored (count, bytes, tier) and send no restore request.")
    boolean dryRun;

    @Option(names = "--rate", paramLabel = "N/s", description = "Restore requests per second at most (default 50); 0: no limit.")
    String rate = "50";

    @Option(names = "--wait", description = "Poll until every selected object is readable, those already being "
            + "restored included (so the same command run again resumes a wait cut short).")
    boolean waitForRestores;

    @Option(names = "--poll-interval", paramLabel = "DURATION", description = "First pause between --wait polls (default 30s, at least 100ms), growing to 15m.")
    Optional<String> pollInterval = Optional.empty();

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Give up waiting after this long (default 48h); exit code 7.")
    Optional<String> timeout = Optional.empty();

    @Mixin
    JsonOption json;

    @Mixin
    VerboseOption verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // First thing: SIGTERM / Ctrl-C at any point of the run (its selection, its requests, its wait) stops it at a
        // safe point and says so in one line, exit 143 (130), instead of ending the JVM without a word.
        try (StopSignals signals = StopSignals.installBeforeStart()) {
            return restore(signals);
        }
    }

    private int restore(StopSignals signals) {
        BooleanSupplier stopped = () -> signals.received().isPresent();
        return CommandSupport.run(connection, verbose, (values, settings) -> {
            RestoreTier chosenTier = option("--tier", () -> RestoreTier.parse(tier));
            Optional<RestoreTier> fallback = option("--fallback-tier", () -> fallbackTier.map(RestoreTier::parse));
            // Read as --days is: past what a long holds the line names the bound, not picocli's "is not a long".
            long objectLimit = option("--max-objects", () -> maxObjects.map(SettingType.LARGE_COUNT::parse).orElse(Long.MAX_VALUE));
            Optional<String> onlyClass = storageClass.map(c -> c.strip().toUpperCase(Locale.ROOT));
            if (onlyClass.isPresent() && !ARCHIVE_CLASSES.contains(onlyClass.get())) {
                throw usageError("--storage-class must be one of " + String.join(", ", ARCHIVE_CLASSES)
                        + ", was: " + storageClass.get());
            }
            RestoreSelection selection = new RestoreSelection(include, exclude, onlyClass,
                    objectLimit, option("--max-bytes", () -> maxBytes.map(ByteSizes::parse).orElse(Long.MAX_VALUE)), extend);
            // A malformed glob, before anything is listed; its message quotes the glob, and the line names its flag.
            option("--include", () -> {
                RestoreSelection.checkGlobs(include);
                return include;
            });
            option("--exclude", () -> {
                RestoreSelection.checkGlobs(exclude);
                return exclude;
            });
            RequestRate perSecond = option("--rate", () -> RequestRate.parse(rate));
            // A pause of 0 (or 1ns) would poll without pause, a negative one fail in the middle of the wait; the floor
            // is restore-poll's, the same wait in a source.
            Duration interval = option("--poll-interval", () -> SettingType.atLeast(Duration.ofMillis(100),
                    "each poll lists the selection and HEADs what it cannot tell").parse(pollInterval.orElse("30s")));
            Duration limit = option("--timeout", () -> SettingType.POSITIVE_DURATION.parse(timeout.orElse("48h")));
            if (!waitForRestores && (pollInterval.isPresent() || timeout.isPresent())) {
                // Written without --wait, they would be ignored: most likely --wait was meant.
                throw usageError((pollInterval.isPresent() ? "--poll-interval" : "--timeout")
                        + " applies to --wait only: add --wait, or leave it out");
            }
            if (fallback.isPresent() && (chosenTier != RestoreTier.EXPEDITED || fallback.get() == RestoreTier.EXPEDITED)) {
                // Only an Expedited request meets the 503 it answers, and only another tier can answer it: else the
                // option would be ignored without a word.
                throw usageError("--fallback-tier applies to --tier Expedited only, and names Standard or"
                        + " Bulk: the tier asked for again when Expedited capacity is not available");
            }
            // Read as restore-days is: past what an int holds (99999999999) the line names the bound, where picocli's
            // own said "'99999999999' is not an int".
            int restoreDays = option("--days", () -> SettingType.COUNT.parse(days));
            if (dryRun && waitForRestores) {
                throw usageError("--wait has nothing to wait for with --dry-run, which sends no restore request");
            }
            InventoryScope scope = new InventoryScope(settings.bucket(), settings.prefix());
            PrintStream out = System.out;
            try (S3Client s3 = S3Clients.create(settings.connection())) {
                InventoryRestore restore = new InventoryRestore(s3, ServerTraits.of(settings.connection().isAmazonS3()),
                        InventorySettings.options(values), Clock.systemUTC());
                Optional<RestorePlan> selected = restore.plan(scope, selection, stopped);
                if (selected.isEmpty()) {
                    // Stopped while listing: nothing was asked for, so the next run selects from a fresh listing again.
                    StopSignals.Received signal = signals.received().orElseThrow();
                    System.err.println("s3conn: restore of " + TerminalText.escaped(scope.toString()) + " stopped by "
                            + signal.name() + " while selecting objects: no restore was requested");
                    return signal.exitCode();
                }
                RestorePlan plan = selected.get();
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("bucket", scope.bucket());
                summary.put("prefix", scope.prefix());
                summary.put("selected", plan.objects().size());
                summary.put("bytes", plan.bytes());
                summary.put("by_storage_class", plan.byStorageClass());
                summary.put("tier", chosenTier.apiName());
                summary.put("skipped_restoring", plan.alreadyRestoring());
                summary.put("skipped_restored", plan.alreadyRestored());
                summary.put("skipped_over_limit", plan.overLimit());
                summary.put("readable_archive_class", plan.readableArchiveClass());
                summary.put("dry_run", dryRun);
                if (dryRun) {
                    // What the real run refuses before sending (Expedited for DEEP_ARCHIVE), so the dry run does not promise it.
                    Map<String, Long> refusals = new java.util.TreeMap<>();
                    long refusedBytes = 0;
                    for (var object : plan.objects()) {
                        Optional<String> refusal = RestoreRequester.refusedUpFront(object.storageClass(), chosenTier);
                        if (refusal.isPresent()) {
                            refusals.merge(refusal.get(), 1L, Long::sum);
                            refusedBytes += object.size();
                        }
                    }
                    long refused = refusals.values().stream().mapToLong(Long::longValue).sum();
                    summary.put("would_refuse", refused);
                    StringBuilder refusedText = new StringBuilder();
                    refusals.forEach((reason, count) -> refusedText.append(String.format(Locale.ROOT,
                            "; %,d would be refused: %s", count, reason)));
                    print(out, summary, String.format(Locale.ROOT, "would restore %s (%s) of %s with tier %s%s%s; "
                                    + "skipped: %,d being restored, %,d restored, %,d over the limits",
                            Count.of(plan.objects().size() - refused, "object"), Count.of(plan.bytes() - refusedBytes, "byte"), scope, chosenTier.apiName(),
                            servedAtOnce(plan), refusedText,
                            plan.alreadyRestoring(), plan.alreadyRestored(), plan.overLimit()));
                    return ExitCode.OK;
                }
                if (plan.objects().isEmpty()) {
                    // Also what a server whose archive classes are only labels (Ceph RGW) shows: nothing is archived there,
                    // which the line says, lest GLACIER objects listed beside "no archived objects" read as a fault.
                    summary.put("outcomes", Map.of());
                    String line = String.format(Locale.ROOT, "restore of %s: 0 objects (0 bytes): no archived objects "
                                    + "to restore%s; skipped: %,d being restored, %,d restored, %,d over the limits",
                            scope, servedAtOnce(plan), plan.alreadyRestoring(), plan.alreadyRestored(), plan.overLimit());
                    if (!waitForRestores || plan.restoring().isEmpty()) {
                        print(out, summary, line);
                        return ExitCode.OK;
                    }
                    // The same command run again after a wait cut short (timeout, Ctrl-C) finds its objects restoring:
                    // exit 0 here would say they are readable when they are not.
                    Waited waited = await(restore, scope.bucket(), plan.restoring(), interval, limit, signals);
                    summary.put("still_not_readable", waited.notReadable());
                    summary.put("gone_while_waiting", waited.gone());
                    print(out, summary, line + waitEnd(waited));
                    return waitExitCode(waited).orElse(ExitCode.OK);
                }
                boolean progress = Terminal.stderrIsTerminal();
                RestoreResult result;
                Optional<StopSignals.Received> stoppedRequests;
                // SIGTERM / Ctrl-C: no request after the one in flight; each one sent is recorded, and the next run's
                // listing selects what was not asked for. Before, the JVM just died mid-loop, silently.
                try (Database database = Database.open(settings.databaseUrl())) {
                    result = restore.request(scope, plan, chosenTier, restoreDays, fallback, perSecond, Optional.of(database), done -> {
                        if (progress) {
                            System.err.printf("\rrestore requests: %,d of %,d ", done, plan.objects().size());
                        }
                    }, stopped);
                    boolean cutShort = result.handled() < plan.objects().size();
                    stoppedRequests = signals.received().filter(signal -> cutShort);
                } catch (RestoresNotImplementedException e) {
                    if (progress) {
                        System.err.println();
                    }
                    System.err.println("s3conn: " + TerminalText.escaped(String.valueOf(e.getMessage())));
                    return ExitCode.RESTORES_NOT_IMPLEMENTED;
                } catch (RuntimeException e) {
                    // A request the server kept failing (exit 10, say): its one line starts a line of its own.
                    if (progress) {
                        System.err.println();
                    }
                    throw e;
                }
                if (progress) {
                    System.err.println();
                }
                result.failures().forEach(failure -> System.err.println("s3conn: not restored: " + TerminalText.escaped(failure.toString())));
                summary.put("outcomes", result.byOutcome());
                // Started with the fallback tier: said so, or they would pass for Expedited restores in the summary.
                fallback.ifPresent(tierUsed -> summary.put("fell_back", result.fellBack()));
                String fellBack = result.fellBack() == 0 ? "" : String.format(Locale.ROOT, " (%,d with fallback tier %s: "
                        + "Expedited capacity was not available)", result.fellBack(), fallback.map(RestoreTier::apiName).orElse("?"));
                if (stoppedRequests.isPresent()) {
                    summary.put("stopped_after", result.handled());
                    print(out, summary, String.format(Locale.ROOT, "restore of %s: %s (%s), tier %s: %s%s; "
                                    + "stopped by %s after %,d of %s: the next run asks for the rest",
                            scope, Count.of(plan.objects().size(), "object"), Count.of(plan.bytes(), "byte"), chosenTier.apiName(),
                            result.byOutcome(), fellBack, stoppedRequests.get().name(), result.handled(),
                            Count.of(plan.objects().size(), "request")));
                    return stoppedRequests.get().exitCode();
                }
                Waited waited = new Waited(0, 0, Optional.empty());
                // Objects a run before asked for are waited for too: they are as selected as those asked for now.
                List<String> awaited = new ArrayList<>(result.requested());
                awaited.addAll(plan.restoring());
                if (waitForRestores && !awaited.isEmpty()) {
                    waited = await(restore, scope.bucket(), awaited, interval, limit, signals);
                    summary.put("still_not_readable", waited.notReadable());
                    summary.put("gone_while_waiting", waited.gone());
                }
                print(out, summary, String.format(Locale.ROOT, "restore of %s: %s (%s), tier %s: %s%s%s",
                        scope, Count.of(plan.objects().size(), "object"), Count.of(plan.bytes(), "byte"), chosenTier.apiName(), result.byOutcome(), fellBack,
                        waitForRestores ? waitEnd(waited) : ""));
                return waitExitCode(waited).orElse(result.failures().isEmpty() ? ExitCode.OK : ExitCode.FAILURE);
            }
        });
    }

    /**
     * The end of the summary line after a {@code --wait}. A wait that ends with objects not readable, and no signal,
     * reached {@code --timeout}: said so, as a signal is, for the line of an exit 7 used to give no reason.
     */
    private String waitEnd(Waited waited) {
        String timedOut = waited.notReadable() == 0 ? "; " : "; --timeout " + timeout.orElse("48h") + " reached: ";
        return waited.stoppedBy().map(signal -> "; stopped waiting (" + signal.name() + "): ").orElse(timedOut)
                + (waited.notReadable() == 0 ? "all readable" : waited.notReadable() + " not readable yet")
                + (waited.gone() == 0 ? "" : String.format(Locale.ROOT, " (%,d deleted while waited for)", waited.gone()));
    }

    /** The exit code a wait decides: a signal's, or {@link ExitCode#TIMEOUT} while objects are not readable. */
    private static Optional<ExitCode> waitExitCode(Waited waited) {
        if (waited.stoppedBy().isPresent()) {
            return Optional.of(waited.stoppedBy().get().exitCode());
        }
        return waited.notReadable() > 0 ? Optional.of(ExitCode.TIMEOUT) : Optional.empty();
    }

    /**
     * How a {@code --wait} ended.
     *
     * @param notReadable objects not readable yet
     * @param gone        objects deleted while waited for: never readable, so no longer waited for
     * @param stoppedBy   the signal that ended the wait, if one did
     */
    private record Waited(int notReadable, int gone, Optional<StopSignals.Received> stoppedBy) {
    }

    /** Polls until {@code keys} are readable, {@code limit} is reached, or SIGTERM / Ctrl-C ends the wait. */
    private static Waited await(InventoryRestore restore, String bucket, List<String> keys, Duration interval, Duration limit,
                                StopSignals signals) throws InterruptedException {
        int[] notReadable = {keys.size()};
        int[] gone = {0};
        Thread waiting = Thread.currentThread();
        // The restores are requested and recorded by now: a stop only ends the polling, and says how far it got.
        signals.stopWith(waiting::interrupt);
        try {
            try {
                notReadable[0] = restore.waitUntilReadable(bucket, keys, interval, limit, remaining -> {
                    notReadable[0] = remaining;
                    // After the last poll, the summary says "all readable": "waiting for 0 of 1 restore" would not.
                    if (remaining > 0) {
                        System.err.printf(Locale.ROOT, "s3conn: waiting for %,d of %s%n", remaining,
                                Count.of(keys.size(), "restore"));
                    }
                }, key -> gone[0]++).size();
                return new Waited(notReadable[0], gone[0], Optional.empty());
            } catch (InterruptedException | RuntimeException e) {
                // Interrupted while pausing, or while its HEAD requests were awaited.
                if (signals.received().isEmpty()) {
                    throw e;
                }
                return new Waited(notReadable[0], gone[0], signals.received());
            }
        } finally {
            signals.stopWith(() -> { }); // a signal after the wait leaves the summary's thread alone
            Thread.interrupted(); // a signal that came as the wait ended must not fail what follows
        }
    }

    private void print(PrintStream out, Map<String, Object> summary, String line) {
        out.println(json.on() ? Json.write(summary) : TerminalText.escaped(line));
        out.flush();
    }

    /** The value of an option of this command, a value error naming the option as a setting's does. */
    private <T> T option(String flag, java.util.function.Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            throw usageError(flag + " " + e.getMessage());
        }
    }

    /**
     * A usage error of this command's own options, ending as a setting flag's does, with the pointer to the help
     * ({@code (see `s3conn inventory restore --help`)}); before, these lines alone had none.
     */
    private ConfigurationException usageError(String message) {
        return new ConfigurationException(message + FlagSettings.hint(spec.qualifiedName()));
    }

    /**
     * Why a server whose archive classes are only labels (Ceph RGW) has nothing to restore, for the lines of the run and
     * of the dry run: lest GLACIER objects listed beside "no archived objects" read as a fault. Empty elsewhere.
     */
    private static String servedAtOnce(RestorePlan plan) {
        return plan.readableArchiveClass() == 0 ? "" : String.format(Locale.ROOT,
                " (this server serves its GLACIER and DEEP_ARCHIVE objects at once, %s here: it archives nothing and has no "
                        + "restores)", Count.of(plan.readableArchiveClass(), "object"));
    }
}
