package io.s3conn.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.s3.S3ConnectionSettings;
import io.s3conn.core.s3.StaticCredentials;
import io.s3conn.glacier.ServerTraits;
import io.s3conn.inventory.InventoryCheckpoint;
import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.InventorySyncOptions;
import io.s3conn.inventory.SyncListener;
import io.s3conn.inventory.SyncSummary;
import io.s3conn.inventory.objects.InventorySync;
import io.s3conn.inventory.objects.InventoryTable;
import io.s3conn.inventory.versions.VersionInventorySync;
import io.s3conn.inventory.versions.VersionInventoryTable;
import io.s3conn.testbed.synthetic.SyntheticBucket;
import io.s3conn.testbed.synthetic.SyntheticBucketServer;
import io.s3conn.testbed.synthetic.SyntheticLayout;
import io.s3conn.testbed.synthetic.SyntheticServerSettings;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Inventory syncs walking key ranges at once ({@code --list-concurrency}) against the test bed's
 * synthetic bucket: the same table as a sequential sync, whatever the layout, the faults or the kills.
 */
class ParallelSyncIT {

    private static final int KEYS = 6_000;
    private static final int PAGE = 100;
    /** Keys that make boundaries awkward: URL-encoding, percent signs, newlines, beyond the BMP. */
    private static final List<String> AWKWARD = List.of("a+b", "a%2Bb", "a b", "a\nb", "a\n", "ä", "ä+", "ä/%",
            "\uD83D\uDE00", "\uD83D\uDE00/x", "\uFFFD", "z\r", "z%", "z%25", "0", "00", "000", "p/x", "p/y\n", "p+/z");

    @AutoClose
    private static final SyntheticBucketServer server = SyntheticBucketServer.startWithEveryLayout(KEYS,
            new SyntheticBucket("empty", new SyntheticLayout.Flat(0)),
            new SyntheticBucket("one", new SyntheticLayout.Listed(List.of("only/key"))),
            new SyntheticBucket("awkward", new SyntheticLayout.Listed(AWKWARD)),
            new SyntheticBucket("killed", SyntheticLayout.named("skewed", 20_000)));

    @AfterEach
    void reset() {
        server.reset();
    }

    private static S3ConnectionSettings connection() {
        return S3ConnectionSettings.defaults().withEndpoint(server.endpoint()).withRegion("us-east-1")
                .withPathStyle(true).withCredentials(new StaticCredentials("synthetic", "synthetic", Optional.empty()));
    }

    private static InventorySyncOptions options(int concurrency, int pageSize) {
        return InventorySyncOptions.defaults().withPageSize(pageSize).withListConcurrency(concurrency);
    }

    /** Syncs the objects of {@code bucket} into a new SQLite database; returns its URL. */
    private static String syncObjects(String bucket, InventorySyncOptions options) {
        String url = Fixtures.newSqliteUrl();
        syncObjects(url, bucket, options);
        return url;
    }

    private static SyncSummary syncObjects(String url, String bucket, InventorySyncOptions options) {
        try (S3Client s3 = S3Clients.create(connection()); Database database = Database.open(url)) {
            return new InventorySync(s3, ServerTraits.of(false), database, options)
                    .run(new InventoryScope(bucket, ""), SyncListener.NONE);
        }
    }

    private static String syncVersions(String bucket, InventorySyncOptions options) {
        String url = Fixtures.newSqliteUrl();
        try (S3Client s3 = S3Clients.create(connection()); Database database = Database.open(url)) {
            new VersionInventorySync(s3, ServerTraits.of(false), database, options)
                    .run(new InventoryScope(bucket, ""), SyncListener.NONE);
        }
        return url;
    }

    /** The object table of a bucket, in table order, without the times of the sync itself. */
    private static List<String> objects(String url, String bucket) {
        List<String> rows = new ArrayList<>();
        try (Database database = Database.open(url)) {
            new InventoryTable(database).forEach(new InventoryScope(bucket, ""), true, row -> rows.add(
                    row.object() + " " + row.restore() + (row.deletedAt().isPresent() ? " deleted" : "")));
        }
        return rows;
    }

