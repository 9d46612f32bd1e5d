package io.s3conn.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.s3conn.glacier.ServerTraits;
import io.s3conn.core.jdbc.Database;
import io.s3conn.core.s3.S3Clients;
import io.s3conn.core.s3.S3ConnectionSettings;
import io.s3conn.inventory.InventoryCheckpoint;
import io.s3conn.inventory.objects.InventoryRow;
import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.objects.InventorySync;
import io.s3conn.inventory.InventorySyncOptions;
import io.s3conn.inventory.objects.InventoryTable;
import io.s3conn.inventory.SyncListener;
import io.s3conn.inventory.SyncSummary;
import io.s3conn.testbed.S3Server;
import software.amazon.awssdk.services.s3.S3Client;

/** Runs syncs through the library API and reads the table back. */
final class InventoryRun {

    private final String databaseUrl;
    private final S3ConnectionSettings connection;
    private InventorySyncOptions options = InventorySyncOptions.defaults();
    private Supplier<S3Client> clients;

    InventoryRun(String databaseUrl) {
        this(databaseUrl, Fixtures.connection());
    }

    InventoryRun(String databaseUrl, S3ConnectionSettings connection) {
        this.databaseUrl = databaseUrl;
        this.connection = connection;
        this.clients = () -> S3Clients.create(connection);
    }

    /** Syncs through clients of {@code server} that count their requests in {@code counted}. */
    InventoryRun countingIn(CountedRequests counted, S3Server server) {
        this.clients = () -> counted.client(server);
        return this;
    }

    String databaseUrl() {
        return databaseUrl;
    }

    InventoryRun options(InventorySyncOptions newOptions) {
        this.options = newOptions;
        return this;
    }

    SyncSummary sync(String bucket) {
        return sync(new InventoryScope(bucket, ""));
    }

    SyncSummary sync(InventoryScope scope) {
        try (S3Client s3 = clients.get(); Database database = Database.open(databaseUrl)) {
            return new InventorySync(s3, ServerTraits.of(connection.isAmazonS3()), database, options).run(scope, SyncListener.NONE);
        }
    }

    /** The stored checkpoint of a scope. */
    InventoryCheckpoint checkpoint(InventoryScope scope) {
        try (S3Client s3 = clients.get(); Database database = Database.open(databaseUrl)) {
            return new InventorySync(s3, ServerTraits.of(connection.isAmazonS3()), database, options).checkpoint(scope)
                    .orElseThrow();
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

    /** The names of the leases held in the database ({@code s3conn_leases}): runs in progress, or left by a killed one. */
    List<String> leases() {
        List<String> names = new ArrayList<>();
        try (var connection = java.sql.DriverManager.getConnection(databaseUrl);
             var rs = connection.createStatement().executeQuery("SELECT name FROM s3conn_leases ORDER BY name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return names;
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
