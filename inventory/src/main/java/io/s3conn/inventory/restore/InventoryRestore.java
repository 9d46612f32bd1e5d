package io.s3conn.inventory.restore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.model.ObjectSummary;
import io.s3conn.core.model.RestoreStatus;
import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.InventorySyncOptions;
import io.s3conn.inventory.objects.InventoryTable;
import io.s3conn.glacier.ArchiveClassifier;
import io.s3conn.glacier.HeadRestoreStatusLookup;
import io.s3conn.glacier.RestoreOutcome;
import io.s3conn.glacier.RestoreRequester;
import io.s3conn.glacier.RestoreTier;
import io.s3conn.glacier.ArchiveEnforcementProbe;
import io.s3conn.glacier.RestoreStatusRule;
import io.s3conn.glacier.ServerTraits;
import io.s3conn.glacier.RestoresDeniedException;
import io.s3conn.glacier.RestoresNotImplementedException;
import io.s3conn.glacier.RequestPacer;
import io.s3conn.glacier.RequestRate;
import io.s3conn.source.range.KeyRange;
import io.s3conn.source.range.OrderedParallelWalk;
import io.s3conn.source.range.RangePlanner;
import io.s3conn.source.range.WalkerSettings;
import io.s3conn.source.walk.CurrentObjectsWalk;
import io.s3conn.source.walk.ListedObject;
import io.s3conn.source.walk.Walk;
import io.s3conn.source.walk.WalkPage;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Restores on demand: selects archived objects from what S3 says now (a listing, restore statuses as
 * the inventory finds them), requests their restores at a paced rate, records each request in
 * {@code s3_objects} and can wait until the copies are readable.
 */
public final class InventoryRestore {

    private static final Duration MAX_PAUSE = Duration.ofMinutes(15);
    /** Requests refused {@code AccessDenied} in a row, from a run's first, after which it stops. */
    private static final int DENIALS_BEFORE_STOPPING = 10;
    private static final String ACCESS_DENIED = "AccessDenied";

    private final S3Client s3;
    private final ServerTraits server;
    private final InventorySyncOptions listing;
    private final Clock clock;