    private static List<String> versions(String url, String bucket) {
        List<String> rows = new ArrayList<>();
        try (Database database = Database.open(url)) {
            new VersionInventoryTable(database).forEach(new InventoryScope(bucket, ""), true, row -> rows.add(
                    row.version() + (row.deletedAt().isPresent() ? " deleted" : "")));
        }
        return rows;
    }

    private static Optional<InventoryCheckpoint> checkpoint(String url, String bucket) {
        try (S3Client s3 = S3Clients.create(connection()); Database database = Database.open(url)) {
            return new InventorySync(s3, ServerTraits.of(false), database, InventorySyncOptions.defaults())
                    .checkpoint(new InventoryScope(bucket, ""));
        }
    }

    /**
     * Before, the planner's first page was listed again by the walk: 3 ListObjectsV2; then the folder listing sent
     * beside it made 2.
     */
    @Test
    void aParallelSyncOfAnEmptyScopeSendsTheListingsOfASequentialOne() {
        syncObjects("empty", options(8, PAGE));

        assertThat(server.stats().listObjectsV2()).isEqualTo(server.sequentialListings("empty", PAGE));
    }

    @Test
    void aParallelSyncOfAOneKeyScopeSendsTheListingsOfASequentialOne() {
        String url = syncObjects("one", options(8, PAGE));

        assertThat(objects(url, "one")).hasSize(1);
        assertThat(server.stats().listObjectsV2()).isEqualTo(server.sequentialListings("one", PAGE));
    }

    /**
     * Before, 2 ListObjectsV2 planned it and the walk's ListObjectVersions came after them; then the folder listing
     * was still sent beside the walk's first page, which alone showed the scope empty.
     */
    @Test
    void aParallelVersionSyncOfAnEmptyScopeSendsOneListingOfVersionsAndNothingElse() {
        syncVersions("empty", options(8, PAGE));

        assertThat(server.stats().listObjectVersions()).isEqualTo(server.sequentialListings("empty", PAGE));
        assertThat(server.stats().listObjectsV2()).isZero();
    }

    @Test
    void parallelAndSequentialObjectSyncsGiveIdenticalTablesForEveryLayout() {
        server.configure(SyntheticServerSettings.immediate().withListServiceTime(Duration.ofMillis(5)));
        for (String layout : SyntheticLayout.NAMES) {
            String sequential = syncObjects(layout, options(1, PAGE));
            String parallel = syncObjects(layout, options(8, PAGE));

            assertThat(objects(parallel, layout)).as(layout).hasSize(KEYS).isEqualTo(objects(sequential, layout));
        }
    }

    @Test
    void parallelAndSequentialVersionSyncsGiveIdenticalTablesForEveryLayout() {
        server.configure(SyntheticServerSettings.immediate().withListServiceTime(Duration.ofMillis(5)));
        for (String layout : SyntheticLayout.NAMES) {
            String sequential = syncVersions(layout, options(1, PAGE));
            String parallel = syncVersions(layout, options(8, PAGE));

            assertThat(versions(parallel, layout)).as(layout).hasSize(KEYS).isEqualTo(versions(sequential, layout));
        }
    }

    @Test
    void aParallelSyncListsTheScopeAsSeveralRangesAtOnce() {
        server.configure(SyntheticServerSettings.immediate().withListServiceTime(Duration.ofMillis(20)));

        syncObjects("flat", options(8, PAGE));

        assertThat(server.stats().peakConcurrentLists()).isGreaterThan(2);
    }

    @Test
    void aCompletedParallelSyncLeavesNoRangeRunning() {
        String url = syncObjects("skewed", options(8, PAGE));

        InventoryCheckpoint checkpoint = checkpoint(url, "skewed").orElseThrow();
        assertThat(checkpoint.running()).isEmpty();
        assertThat(checkpoint.lastCompleted()).isPresent();
    }

