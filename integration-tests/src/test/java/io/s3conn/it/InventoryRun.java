package io.s3conn.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.s3conn.glacier.ServerTraits;
import io.s3conn.core.jdbc.Database;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.s3.S3ConnectionSettings;
import io.s3conn.inventory.objects.InventoryRow;
import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.objects.InventorySync;
import io.s3conn.inventory.InventorySyncOptions;
import io.s3conn.inventory.objects.InventoryTable;
import io.s3conn.inventory.SyncListener;
import io.s3conn.inventory.SyncSummary;
import software.amazon.awssdk.services.s3.S3Client;

/** Runs syncs through the library API and reads the table back. */
final class InventoryRun {

    private final String databaseUrl;
    private final S3ConnectionSettings connection;
    private InventorySyncOptions options = InventorySyncOptions.defaults();

    InventoryRun(String databaseUrl) {
        this(databaseUrl, Fixtures.connection());
    }

    InventoryRun(String databaseUrl, S3ConnectionSettings connection) {
        this.databaseUrl = databaseUrl;
        this.connection = connection;
    }

    InventoryRun options(InventorySyncOptions newOptions) {
        this.options = newOptions;
        return this;
    }

    SyncSummary sync(String bucket) {
        return sync(new InventoryScope(bucket, ""));
    }

    SyncSummary sync(InventoryScope scope) {
        try (S3Client s3 = S3Clients.create(connection); Database database = Database.open(databaseUrl)) {
            return new InventorySync(s3, ServerTraits.of(connection.isAmazonS3()), database, options).run(scope, SyncListener.NONE);
        }
    }

    /** Rows by key, live and deleted. */
    Map<String, InventoryRow> rows(String bucket) {
        return rows(new InventoryScope(bucket, ""));
    }

    Map<String, InventoryRow> rows(InventoryScope scope) {
        Map<String, InventoryRow> rows = new LinkedHashMap<>();
        try (Database database = Database.open(databaseUrl)) {
            new InventoryTable(database).forEach(scope, true, row -> rows.put(row.object().key(), row));
        }
        return rows;
    }

    /** Keys of live rows, in table order. */
    List<String> liveKeys(String bucket) {
        List<String> keys = new ArrayList<>();
        rows(bucket).forEach((key, row) -> {
            if (row.deletedAt().isEmpty()) {
                keys.add(key);
            }
        });
        return keys;
    }
}
