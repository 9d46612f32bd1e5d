package io.s3conn.it.source;

import static io.s3conn.it.source.SourceFixtures.describeAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.record.Record;
import io.s3conn.it.Fixtures;
import io.s3conn.source.RecordHandler;
import io.s3conn.source.S3SourceConfiguration;
import io.s3conn.source.range.KeyRange;
import io.s3conn.source.range.OrderedParallelWalk;
import io.s3conn.source.range.RangePlanner;
import io.s3conn.source.range.WalkerSettings;
import io.s3conn.source.walk.CurrentObjectsWalk;
import io.s3conn.source.walk.ListedObject;
import io.s3conn.testbed.S3Server;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The source listing its scope as several key ranges at once ({@code listConcurrency} 4): the snapshot still
 * emits in key order and resumes exactly after its saved position, and a CDC poll reports each change once,
 * on every S3 server ({@link io.s3conn.it.Fixtures#servers()}). The keys lie in eight folders, so the planner
 * cuts the scope into several parts however few keys there are, and include characters beyond U+FFFF and
 * just below, which S3Proxy orders differently from Amazon S3 and RGW.
 */
@Timeout(120)
class SourceParallelListingIT {

    private static final int CONCURRENCY = 4;
    private static final List<String> KEYS = Stream.concat(
            Stream.of("d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7").flatMap(d -> Fixtures.keys(d + "/", 150).stream()),
            Stream.of("ü-umlaut", "\uD83D\uDE00-emoji", "\uD83D\uDE00/x")).sorted(KeyRange.KEY_ORDER).toList();
    /** Pages of the source's listings (1,000 keys each) that a sequential listing of {@link #KEYS} takes. */
    private static final long SEQUENTIAL_PAGES = (KEYS.size() + 999) / 1000;
    /** The unversioned bucket of {@link #KEYS} on each server, by server name: made once, only read by the tests. */
    private static final Map<String, String> KEYS_BUCKETS = new ConcurrentHashMap<>();

    @RegisterExtension
    final SourceHarnesses harnesses = new SourceHarnesses();

    /**
     * The unversioned bucket holding {@link #KEYS} on {@code server}, shared by the tests that only read it (each with
     * its own database): putting its 1,203 objects takes seconds on RGW, once instead of once per test.
     */
    private static String keysBucket(S3Server server) {
        return KEYS_BUCKETS.computeIfAbsent(server.name(), name -> {
            String bucket = SourceFixtures.newBucket(server, "parallel-keys");
            server.putMany(bucket, KEYS, 16);
            return bucket;
        });
    }

    private SourceHarness harness(S3Server server, String bucket) {
        SourceHarness harness = harnesses.of(server, bucket);
        return harness.with(harness.config().withListConcurrency(CONCURRENCY));
    }

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void aSnapshotOfAVersionedBucketListedInParallelEmitsEveryObjectOnceInKeyOrder(S3Server server) throws Exception {
        String bucket = SourceFixtures.newVersionedBucket(server, "parallel-snapshot");
        server.putMany(bucket, KEYS, 16);

        List<Record> records = harness(server, bucket).run();

        assertThat(records).extracting(SourceFixtures::key).containsExactlyElementsOf(KEYS);
    }

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void aParallelSnapshotStoppedHalfWayResumesAfterItsSavedPositionWithTheRestInKeyOrder(S3Server server)
            throws Exception {
        String bucket = keysBucket(server);
        SourceHarness source = harness(server, bucket);

        List<Record> first = source.run(Optional.empty(), KEYS.size() / 2);
        List<Record> rest = source.run();

        List<String> all = new ArrayList<>(first.stream().map(SourceFixtures::key).toList());
        all.addAll(rest.stream().map(SourceFixtures::key).toList());
        assertThat(all).containsExactlyElementsOf(KEYS);
    }

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void aCdcPollListedInParallelReportsEachChangeOfEachRangeOnce(S3Server server) throws Exception {
        String bucket = SourceFixtures.newVersionedBucket(server, "parallel-cdc");
        server.putMany(bucket, KEYS, 16);

        List<Record> records = harness(server, bucket).run(Optional.empty(), Long.MAX_VALUE, script(Map.of(
                "snapshot " + KEYS.getLast(), () -> {
                    server.put(bucket, "d6/new", "new", null);
                    server.put(bucket, "d2/00007", "two", null);
                    server.client().deleteObject(r -> r.bucket(bucket).key("d4/00100"));
                    server.put(bucket, "\uD83D\uDE00-emoji", "two", null);
                })));

        assertThat(describeAll(records.subList(0, KEYS.size()))).allMatch(r -> r.startsWith("snapshot "));
        assertThat(describeAll(records.subList(KEYS.size(), records.size()))).containsExactly(
                "update d2/00007", "delete d4/00100", "create d6/new", "update \uD83D\uDE00-emoji");
    }

    /**
     * Five keys a page, so that the folders of 150 keys turn out large and are split while they are listed:
     * the cut points hold only characters every server orders alike, so each key comes once, in key order,
     * the keys beyond U+FFFF included.
     */
    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void partsSplitWhileTheyAreListedHandOverEveryKeyOnceInKeyOrder(S3Server server) {
        String bucket = keysBucket(server);
        S3Client s3 = SourceFixtures.sourceClient(server);
        OrderedParallelWalk<ListedObject> walk = new OrderedParallelWalk<>(new CurrentObjectsWalk(s3, bucket, "", 5, false),
                ListedObject::key, "", RangePlanner.of(s3, bucket, ""), WalkerSettings.of(CONCURRENCY), 2);
        List<String> listed = new ArrayList<>();

        walk.pages(KeyRange.ALL).forEachRemaining(page -> page.entries().forEach(e -> listed.add(e.key())));

        assertThat(walk.splitCount()).isPositive();
        assertThat(listed).containsExactlyElementsOf(KEYS);
    }

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void theFirstPollOfARestartedSourceCostsTheRequestsOfASequentialListing(S3Server server) throws Exception {
        String bucket = keysBucket(server);
        SourceHarness source = harness(server, bucket);
        source.run(); // the snapshot, and a poll that finds nothing

        List<Record> firstPoll = source.run();

        assertThat(firstPoll).isEmpty();
        assertThat(source.lastRun().polls()).isEqualTo(1);
        assertThat(source.lastRun().listRequests()).isEqualTo(SEQUENTIAL_PAGES);
    }

    /** The committed keys are numbered by the database: on PostgreSQL too, in S3's key order. */
    @Test
    void aRestartedSourceOnPostgresqlPlansItsFirstPollFromTheKeysItCommitted() throws Exception {
        S3Server server = Fixtures.testBed();
        String bucket = keysBucket(server);
        S3SourceConfiguration config = SourceFixtures.config(bucket, "it:" + bucket).withListConcurrency(CONCURRENCY);
        try (SourceHarness source = new SourceHarness(SourceFixtures.sourceClient(server), config,
                Database.open(Fixtures.postgres().freshDatabase()))) {
            source.run();

            List<Record> firstPoll = source.run();

            assertThat(firstPoll).isEmpty();
            assertThat(source.lastRun().listRequests()).isEqualTo(SEQUENTIAL_PAGES);
        }
    }

    private static RecordHandler script(Map<String, Runnable> actions) {
        Map<String, Runnable> pending = new HashMap<>(actions);
        return record -> {
            Runnable action = pending.remove(SourceFixtures.describe(record));
            if (action != null) {
                action.run();
            }
        };
    }
}
