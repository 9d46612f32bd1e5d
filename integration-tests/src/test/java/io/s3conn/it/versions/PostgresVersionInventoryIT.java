package io.s3conn.it.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.s3conn.inventory.SyncSummary;
import io.s3conn.inventory.versions.VersionRow;
import io.s3conn.it.Fixtures;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The version inventory on a real PostgreSQL server: key order, booleans, upserts and tombstones. */
class PostgresVersionInventoryIT {

    private final S3Client s3 = Fixtures.testBed().client();
    private final VersionsRun versions = new VersionsRun(Fixtures.postgres().freshDatabase());

    @Test
    void keysSortInS3OrderSoPagesOfVersionsMatchTheirRanges() {
        String bucket = VersionsRun.newVersionedBucket("pg-order");
        // Upper and lower case, punctuation and non-ASCII: a locale collation orders these unlike S3.
        List<String> keys = List.of("B", "a", "_x", "Z", "é", "e", "-dash", "A b", "~", "日本", "😀", "a_b", "a-b");
        List<String> ids = new ArrayList<>();
        for (String key : keys) {
            ids.add(key + "/" + put(bucket, key, "1"));
            ids.add(key + "/" + put(bucket, key, "2"));
        }

        versions.sync(bucket);
        SyncSummary second = versions.sync(bucket);

        assertThat(versions.liveIds(bucket)).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(second.counters().changed()).isZero();
        assertThat(second.counters().deleted()).isZero();
    }

    @Test
    void aNewVersionAndADeletedVersionAreReflected() {
        String bucket = VersionsRun.newVersionedBucket("pg-incremental");
        String first = put(bucket, "k", "one");
        String second = put(bucket, "k", "two");
        versions.sync(bucket);

        s3.deleteObject(r -> r.bucket(bucket).key("k").versionId(first));
        String third = put(bucket, "k", "three");
        SyncSummary summary = versions.sync(bucket);

        Map<String, VersionRow> rows = versions.rows(bucket);
        assertThat(rows.get("k/" + first).deletedAt()).isPresent();
        assertThat(rows.get("k/" + second).version().latest()).isFalse();
        assertThat(rows.get("k/" + third).version().latest()).isTrue();
        assertThat(summary.counters().deleted()).isEqualTo(1);
        assertThat(summary.contents().objects()).isEqualTo(2);
    }

    private String put(String bucket, String key, String content) {
        return s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(content)).versionId();
    }
}