    @Test
    void aThirdOfListingsThrottledGivesTheSameTableAsNone() {
        String calm = syncObjects("prefixes", options(8, PAGE));
        server.configure(SyntheticServerSettings.immediate().withSlowDownRate(0.3));

        String throttled = syncObjects("prefixes", options(8, PAGE));

        assertThat(server.stats().slowDowns()).isPositive();
        assertThat(objects(throttled, "prefixes")).isEqualTo(objects(calm, "prefixes"));
    }

    @Test
    void moreListingsAtOnceThanTheServerServesSlowTheSyncDownInsteadOfTimingItOut() {
        // Two listings served at once, 20 ms each: 200 sent at once wait 2 s in line, twice the attempt timeout,
        // as --list-concurrency 1000 once did against S3Proxy, whose pages cost CPU (exit 4 after 206 s).
        server.configure(SyntheticServerSettings.immediate().withListServiceTime(Duration.ofMillis(20)).withListWorkers(2));
        String url = Fixtures.newSqliteUrl();

        try (S3Client s3 = S3Clients.create(connection().withAttemptTimeout(Duration.ofSeconds(1)));
             Database database = Database.open(url)) {
            new InventorySync(s3, ServerTraits.of(false), database, options(200, PAGE))
                    .run(new InventoryScope("flat", ""), SyncListener.NONE);
        }

        assertThat(objects(url, "flat")).hasSize(KEYS);
    }

    @Test
    void awkwardKeysOnRangeBoundariesAreRecordedOnceEach() {
        String url = syncObjects("awkward", options(8, 1));

        List<String> keys = new ArrayList<>();
        try (Database database = Database.open(url)) {
            new InventoryTable(database).forEach(new InventoryScope("awkward", ""), true, row -> keys.add(row.object().key()));
        }
        assertThat(keys).containsExactlyElementsOf(SyntheticLayout.Listed.class.cast(
                new SyntheticLayout.Listed(AWKWARD)).keys());
    }

    @Test
    void anEmptyScopeSyncsToAnEmptyTableAndCompletes() {
        String url = syncObjects("empty", options(8, PAGE));

        assertThat(objects(url, "empty")).isEmpty();
        assertThat(checkpoint(url, "empty").orElseThrow().lastCompleted()).isPresent();
    }

    @Test
    void aScopeOfOneKeyRecordsThatKey() {
        String url = syncObjects("one", options(8, PAGE));

        assertThat(objects(url, "one")).hasSize(1).allMatch(row -> row.contains("only/key"));
    }

    @Test
    void aParallelSyncKilledAtRandomMomentsResumesToTheTableOfAnUninterruptedOne() throws Exception {
        String uninterrupted = syncObjects("killed", options(8, PAGE));
        server.configure(SyntheticServerSettings.immediate().withListServiceTime(Duration.ofMillis(100)));
        String url = Fixtures.newSqliteUrl();
        Cli cli = new Cli().env("AWS_ACCESS_KEY_ID", "synthetic").env("AWS_SECRET_ACCESS_KEY", "synthetic")
                .env("AWS_REGION", "us-east-1");
        String[] sync = {"inventory", "sync", "--bucket", "killed", "--endpoint-url", server.endpoint().toString(),
                "--database", url, "--page-size", String.valueOf(PAGE), "--list-concurrency", "8"};
        Random random = new Random(13);
        int killedWithRangesRunning = 0;
        for (int attempt = 0; attempt < 8 && killedWithRangesRunning < 3; attempt++) {
            int before = objects(url, "killed").size();
            Process process = cli.start(sync);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // Killed once it has committed something of its own, at a random moment after that.
            while (objects(url, "killed").size() <= before && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(random.nextInt(800));
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            if (checkpoint(url, "killed").flatMap(InventoryCheckpoint::running).map(r -> r.ranges().size() > 1)
                    .orElse(false)) {
                killedWithRangesRunning++;
            }
        }

        Cli.Result resumed = cli.run(sync);

        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(killedWithRangesRunning).isPositive();
        assertThat(objects(url, "killed")).hasSize(20_000).isEqualTo(objects(uninterrupted, "killed"));
    }
}
