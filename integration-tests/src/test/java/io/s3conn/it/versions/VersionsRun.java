package io.s3conn.it.versions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.s3conn.glacier.ServerTraits;
import io.s3conn.core.jdbc.Database;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.s3.S3ConnectionSettings;
import io.s3conn.inventory.InventoryCheckpoint;
import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.InventorySyncOptions;
import io.s3conn.inventory.SyncListener;
import io.s3conn.inventory.SyncSummary;
import io.s3conn.inventory.versions.VersionInventorySync;
import io.s3conn.inventory.versions.VersionInventoryTable;
import io.s3conn.inventory.versions.VersionRow;
import io.s3conn.it.Fixtures;
import io.s3conn.testbed.S3Server;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/** Runs version syncs through the library API into a SQLite file of its own, and reads the table back. */
final class VersionsRun {

    private final String databaseUrl;
    private final S3ConnectionSettings connection;
    private InventorySyncOptions options = InventorySyncOptions.defaults().withPageSize(3);

    /** Into a fresh SQLite file, three entries a listing page. */
    VersionsRun() {
        this(Fixtures.newSqliteUrl());
    }

    /** Into the given database, three entries a listing page. */
    VersionsRun(String databaseUrl) {
        this(databaseUrl, Fixtures.testBed());
    }

    /** Against {@code server}, into a fresh SQLite file, three entries a listing page. */
    VersionsRun(S3Server server) {
        this(Fixtures.newSqliteUrl(), server);
    }

    private VersionsRun(String databaseUrl, S3Server server) {
        this.databaseUrl = databaseUrl;
        this.connection = Fixtures.connection(server);
    }

    VersionsRun options(InventorySyncOptions newOptions) {
        options = newOptions;
        return this;
    }

    SyncSummary sync(String bucket) {
        return sync(bucket, SyncListener.NONE);
    }

    SyncSummary sync(String bucket, SyncListener listener) {
        try (S3Client s3 = S3Clients.create(connection); Database database = Database.open(databaseUrl)) {
            return new VersionInventorySync(s3, ServerTraits.of(connection.isAmazonS3()), database, options)
                    .run(new InventoryScope(bucket, ""), listener);
        }
    }

    /** The stored checkpoint of a bucket's version inventory. */
    InventoryCheckpoint checkpoint(String bucket) {
        try (S3Client s3 = S3Clients.create(connection); Database database = Database.open(databaseUrl)) {
            return new VersionInventorySync(s3, ServerTraits.of(connection.isAmazonS3()), database, options)
                    .checkpoint(new InventoryScope(bucket, "")).orElseThrow();
        }
    }

    /** Every row, live and deleted, by {@code key/versionId}, in the table's order. */
    Map<String, VersionRow> rows(String bucket) {
        Map<String, VersionRow> rows = new LinkedHashMap<>();
        try (Database database = Database.open(databaseUrl)) {
            new VersionInventoryTable(database).forEach(new InventoryScope(bucket, ""), true,
                    row -> rows.put(row.version().key() + "/" + row.version().versionId(), row));
        }
        return rows;
    }

    /** {@code key/versionId} of the live rows, in the table's order. */
    List<String> liveIds(String bucket) {
        List<String> ids = new ArrayList<>();
        rows(bucket).forEach((id, row) -> {
            if (row.deletedAt().isEmpty()) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** A new bucket with versioning enabled. */
    static String newVersionedBucket(String purpose) {
        String bucket = Fixtures.newBucket("versions-" + purpose);
        setVersioning(bucket, BucketVersioningStatus.ENABLED);
        return bucket;
    }

    static void setVersioning(String bucket, BucketVersioningStatus status) {
        setVersioning(Fixtures.testBed(), bucket, status);
    }

    static void setVersioning(S3Server server, String bucket, BucketVersioningStatus status) {
        server.client().putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(status)));
    }
}
