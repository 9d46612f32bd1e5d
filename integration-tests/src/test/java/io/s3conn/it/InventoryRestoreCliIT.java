package io.s3conn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.objects.InventoryRow;
import io.s3conn.testbed.ArchiveEmulator;
import io.s3conn.testbed.FaultKind;
import io.s3conn.testbed.RestoreRequestRecord;
import io.s3conn.testbed.S3Operation;
import io.s3conn.testbed.TestBed;

/** {@code s3conn inventory restore} against the archive emulator. */
class InventoryRestoreCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestBed bed = Fixtures.testBed();
    private final ArchiveEmulator emulator = bed.emulator();
    private final String database = Fixtures.newSqliteUrl();
    private final Cli cli = Cli.withTestBedCredentials();

    @AfterEach
    void restoreEmulatorDefaults() {
        emulator.setExpeditedUnavailable(false);
        emulator.setRestoreDelay(Duration.ZERO);
        emulator.setRestoresNotImplemented(false);
        emulator.clearFaults();
    }

    /** As Ceph RGW answers RestoreObject: before, one failing request and one line per archived object. */
    @Test
    void aServerWithoutRestoresStopsAtTheFirstRequestWithExitCodeNineInOneLine() {
        String bucket = archiveMix("restore-501");
        emulator.setRestoresNotImplemented(true);

        Cli.Result result = restore(bucket);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(9);
        assertThat(result.stderr().strip()).as(result.toString()).isEqualTo("s3conn: the server of bucket " + bucket
                + " does not implement restores (RestoreObject answered 501 NotImplemented)");
        assertThat(result.stdout() + result.stderr()).doesNotContain(bed.secretAccessKey());
        assertThat(requestsFor(bucket)).as("stops at the first answer").hasSize(1);
    }

    /**
     * RestoreObject still throttled after the client's retries is the server's state, not the object's. Before, each
     * object was counted as refused ({@code not restored: KEY: SlowDown}, one line and one more futile request each)
     * and the run exited 1 as if the objects were at fault.
     */
    @Test
    void restoreRequestsKeptThrottledStopTheRunWithExitCodeTenInOneLine() {
        String bucket = Fixtures.newBucket("restore-throttled");
        for (String key : List.of("cold-a", "cold-b", "cold-c")) {
            bed.put(bucket, key, "c", "GLACIER");
        }
        emulator.setFaults(1.0, java.util.EnumSet.of(FaultKind.SLOW_DOWN), java.util.EnumSet.of(S3Operation.RESTORE_OBJECT));

        Cli.Result result = restore(bucket, "--max-attempts", "2");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(10);
        assertThat(result.stderr()).as(result.toString()).isEqualTo("s3conn: S3 request to bucket " + bucket + " failed at " + bed.endpoint()
                + ": SlowDown (HTTP 503) after retries\n");
    }

    /**
     * Credentials without s3:RestoreObject: every request is refused alike. Before, the run sent one request and
     * printed one line per selected object (hours of them at a slow --rate), then exited 1.
     */
    @Test
    void restoreRequestsAllDeniedFromTheStartStopTheRunAfterTenWithExitCodeThreeInOneLine() {
        String bucket = Fixtures.newBucket("restore-denied");
        long deniedBefore = archivedObjectsWhoseRestoresAreDenied(bucket, 15);

        Cli.Result result = restore(bucket);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.stderr()).as(result.toString()).isEqualTo("s3conn: RestoreObject was refused (AccessDenied) for "
                + "each of the first 10 objects of s3://" + bucket + "/ and none was accepted: the credentials may lack "
                + "s3:RestoreObject there; nothing more was asked (if only some prefixes are denied, narrow the selection "
                + "with --prefix)\n");
        assertThat(emulator.stats().faults(FaultKind.ACCESS_DENIED) - deniedBefore).as("requests refused").isEqualTo(10);
    }

    /** Before, one line per object ({@code not restored: KEY: AccessDenied}) and exit 1, as if the objects were at fault. */
    @Test
    void aSelectionSmallerThanTenDeniedWholeEndsWithExitCodeThreeInOneLine() {
        String bucket = Fixtures.newBucket("restore-few-denied");
        long deniedBefore = archivedObjectsWhoseRestoresAreDenied(bucket, 3);

        Cli.Result result = restore(bucket);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.stderr()).as(result.toString()).isEqualTo("s3conn: RestoreObject was refused (AccessDenied) for "
                + "each of the 3 objects selected in s3://" + bucket + "/ and none was accepted: the credentials may lack "
                + "s3:RestoreObject there (if only some prefixes are denied, narrow the selection with --prefix)\n");
        assertThat(emulator.stats().faults(FaultKind.ACCESS_DENIED) - deniedBefore).as("requests refused").isEqualTo(3);
    }

    /**
     * {@code count} GLACIER objects in {@code bucket}, and every RestoreObject refused {@code 403 AccessDenied}, as for
     * credentials without {@code s3:RestoreObject}; the emulator's count of such refusals so far.
     */
    private long archivedObjectsWhoseRestoresAreDenied(String bucket, int count) {
        for (int i = 0; i < count; i++) {
            bed.put(bucket, String.format("cold-%02d", i), "c", "GLACIER");
        }
        emulator.setFaults(1.0, java.util.EnumSet.of(FaultKind.ACCESS_DENIED), java.util.EnumSet.of(S3Operation.RESTORE_OBJECT));
        return emulator.stats().faults(FaultKind.ACCESS_DENIED);
    }

    /**
     * A denial after an accepted request is that object's (a prefix it may not restore): named, and the run goes on.
     * The seed makes the emulator accept the run's first RestoreObject and refuse the twelve after it.
     */
    @Test
    void restoreRequestsDeniedAfterOneWasAcceptedAreEachNamedAndTheRunGoesOn() {
        String bucket = Fixtures.newBucket("restore-some-denied");
        bed.put(bucket, "a-allowed", "c", "GLACIER");
        for (int i = 0; i < 12; i++) {
            bed.put(bucket, String.format("b-denied-%02d", i), "c", "GLACIER");
        }
        emulator.setFaults(0.95, java.util.EnumSet.of(FaultKind.ACCESS_DENIED), Duration.ofMillis(500), 102_948L,
                java.util.EnumSet.of(S3Operation.RESTORE_OBJECT));

        Cli.Result result = restore(bucket);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(requestsFor(bucket)).as("accepted").containsOnlyKeys("a-allowed");
        assertThat(result.stderr().lines().filter(line -> line.startsWith("s3conn: not restored: b-denied-")))
                .as(result.toString()).hasSize(12);
    }

    /** The next run after a throttled one asks for every object again, as none was recorded as requested. */
    @Test
    void theRunAfterAThrottledOneRestoresWhatTheThrottledOneCouldNot() {
        String bucket = Fixtures.newBucket("restore-throttled-rerun");
        for (String key : List.of("cold-a", "cold-b")) {
            bed.put(bucket, key, "c", "GLACIER");
        }
        emulator.setFaults(1.0, java.util.EnumSet.of(FaultKind.SLOW_DOWN), java.util.EnumSet.of(S3Operation.RESTORE_OBJECT));
        restore(bucket, "--max-attempts", "2");
        emulator.clearFaults();

        Cli.Result result = restore(bucket);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).isEqualTo("restore of s3://" + bucket + "/: 2 objects (2 bytes), tier Standard: {started=2}\n");
        assertThat(requestsFor(bucket)).containsOnlyKeys("cold-a", "cold-b");
    }

    /**
     * An object deleted between the listing and its request (a long run at a slow --rate) has nothing to restore. Before,
     * its 404 NoSuchKey was a failure: {@code not restored: KEY: NoSuchKey} and exit 1.
     */
    @Test
    void anObjectDeletedAfterTheListingCountsAsGoneNotAsAFailure() throws Exception {
        String bucket = Fixtures.newBucket("restore-gone");
        for (String key : List.of("cold-a", "cold-b", "cold-c")) {
            bed.put(bucket, key, "c", "GLACIER");
        }
        Process restore = cli.start("inventory", "restore", "--bucket", bucket, "--rate", "1/s",
                "--endpoint-url", bed.endpoint().toString(), "--database", database);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!requestsFor(bucket).containsKey("cold-a") && System.nanoTime() < deadline && restore.isAlive()) {
            Thread.sleep(20);
        }
        bed.client().deleteObject(b -> b.bucket(bucket).key("cold-c"));

        assertThat(restore.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(requestsFor(bucket).get("cold-c").status()).as("asked after the delete").isEqualTo(404);
        assertThat(restore.exitValue()).as(Cli.read(restore, "stderr")).isZero();
        assertThat(Cli.read(restore, "stderr")).isEmpty();
        assertThat(Cli.read(restore, "stdout")).isEqualTo("restore of s3://" + bucket
                + "/: 3 objects (3 bytes), tier Standard: {gone=1, started=2}\n");
    }

    @Test
    void glacierAndDeepArchiveGetDaysAndIntelligentTieringDoesNot() throws IOException {
        String bucket = archiveMix("restore-mix");

        Cli.Result result = restore(bucket, "--tier", "Bulk", "--days", "3", "--json");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Map<String, RestoreRequestRecord> requests = requestsFor(bucket);
        assertThat(requests).containsOnlyKeys("glacier-archived", "deep-archived", "it-archive-access");
        assertThat(requests.get("glacier-archived").days()).isEqualTo(3);
        assertThat(requests.get("deep-archived").days()).isEqualTo(3);
        assertThat(requests.get("it-archive-access").days()).isNull();
        assertThat(requests.values()).allMatch(r -> "Bulk".equals(r.tier()));
        JsonNode summary = JSON.readTree(result.stdout());
        assertThat(summary.get("skipped_restoring").asLong()).isEqualTo(1);
        assertThat(summary.get("skipped_restored").asLong()).isEqualTo(1);
    }

    /** Before, --extend asked again for Intelligent-Tiering objects back in a frequent tier: 403 InvalidObjectState, exit 1. */
    @Test
    void extendLeavesOutIntelligentTieringObjectsRestoredForGood() {
        String bucket = archiveMix("restore-extend-it");
        bed.put(bucket, "it-restored", "s", "INTELLIGENT_TIERING");
        emulator.markRestored(bucket, "it-restored", null);

        Cli.Result result = restore(bucket, "--extend", "--storage-class", "INTELLIGENT_TIERING");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(requestsFor(bucket)).containsOnlyKeys("it-archive-access");
    }

    @Test
    void extendAlsoRequestsRestoredObjects() {
        String bucket = archiveMix("restore-extend");

        restore(bucket, "--extend", "--storage-class", "GLACIER");

        assertThat(requestsFor(bucket)).containsOnlyKeys("glacier-archived", "glacier-restored");
    }

    @Test
    void expeditedIsRefusedUpFrontForDeepArchive() {
        String bucket = archiveMix("restore-expedited");

        Cli.Result result = restore(bucket, "--tier", "Expedited");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("deep-archived: Expedited retrieval is not available for DEEP_ARCHIVE");
        assertThat(requestsFor(bucket)).doesNotContainKey("deep-archived").containsKey("glacier-archived");
    }

    @Test
    void unavailableExpeditedCapacityFallsBackToTheGivenTier() {
        String bucket = archiveMix("restore-fallback");
        emulator.setExpeditedUnavailable(true);

        Cli.Result result = restore(bucket, "--storage-class", "GLACIER", "--tier", "Expedited", "--fallback-tier", "Standard",
                "--max-attempts", "1");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(emulator.restoreRequests().stream().filter(r -> r.bucket().equals(bucket)).map(RestoreRequestRecord::tier))
                .containsExactly("Expedited", "Standard");
    }

    /**
     * 503 GlacierExpeditedRetrievalNotAvailable is the tier's answer, not a server fault to retry. Before, the SDK
     * sent each object's Expedited request ten times (about ten seconds an object, outside --rate) before the fallback.
     */
    @Test
    void unavailableExpeditedCapacityIsAskedOncePerObjectBeforeTheFallback() {
        String bucket = archiveMix("restore-fallback-once");
        emulator.setExpeditedUnavailable(true);

        Cli.Result result = restore(bucket, "--storage-class", "GLACIER", "--tier", "Expedited", "--fallback-tier", "Standard");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(emulator.restoreRequests().stream().filter(r -> r.bucket().equals(bucket))
                .map(r -> r.tier() + " " + r.status())).containsExactly("Expedited 503", "Standard 202");
    }

    /** Before, a fallback tier with --tier Standard (or Expedited as its own fallback) was accepted and never used. */
    @Test
    void aFallbackTierWithoutTierExpeditedIsAUsageErrorAndSendsNothing() {
        String bucket = archiveMix("restore-fallback-unused");

        Cli.Result result = restore(bucket, "--tier", "Standard", "--fallback-tier", "Bulk");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("s3conn: --fallback-tier applies to --tier Expedited only, and names Standard"
                + " or Bulk: the tier asked for again when Expedited capacity is not available (see `s3conn inventory restore --help`)\n");
        assertThat(emulator.restoreRequests().stream().filter(r -> r.bucket().equals(bucket))).isEmpty();
    }

    /** Without a fallback tier, the object is reported after one request, not ten. */
    @Test
    void unavailableExpeditedCapacityWithoutAFallbackTierReportsTheObjectAfterOneRequest() {
        String bucket = archiveMix("restore-expedited-once");
        emulator.setExpeditedUnavailable(true);

        Cli.Result result = restore(bucket, "--storage-class", "GLACIER", "--tier", "Expedited");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("s3conn: not restored: glacier-archived: GlacierExpeditedRetrievalNotAvailable\n");
        assertThat(emulator.restoreRequests().stream().filter(r -> r.bucket().equals(bucket))).hasSize(1);
    }

    /** Before, the summary said "tier Expedited: {started=1}" for a restore S3 accepted only with the fallback tier. */
    @Test
    void restoresStartedWithTheFallbackTierAreCountedAsSuchInTheSummary() {
        String bucket = archiveMix("restore-fallback-summary");
        emulator.setExpeditedUnavailable(true);

        Cli.Result result = restore(bucket, "--storage-class", "GLACIER", "--tier", "Expedited", "--fallback-tier", "Standard",
                "--max-attempts", "1");

        assertThat(result.stdout()).as(result.toString())
                .contains("{started=1} (1 with fallback tier Standard: Expedited capacity was not available)");
    }

    @Test
    void aDryRunSendsNothing() {
        String bucket = archiveMix("restore-dry");

        Cli.Result result = restore(bucket, "--dry-run");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("would restore 3 objects");
        assertThat(requestsFor(bucket)).isEmpty();
    }

    /**
     * Folders listed as ranges at once, pages of two keys: the limit still takes the first archived objects in key
     * order, as one sequential listing would (since the plan takes pages in key order, it holds only those it chose).
     */
    @Test
    void maxObjectsTakesTheFirstArchivedObjectsInKeyOrderWhileRangesAreListedAtOnce() {
        String bucket = Fixtures.newBucket("restore-max-objects");
        List<String> archived = new java.util.ArrayList<>();
        for (String folder : List.of("d", "a", "c", "b")) {
            for (int i = 0; i < 5; i++) {
                bed.put(bucket, folder + "/readable-" + i, "s", null);
                String key = folder + "/archived-" + i;
                bed.put(bucket, key, "s", "GLACIER");
                archived.add(key);
            }
        }
        List<String> firstSeven = archived.stream().sorted().limit(7).toList();

        Cli.Result result = restore(bucket, "--max-objects", "7", "--list-concurrency", "8", "--page-size", "2");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(requestsFor(bucket).keySet()).containsExactlyInAnyOrderElementsOf(firstSeven);
    }

    /** An object over what is left of the budget is passed over; a later, smaller one that fits is taken. */
    @Test
    void maxBytesPassesOverAnObjectThatDoesNotFitAndTakesLaterOnesThatDo() {
        String bucket = Fixtures.newBucket("restore-max-bytes");
        bed.put(bucket, "a/first", "x".repeat(40), "GLACIER");
        bed.put(bucket, "b/too-large", "x".repeat(70), "GLACIER");
        bed.put(bucket, "c/fits", "x".repeat(50), "GLACIER");
        bed.put(bucket, "d/over", "x".repeat(20), "GLACIER");

        Cli.Result result = restore(bucket, "--max-bytes", "100", "--list-concurrency", "8", "--page-size", "1");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(requestsFor(bucket).keySet()).containsExactlyInAnyOrder("a/first", "c/fits");
    }

    /** Before, a dry run promised to restore DEEP_ARCHIVE objects with Expedited, which the real run refuses up front. */
    @Test
    void aDryRunWithExpeditedCountsDeepArchiveObjectsAsRefused() throws IOException {
        String bucket = archiveMix("restore-dry-expedited");

        Cli.Result text = restore(bucket, "--tier", "Expedited", "--dry-run");
        Cli.Result json = restore(bucket, "--tier", "Expedited", "--dry-run", "--json");

        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.stdout()).startsWith("would restore 2 objects (2 bytes) of s3://" + bucket + "/ with tier Expedited; "
                + "1 would be refused: Expedited retrieval is not available for DEEP_ARCHIVE; ");
        assertThat(JSON.readTree(json.stdout()).get("would_refuse").asLong()).isEqualTo(1);
    }

    @Test
    void waitReturnsOnceTheRestoresCompleteAndTheNextSyncShowsThemRestored() {
        String bucket = archiveMix("restore-wait");
        // glacier-restoring's restore never ends by itself, and --wait waits for it too: ended here, it is restored.
        emulator.completeRestores();
        emulator.setRestoreDelay(Duration.ofSeconds(2));
        cli.run("inventory", "sync", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(), "--database", database);

        Cli.Result result = restore(bucket, "--storage-class", "GLACIER", "--wait", "--poll-interval", "300ms", "--timeout", "60s");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("all readable");
        InventoryRun inventory = new InventoryRun(database);
        InventoryRow requested = inventory.rows(bucket).get("glacier-archived");
        assertThat(requested.restore().label()).isEqualTo("restoring");
        inventory.sync(bucket);
        InventoryRow restored = inventory.rows(bucket).get("glacier-archived");
        assertThat(restored.restore().label()).isEqualTo("restored");
        assertThat(restored.restore().expiry()).hasValueSatisfying(expiry ->
                assertThat(expiry).isAfter(Instant.now().plus(6, ChronoUnit.DAYS)));
    }

    /** Before, a wait over at its first poll said "s3conn: waiting for 0 of 1 restore" on stderr, and so did each last poll. */
    @Test
    void aWaitWhoseRestoresAreReadableAtItsFirstPollPrintsOnlyItsSummary() {
        String bucket = Fixtures.newBucket("restore-wait-at-once");
        bed.put(bucket, "cold", "c", "GLACIER");

        Cli.Result result = restore(bucket, "--wait", "--poll-interval", "300ms", "--timeout", "60s");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).isEqualTo("restore of s3://" + bucket + "/: 1 object (1 byte), tier Standard: {started=1};"
                + " all readable\n");
        assertThat(result.stderr()).isEmpty();
    }

    /**
     * An object deleted while its restore is waited for can never be readable. Before, the wait went on for it until
     * --timeout (48 hours by default) and exited 7.
     */
    @Test
    void anObjectDeletedWhileWaitedForLeavesTheWaitAndIsCountedAsSuch() throws Exception {
        String bucket = Fixtures.newBucket("restore-wait-gone");
        bed.put(bucket, "cold-a", "c", "GLACIER");
        bed.put(bucket, "cold-b", "c", "GLACIER");
        emulator.setRestoreDelay(Duration.ofHours(1));
        Process restore = cli.start("inventory", "restore", "--bucket", bucket, "--wait", "--poll-interval", "300ms",
                "--timeout", "60s", "--endpoint-url", bed.endpoint().toString(), "--database", database);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (requestsFor(bucket).size() < 2 && System.nanoTime() < deadline && restore.isAlive()) {
            Thread.sleep(50);
        }

        bed.client().deleteObject(b -> b.bucket(bucket).key("cold-b"));
        emulator.completeRestores();

        assertThat(restore.waitFor(30, TimeUnit.SECONDS)).as("done long before --timeout").isTrue();
        assertThat(restore.exitValue()).as(Cli.read(restore, "stderr")).isZero();
        assertThat(Cli.read(restore, "stdout")).isEqualTo("restore of s3://" + bucket + "/: 2 objects (2 bytes), tier "
                + "Standard: {started=2}; all readable (1 deleted while waited for)\n");
    }

    @Test
    void aRequestedRestoreIsRecordedInTheRowsOfEveryScopeHoldingTheObject() {
        String bucket = archiveMix("restore-scopes");
        InventoryRun inventory = new InventoryRun(database);
        InventoryScope whole = new InventoryScope(bucket, "");
        InventoryScope glacier = new InventoryScope(bucket, "glacier-");
        InventoryScope deep = new InventoryScope(bucket, "deep-");
        List.of(whole, glacier, deep).forEach(inventory::sync);

        Cli.Result result = restore(bucket, "--prefix", "glacier-", "--storage-class", "GLACIER");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(inventory.rows(whole).get("glacier-archived").restore().label()).isEqualTo("restoring");
        assertThat(inventory.rows(glacier).get("glacier-archived").restore().label()).isEqualTo("restoring");
        assertThat(inventory.rows(deep).get("deep-archived").restore().label()).isEqualTo("archived");
        assertThat(inventory.rows(whole).get("deep-archived").restore().label()).isEqualTo("archived");
    }

    /** Before, show --json left out restore_requested_at and restore_tier, which the table holds. */
    @Test
    void showJsonNamesWhenAndWithWhichTierARestoreWasRequested() throws IOException {
        String bucket = archiveMix("restore-show");
        cli.run("inventory", "sync", "--bucket", bucket, "--endpoint-url", bed.endpoint().toString(), "--database", database);
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        restore(bucket, "--storage-class", "DEEP_ARCHIVE", "--tier", "Bulk");

        Cli.Result show = cli.run("inventory", "show", "--json", "--bucket", bucket, "--database", database);

        assertThat(show.exitCode()).as(show.toString()).isZero();
        Map<String, JsonNode> rows = new java.util.HashMap<>();
        for (String line : show.stdout().lines().toList()) {
            JsonNode row = JSON.readTree(line);
            rows.put(row.get("key").asText(), row);
        }
        assertThat(rows.get("deep-archived").get("restore_tier").asText()).isEqualTo("Bulk");
        assertThat(Instant.parse(rows.get("deep-archived").get("restore_requested_at").asText())).isAfterOrEqualTo(before);
        assertThat(rows.get("glacier-archived").has("restore_requested_at")).isFalse();
    }

    @Test
    void waitTimesOutWithExitCodeSeven() {
        String bucket = archiveMix("restore-timeout");
        emulator.setRestoreDelay(Duration.ofMinutes(10));

        Cli.Result result = restore(bucket, "--storage-class", "DEEP_ARCHIVE", "--wait", "--poll-interval", "200ms", "--timeout", "1s");

        assertThat(result.exitCode()).isEqualTo(7);
    }

    /** Before, the summary of a wait that timed out ended "; 1 not readable yet", naming no reason for its exit 7. */
    @Test
    void aWaitThatTimesOutSaysInItsSummaryThatTheTimeoutWasReached() {
        String bucket = Fixtures.newBucket("restore-timeout-line");
        bed.put(bucket, "glacier-archived", "s", "GLACIER");
        emulator.setRestoreDelay(Duration.ofMinutes(10));

        Cli.Result result = restore(bucket, "--wait", "--poll-interval", "200ms", "--timeout", "500ms");

        assertThat(result.stdout()).as(result.toString()).isEqualTo("restore of s3://" + bucket + "/: 1 object (1 byte), "
                + "tier Standard: {started=1}; --timeout 500ms reached: 1 not readable yet\n");
    }

    /** Before, SIGTERM ended the wait without its summary: what the requests did was never printed. */
    @Test
    void sigtermEndsTheWaitWithTheSummaryAndExitCode143() throws Exception {
        String bucket = archiveMix("restore-wait-term");
        emulator.setRestoreDelay(Duration.ofMinutes(10));
        List<String> args = new java.util.ArrayList<>(List.of("inventory", "restore", "--bucket", bucket, "--storage-class",
                "GLACIER", "--wait", "--poll-interval", "200ms", "--endpoint-url", bed.endpoint().toString(), "--database", database));
        Process restore = cli.start(args.toArray(String[]::new));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Cli.read(restore, "stderr").contains("waiting for") && System.nanoTime() < deadline && restore.isAlive()) {
            Thread.sleep(100);
        }

        restore.destroy();

        assertThat(restore.waitFor(5, TimeUnit.SECONDS)).as("stopped within 5 s").isTrue();
        assertThat(restore.exitValue()).as(Cli.read(restore, "stderr")).isEqualTo(143);
        assertThat(Cli.read(restore, "stdout")).isEqualTo("restore of s3://" + bucket + "/: 1 object (1 byte), tier Standard: "
                + "{started=1}; stopped waiting (SIGTERM): 2 not readable yet\n");
    }

    /**
     * Before, the same command run again found the objects it had asked for restoring, skipped them and exited 0
     * at once ("no archived objects to restore") while they were not readable: a wait cut short (timeout, Ctrl-C)
     * could not be resumed.
     */
    @Test
    void aWaitRunAgainAfterItTimedOutWaitsForTheRestoresAskedForBefore() throws Exception {
        String bucket = Fixtures.newBucket("restore-wait-again");
        bed.put(bucket, "glacier-archived", "s", "GLACIER");
        emulator.setRestoreDelay(Duration.ofMinutes(10));
        Cli.Result timedOut = restore(bucket, "--wait", "--poll-interval", "200ms", "--timeout", "500ms");
        assertThat(timedOut.exitCode()).as(timedOut.toString()).isEqualTo(7);
        Process again = cli.start("inventory", "restore", "--bucket", bucket, "--wait", "--poll-interval", "200ms",
                "--timeout", "60s", "--endpoint-url", bed.endpoint().toString(), "--database", database);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Cli.read(again, "stderr").contains("waiting for") && System.nanoTime() < deadline && again.isAlive()) {
            Thread.sleep(100);
        }

        emulator.completeRestores();

        assertThat(again.waitFor(30, TimeUnit.SECONDS)).as("ended within 30 s").isTrue();
        assertThat(again.exitValue()).as(Cli.read(again, "stderr")).isZero();
        assertThat(Cli.read(again, "stdout")).isEqualTo("restore of s3://" + bucket + "/: 0 objects (0 bytes): no archived "
                + "objects to restore; skipped: 1 being restored, 0 restored, 0 over the limits; all readable\n");
        assertThat(emulator.restoreRequests().stream().filter(r -> r.bucket().equals(bucket))).hasSize(1);
    }

    /** Before, the line was "s3conn: unclosed { in glob {a,b", naming neither --include nor --exclude. */
    @Test
    void aMalformedGlobIsAUsageErrorNamingItsFlag() {
        String bucket = archiveMix("restore-bad-glob");

        Cli.Result result = restore(bucket, "--include", "glacier-*", "--exclude", "{a,b", "--dry-run");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("s3conn: --exclude unclosed { in glob {a,b (see `s3conn inventory restore --help`)\n");
    }

    /** Before, SIGTERM while the requests were sent ended the JVM at once: exit 143 with nothing on stdout or stderr. */
    @Test
    void sigtermWhileRequestingStopsBeforeTheNextRequestAndSaysHowFarItGot() throws Exception {
        String bucket = Fixtures.newBucket("restore-requests-term");
        for (int i = 0; i < 20; i++) {
            bed.put(bucket, "cold-" + i, "c", "GLACIER");
        }
        Process restore = cli.start("inventory", "restore", "--bucket", bucket, "--rate", "2/s",
                "--endpoint-url", bed.endpoint().toString(), "--database", database);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (requestsFor(bucket).size() < 2 && System.nanoTime() < deadline && restore.isAlive()) {
            Thread.sleep(50);
        }

        restore.destroy();

        assertThat(restore.waitFor(5, TimeUnit.SECONDS)).as("stopped within 5 s").isTrue();
        assertThat(restore.exitValue()).as(Cli.read(restore, "stderr")).isEqualTo(143);
        int sent = requestsFor(bucket).size();
        assertThat(sent).isBetween(2, 19);
        assertThat(Cli.read(restore, "stdout")).isEqualTo("restore of s3://" + bucket + "/: 20 objects (20 bytes), tier Standard: "
                + "{started=" + sent + "}; stopped by SIGTERM after " + sent + " of 20 requests: the next run asks for the rest\n");
    }

    /**
     * Before, SIGTERM while the objects were selected ended the JVM at once: exit 143 with nothing on stdout or stderr.
     * The listing is held by a slow proxy until the signal is sent, so the signal always arrives during the selection.
     */
    @Test
    void sigtermWhileSelectingStopsInOneLineWithExitCode143AndRequestsNothing() throws Exception {
        String bucket = archiveMix("restore-select-term");
        try (LatencyProxy slow = LatencyProxy.start(bed.endpoint(), Duration.ofSeconds(3))) {
            Process restore = cli.start("inventory", "restore", "--bucket", bucket, "--endpoint-url", slow.endpoint().toString(),
                    "--database", database);
            try {
                slow.awaitFirstRequest(Duration.ofSeconds(60));

                restore.destroy();
                slow.withoutLatency();

                assertThat(restore.waitFor(30, TimeUnit.SECONDS)).as("stopped").isTrue();
            } finally {
                restore.destroyForcibly();
            }
            String stderr = Cli.read(restore, "stderr");
            assertThat(restore.exitValue()).as(stderr).isEqualTo(143);
            assertThat(stderr.lines().toList()).last().isEqualTo("s3conn: restore of s3://" + bucket + "/ stopped by SIGTERM "
                    + "while selecting objects: no restore was requested");
            assertThat(Cli.read(restore, "stdout")).isEmpty();
        }
        assertThat(requestsFor(bucket)).isEmpty();
    }

    @Test
    void anUnknownKeyOfTheConfigFileIsReportedOnce() throws IOException {
        String bucket = archiveMix("restore-config");
        java.nio.file.Path config = java.nio.file.Files.createTempFile("s3conn-restore-", ".json");
        java.nio.file.Files.writeString(config, "{\"page-size\": 500, \"colour\": \"blue\"}");

        Cli.Result result = restore(bucket, "--config", config.toString(), "--dry-run");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr().lines().filter(line -> line.contains("ignoring unknown keys"))).singleElement()
                .asString().contains("colour");
    }

    private Cli.Result restore(String bucket, String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("inventory", "restore", "--bucket", bucket,
                "--endpoint-url", bed.endpoint().toString(), "--database", database));
        args.addAll(List.of(options));
        return cli.run(args.toArray(String[]::new));
    }

    private Map<String, RestoreRequestRecord> requestsFor(String bucket) {
        return emulator.restoreRequests().stream().filter(r -> r.bucket().equals(bucket))
                .collect(Collectors.toMap(RestoreRequestRecord::key, r -> r, (a, b) -> b));
    }

    /** Readable objects, and archived ones in every state: GLACIER, DEEP_ARCHIVE, Intelligent-Tiering. */
    private String archiveMix(String purpose) {
        String bucket = Fixtures.newBucket(purpose);
        bed.put(bucket, "standard", "s", null);
        bed.put(bucket, "glacier-ir", "s", "GLACIER_IR");
        bed.put(bucket, "glacier-archived", "s", "GLACIER");
        bed.put(bucket, "glacier-restoring", "s", "GLACIER");
        bed.put(bucket, "glacier-restored", "s", "GLACIER");
        bed.put(bucket, "deep-archived", "s", "DEEP_ARCHIVE");
        bed.put(bucket, "it-frequent", "s", "INTELLIGENT_TIERING");
        bed.put(bucket, "it-archive-access", "s", "INTELLIGENT_TIERING");
        emulator.markRestoring(bucket, "glacier-restoring");
        emulator.markRestored(bucket, "glacier-restored", Instant.now().plus(3, ChronoUnit.DAYS));
        emulator.setArchiveStatus(bucket, "it-archive-access", "ARCHIVE_ACCESS");
        return bucket;
    }
}