    /**
     * Restores of a bucket's archived objects: {@link #plan}, {@link #request}, {@link #waitUntilReadable}.
     *
     * @param s3      a client for the bucket's service, owned by the caller
     * @param server  what is known of that service (whether it is Amazon S3)
     * @param listing listing and lookup options
     * @param clock   the time recorded with restore requests
     */
    public InventoryRestore(S3Client s3, ServerTraits server, InventorySyncOptions listing, Clock clock) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.server = Objects.requireNonNull(server, "server");
        this.listing = Objects.requireNonNull(listing, "listing");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Lists the scope ({@link InventorySyncOptions#listConcurrency()} key ranges at once) and picks the
     * objects to restore in key order, as a sequential listing would; sends no restore request. The pages come
     * in key order ({@link OrderedParallelWalk}), so objects are chosen as they arrive: with a limit, what is
     * held is what was chosen and a bounded number of pages, however many archived objects the scope holds.
     */
    public RestorePlan plan(InventoryScope scope, RestoreSelection selection) {
        return plan(scope, selection, () -> false).orElseThrow();
    }

    /**
     * The same, ending early once {@code stop} says so (SIGTERM, Ctrl-C): after the page in hand, so that a stop does
     * not wait for the listing of a whole bucket.
     *
     * @return the plan; empty when stopped before the listing was done
     */
    public Optional<RestorePlan> plan(InventoryScope scope, RestoreSelection selection, BooleanSupplier stop) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(stop, "stop");
        Predicate<ObjectSummary> filter = selection.filter();
        List<ObjectSummary> chosen = new ArrayList<>();
        Map<String, Long> byClass = new HashMap<>();
        long bytes = 0;
        List<String> restoring = new ArrayList<>();
        long restored = 0;
        long overLimit = 0;
        long readableArchiveClass = 0;
        try (HeadRestoreStatusLookup head = new HeadRestoreStatusLookup(s3, listing.headConcurrency())) {
            RestoreStatusRule rule = new RestoreStatusRule(listing.restoreStatusSource(), server,
                    listing.headIntelligentTiering(), head, new ArchiveEnforcementProbe(s3));
            Walk<ListedObject> walk = OrderedParallelWalk.of(
                    new CurrentObjectsWalk(s3, scope.bucket(), scope.prefix(), listing.pageSize(), rule.requestFromListing()),
                    ListedObject::key, scope.prefix(), RangePlanner.of(s3, scope.bucket(), scope.prefix(), listing.pageSize()),
                    WalkerSettings.of(listing.listConcurrency(), s3));
            Iterator<WalkPage<ListedObject>> pages = walk.pages(KeyRange.ALL);
            try {
                while (!stop.getAsBoolean() && pages.hasNext()) {
                    PageSelection page = select(scope, pages.next(), filter, selection, rule);
                    restoring.addAll(page.restoring());
                    restored += page.restored();
                    readableArchiveClass += page.readableArchiveClass();
                    for (ObjectSummary object : page.candidates()) {
                        if (chosen.size() >= selection.maxObjects() || bytes + object.size() > selection.maxBytes()) {
                            overLimit++;
                            continue;
                        }
                        chosen.add(object);
                        bytes += object.size();
                        byClass.merge(object.storageClass(), 1L, Long::sum);
                    }
                }
            } finally {
                OrderedParallelWalk.close(pages); // its listers, when a page failed (or a stop came) before the last
            }
        }
        if (stop.getAsBoolean()) {
            return Optional.empty();
        }
        return Optional.of(new RestorePlan(chosen, bytes, byClass, restoring, restored, overLimit,
                readableArchiveClass));
    }

    /**
     * What one page holds for a restore: the candidates in key order, the objects already on their way back, and the
     * archive-class objects the server serves at once.
     */
    private record PageSelection(List<ObjectSummary> candidates, List<String> restoring, long restored,
                                 long readableArchiveClass) {
    }

    private PageSelection select(InventoryScope scope, WalkPage<ListedObject> page, Predicate<ObjectSummary> filter,
                                 RestoreSelection selection, RestoreStatusRule rule) {
        List<ListedObject> matching = page.entries().stream().filter(o -> filter.test(o.summary())).toList();
        if (matching.isEmpty()) {
            return new PageSelection(List.of(), List.of(), 0, 0);
        }
        List<RestoreStatus> statuses = rule.resolve(scope.bucket(), page.restoreStatusRequested(), matching.stream()
                .map(o -> RestoreStatusRule.Entry.object(o.key(), o.summary().storageClass(), o.restoreStatus()))
                .toList());
        List<ObjectSummary> candidates = new ArrayList<>();
        List<String> restoring = new ArrayList<>();
        long restored = 0;
        long readableArchiveClass = 0;
        for (int i = 0; i < matching.size(); i++) {
            ObjectSummary object = matching.get(i).summary();
            RestoreStatus status = statuses.get(i);
            // Only GLACIER and DEEP_ARCHIVE restores make a temporary copy whose expiry a new request extends. A restored
            // Intelligent-Tiering object is back in a frequent tier for good: S3 refuses a restore of it
            // (403 InvalidObjectState), so --extend leaves it out, as restored.
            boolean extendable = selection.extend() && ArchiveClassifier.isArchiveClass(object.storageClass());
            if (status instanceof RestoreStatus.Restoring) {
                restoring.add(object.key());
            } else if (status instanceof RestoreStatus.Restored && !extendable) {
                restored++;
            } else if (status instanceof RestoreStatus.Readable && ArchiveClassifier.isArchiveClass(object.storageClass())) {
                readableArchiveClass++;
            }
            if (status instanceof RestoreStatus.Archived || (extendable && status instanceof RestoreStatus.Restored)) {
                candidates.add(object);
            }
        }
        return new PageSelection(candidates, restoring, restored, readableArchiveClass);
    }

    /**
     * Requests the plan's restores, at most {@code rate} a second, and records each accepted
     * request (time, tier) in the inventory rows of the bucket, if {@code database} holds any.
     *
     * @throws RestoresNotImplementedException at the first {@code 501 NotImplemented}: the server has no
     *         restores, so the other objects are not asked (one failing request, not one per object)
     * @throws RestoresDeniedException when the first {@value #DENIALS_BEFORE_STOPPING} requests were all refused
     *         {@code 403 AccessDenied}: the credentials lack the permission, and the others would be refused too; or
     *         when a smaller selection was refused whole
     * @throws software.amazon.awssdk.core.exception.SdkException when a request still failed for a reason of the
     *         server's (throttled, 5xx, unreachable) after the client's retries: the next object would meet it too;
     *         the requests sent before are recorded
     */
    public RestoreResult request(InventoryScope scope, RestorePlan plan, RestoreTier tier, int days,
                                 Optional<RestoreTier> fallback, RequestRate rate, Optional<Database> database,
                                 Consumer<Long> progress) throws InterruptedException {
        return request(scope, plan, tier, days, fallback, rate, database, progress, () -> false);
    }

    /**
     * The same, ending early once {@code stop} says so (SIGTERM, Ctrl-C): before the next request, so that every
     * request sent is recorded; {@link RestoreResult#handled()} then says how far it got. The objects not asked for
     * are still archived, and the next run's listing selects them again.
     */
    public RestoreResult request(InventoryScope scope, RestorePlan plan, RestoreTier tier, int days,
                                 Optional<RestoreTier> fallback, RequestRate rate, Optional<Database> database,
                                 Consumer<Long> progress, BooleanSupplier stop) throws InterruptedException {
        RestoreRequester requester = new RestoreRequester(s3);
        Map<String, Long> outcomes = new HashMap<>();
        List<String> failures = new ArrayList<>();
        List<String> accepted = new ArrayList<>();
        RequestPacer pacer = new RequestPacer(rate);
        Optional<Rows> rows = database.map(db -> Rows.of(db, scope.bucket(), clock));
        long done = 0;
        long fellBack = 0;
        boolean onlyDenied = true;
        for (ObjectSummary object : plan.objects()) {
            if (stop.getAsBoolean()) {
                break;
            }
            pacer.await();
            if (stop.getAsBoolean()) {
                break; // asked while pacing: at a slow --rate, that pause may be long
            }
            RestoreOutcome outcome = requester.request(scope.bucket(), object.key(), object.storageClass(), tier, days, fallback);
            outcomes.merge(outcome.label(), 1L, Long::sum);
            switch (outcome) {
                case RestoreOutcome.Started started -> {
                    accepted.add(object.key());
                    fellBack += started.tier() == tier ? 0 : 1;
                    rows.ifPresent(r -> r.record(object.key(), started.tier(), true));
                }
                case RestoreOutcome.Extended extended -> {
                    accepted.add(object.key());
                    fellBack += extended.tier() == tier ? 0 : 1;
                    rows.ifPresent(r -> r.record(object.key(), extended.tier(), false));
                }
                case RestoreOutcome.InProgress ignored -> accepted.add(object.key());
                // Deleted since the listing: nothing to restore, nothing to wait for; the next sync marks its row deleted.
                case RestoreOutcome.Gone ignored -> { }
                case RestoreOutcome.Refused refused -> failures.add(object.key() + ": " + refused.reason());
                case RestoreOutcome.Failed failed -> failures.add(object.key() + ": " + failed.code());
                case RestoreOutcome.NotImplemented ignored -> throw new RestoresNotImplementedException(scope.bucket());
            }
            // Only while nothing else was answered: a permission denied for some prefixes of the selection only is
            // the objects' failure, each named, as any other refusal.
            onlyDenied &= outcome instanceof RestoreOutcome.Failed failed && ACCESS_DENIED.equals(failed.code());
            if (onlyDenied && done + 1 == DENIALS_BEFORE_STOPPING) {
                throw new RestoresDeniedException(scope.bucket(), scope.prefix(), DENIALS_BEFORE_STOPPING);
            }
            progress.accept(++done);
        }
        if (onlyDenied && done > 0 && done == plan.objects().size()) {
            // Fewer objects than it takes to stop early, all refused alike: the same permission missing, the same
            // exit code, not one line per object and the exit code of objects at fault.
            throw RestoresDeniedException.ofWholeSelection(scope.bucket(), scope.prefix(), done);
        }
        return new RestoreResult(outcomes, failures, accepted, fellBack);
    }

    /**
     * The inventory rows of one bucket that restore requests are recorded in: a key's row in every scope holding it,
     * the scopes' prefixes read once.
     */
    private record Rows(InventoryTable table, String bucket, List<String> scopePrefixes, Clock clock) {

        static Rows of(Database database, String bucket, Clock clock) {
            InventoryTable table = new InventoryTable(database);
            return new Rows(table, bucket, table.scopePrefixes(bucket), clock);
        }

        void record(String key, RestoreTier tier, boolean started) {
            List<String> holding = scopePrefixes.stream().filter(key::startsWith).toList();
            if (!holding.isEmpty()) {
                table.recordRestoreRequest(bucket, holding, key, tier.apiName(), started, clock.instant());
            }
        }
    }

    /**
     * Polls with HeadObject until every key is readable, waiting {@code interval} between rounds and
     * growing it by half each round up to 15 minutes; returns the keys still not readable when
     * {@code timeout} ran out (empty when all are readable).
     */
    public List<String> waitUntilReadable(String bucket, List<String> keys, Duration interval, Duration timeout,
                                          Consumer<Integer> remaining) throws InterruptedException {
        return waitUntilReadable(bucket, keys, interval, timeout, remaining, key -> { });
    }

    /**
     * The same, handing {@code gone} each key whose HEAD answered 404 (deleted while waited for): it leaves the wait,
     * which would otherwise last until {@code timeout} for an object that can never be readable again.
     */
    public List<String> waitUntilReadable(String bucket, List<String> keys, Duration interval, Duration timeout,
                                          Consumer<Integer> remaining, Consumer<String> gone) throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        List<String> pending = new ArrayList<>(keys);
        Duration pause = interval;
        try (HeadRestoreStatusLookup head = new HeadRestoreStatusLookup(s3, listing.headConcurrency())) {
            while (true) {
                List<RestoreStatus> statuses = head.lookup(bucket, pending);
                List<String> still = new ArrayList<>();
                for (int i = 0; i < pending.size(); i++) {
                    RestoreStatus status = statuses.get(i);
                    if (status instanceof RestoreStatus.Failed failed && failed.code().equals("NoSuchKey")) {
                        gone.accept(pending.get(i));
                    } else if (!status.readable()) {
                        still.add(pending.get(i));
                    }
                }
                pending = still;
                remaining.accept(pending.size());
                if (pending.isEmpty()) {
                    return List.of();
                }
                Duration left = Duration.between(clock.instant(), deadline);
                if (left.isNegative() || left.isZero()) {
                    return pending;
                }
                Thread.sleep(Math.max(1, (left.compareTo(pause) < 0 ? left : pause).toMillis()));
                Duration longer = pause.multipliedBy(3).dividedBy(2);
                pause = longer.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : longer;
            }
        }
    }
}
