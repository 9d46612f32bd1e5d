package io.s3conn.it.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.s3conn.inventory.InventorySyncOptions;
import io.s3conn.inventory.SyncSummary;
import io.s3conn.inventory.versions.VersionRow;
import io.s3conn.it.Fixtures;
import io.s3conn.testbed.S3Server;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Version syncs walking several key ranges at once ({@code listConcurrency} 8) on every S3 server
 * ({@link Fixtures#servers()}): the same table and counts as a sequential sync. The other version suites on both
 * servers sync scopes of less than 1,000 keys, which the planner lists as one range, so they never cut a versioned
 * scope on a real server; this one holds more than a page of current keys in twelve folders, and each
 * folder is also an object with several versions (as consoles create them). The planner ends ranges at folder
 * names, so ranges start at keys that hold versions, where Ceph RGW's {@code key-marker} without
 * {@code version-id-marker} lists that key's versions again (Amazon S3 and S3Proxy start after it).
 */
class ParallelVersionSyncIT {

    private static final int FOLDERS = 12;
    private static final int KEYS_A_FOLDER = 85;
    private static final int PAGE = 25;
    /**
     * The versioned bucket of {@link #bucket} on each server, by server name: made once (over 1,000 objects), shared
     * by both tests, which compare two syncs of the bucket as it stands (the resync test changes it).
     */
    private static final Map<String, String> BUCKETS = new ConcurrentHashMap<>();

    private static String folder(int i) {
        return String.format("d%02d/", i);
    }

    /**
     * Every folder's keys once, put before versioning was enabled (version {@code null}, which a page may end on),
     * its folder object in three versions (a delete marker on top for every other folder), and the awkward keys
     * in two versions each: more than 1,000 current keys, so the scope is cut.
     */
    private static String bucket(S3Server server) {
        return BUCKETS.computeIfAbsent(server.name(), name -> {
            String bucket = Fixtures.newBucket(server, "parallel-versions");
            List<String> keys = new ArrayList<>();
            for (int f = 0; f < FOLDERS; f++) {
                keys.addAll(Fixtures.keys(folder(f) + "k", KEYS_A_FOLDER));
            }
            keys.addAll(Fixtures.AWKWARD_KEYS);
            server.putMany(bucket, keys, 16);
            server.enableVersioning(bucket);
            S3Client s3 = server.client();
            for (String key : Fixtures.AWKWARD_KEYS) {
                s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key + " again"));
            }
            for (int f = 0; f < FOLDERS; f++) {
                String folder = folder(f);
                for (int v = 0; v < 3; v++) {
                    s3.putObject(b -> b.bucket(bucket).key(folder), RequestBody.fromString("v" + v));
                }
                if (f % 2 == 0) {
                    s3.deleteObject(b -> b.bucket(bucket).key(folder));
                }
            }
            return bucket;
        });
    }

    private static VersionsRun run(S3Server server, int concurrency) {
        return new VersionsRun(server).options(InventorySyncOptions.defaults().withPageSize(PAGE)
                .withListConcurrency(concurrency));
    }

    /** The rows without the sync times, which differ between two databases. */
    private static List<String> comparable(Map<String, VersionRow> rows) {
        List<String> result = new ArrayList<>();
        rows.forEach((id, row) -> result.add(id + " " + row.version() + " deleted=" + row.deletedAt().isPresent()));
        return result;
    }

    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void aParallelVersionSyncRecordsEveryVersionOnceAsASequentialSyncDoes(S3Server server) {
        String bucket = bucket(server);
        VersionsRun sequential = run(server, 1);
        VersionsRun parallel = run(server, 8);

        SyncSummary one = sequential.sync(bucket);
        SyncSummary eight = parallel.sync(bucket);

        assertThat(comparable(parallel.rows(bucket))).isEqualTo(comparable(sequential.rows(bucket)));
        assertThat(eight.counters().listed()).isEqualTo((long) parallel.rows(bucket).size()).isEqualTo(one.counters().listed());
        assertThat(eight.counters().inserted()).isEqualTo(eight.counters().listed());
        // Ranges end where the twelve folders begin: each end is a page shorter than the page size.
        assertThat(eight.counters().pages()).isGreaterThanOrEqualTo(one.counters().pages() + FOLDERS / 2);
    }

    /**
     * A second sync after new versions and delete markers on the folder objects that begin ranges, and on keys
     * inside them: each range compares only its own keys, and the marker key's versions that RGW lists again are
     * neither counted twice nor taken for changes.
     */
    @ParameterizedTest
    @MethodSource("io.s3conn.it.Fixtures#servers")
    void aParallelResyncAfterChangesGivesTheTableAndCountsOfASequentialResync(S3Server server) {
        String bucket = bucket(server);
        VersionsRun sequential = run(server, 1);
        VersionsRun parallel = run(server, 8);
        sequential.sync(bucket);
        parallel.sync(bucket);
        S3Client s3 = server.client();
        String versionGone = s3.listObjectVersions(b -> b.bucket(bucket).prefix(folder(5) + "k00010"))
                .versions().getFirst().versionId();
        s3.deleteObject(b -> b.bucket(bucket).key(folder(5) + "k00010").versionId(versionGone));
        s3.putObject(b -> b.bucket(bucket).key(folder(3)), RequestBody.fromString("newer"));
        s3.deleteObject(b -> b.bucket(bucket).key(folder(7)));
        s3.deleteObject(b -> b.bucket(bucket).key(folder(9) + "k00020"));
        s3.putObject(b -> b.bucket(bucket).key(folder(11) + "new"), RequestBody.fromString("new"));

        SyncSummary one = sequential.sync(bucket);
        SyncSummary eight = parallel.sync(bucket);

        assertThat(comparable(parallel.rows(bucket))).isEqualTo(comparable(sequential.rows(bucket)));
        assertThat(eight.counters().listed()).isEqualTo(one.counters().listed());
        assertThat(List.of(eight.counters().inserted(), eight.counters().updated(), eight.counters().deleted()))
                .isEqualTo(List.of(one.counters().inserted(), one.counters().updated(), one.counters().deleted()))
                .doesNotContain(0L);
    }
}
