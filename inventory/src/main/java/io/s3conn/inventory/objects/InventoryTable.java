package io.s3conn.inventory.objects;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.jdbc.Dialect;
import io.s3conn.core.model.ObjectSummary;
import io.s3conn.core.model.RestoreStatus;
import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.ScopeCounts;
import io.s3conn.source.diff.RangeStore;
import io.s3conn.source.range.KeyRange;

/**
 * The {@code s3_objects} table: reads and writes of one scope's rows.
 *
 * <p>Rows are never removed: a vanished object keeps its row with {@code deleted_at} set, and the
 * row comes back to life (with a new {@code first_seen_at}) if the key reappears.
 */
public final class InventoryTable {

    private static final String COLUMNS =
            "key, size, e_tag, storage_class, last_modified, restore_status, restore_expiry, first_seen_at, synced_at, deleted_at";

    private final Database database;

    public InventoryTable(Database database) {
        this.database = database;
    }

    /** The rows of one scope, as the range-diff engine keeps them. */
    RangeStore<ResolvedObject, PageChanges> store(InventoryScope scope) {
        return new RangeStore<>() {
            @Override
            public PageChanges compare(Connection connection, KeyRange range, List<ResolvedObject> listed)
                    throws SQLException {
                return InventoryTable.this.compare(connection, scope, range, listed);
            }

            @Override
            public void upsert(Connection connection, List<ResolvedObject> entries, Instant now) throws SQLException {
                InventoryTable.this.upsert(connection, scope, entries, now);
            }

            @Override
            public int markDeleted(Connection connection, KeyRange range, List<ResolvedObject> listed, PageChanges diff,
                                   Instant now) throws SQLException {
                return InventoryTable.this.markDeleted(connection, scope, range,
                        listed.stream().map(o -> o.summary().key()).toList(), now);
            }
        };
    }

    /** Compares a page with the rows of its key range, streaming the rows so tombstones cost no memory. */
    PageChanges compare(Connection connection, InventoryScope scope, KeyRange range, List<ResolvedObject> page)
            throws SQLException {
        Dialect dialect = database.dialect();
        Map<String, ResolvedObject> unmatched = new LinkedHashMap<>();
        for (ResolvedObject object : page) {
            unmatched.put(object.summary().key(), object);
        }
        List<ResolvedObject> updated = new ArrayList<>();
        int liveUnmatched = 0;
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM s3_objects WHERE bucket = ? AND prefix = ?" + range.sql())) {
            query.setFetchSize(1000);
            query.setString(1, scope.bucket());
            query.setString(2, scope.prefix());
            range.bind(query, 3);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString("key");
                    boolean deleted = rs.getObject("deleted_at") != null;
                    ResolvedObject listed = unmatched.remove(key);
                    if (listed == null) {
                        if (!deleted) {
                            liveUnmatched++;
                        }
                    } else if (deleted || !sameAsStored(listed, rs, dialect)) {
                        updated.add(listed);
                    }
                }
            }
        }
        return new PageChanges(List.copyOf(unmatched.values()), updated, liveUnmatched);
    }

    private static boolean sameAsStored(ResolvedObject listed, ResultSet rs, Dialect dialect) throws SQLException {
        ObjectSummary object = listed.summary();
        return object.size() == rs.getLong("size")
                && object.eTag().equals(rs.getString("e_tag"))
                && object.storageClass().equals(rs.getString("storage_class"))
                && dialect.getInstant(rs, "last_modified").equals(Optional.of(Dialect.storedPrecision(object.lastModified())))
                && listed.restore().label().equals(rs.getString("restore_status"))
                && dialect.getInstant(rs, "restore_expiry").equals(listed.restore().expiry().map(Dialect::storedPrecision));
    }

    /** Inserts new rows and rewrites changed or re-created ones. */
    void upsert(Connection connection, InventoryScope scope, Collection<ResolvedObject> objects, Instant now)
            throws SQLException {
        if (objects.isEmpty()) {
            return;
        }
        Dialect dialect = database.dialect();
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO s3_objects (bucket, prefix, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL) "
                        + "ON CONFLICT (bucket, prefix, key) DO UPDATE SET size = excluded.size, e_tag = excluded.e_tag, "
                        + "storage_class = excluded.storage_class, last_modified = excluded.last_modified, "
                        + "restore_status = excluded.restore_status, restore_expiry = excluded.restore_expiry, "
                        + "first_seen_at = CASE WHEN s3_objects.deleted_at IS NULL THEN s3_objects.first_seen_at "
                        + "ELSE excluded.first_seen_at END, "
                        + "synced_at = excluded.synced_at, deleted_at = NULL")) {
            for (ResolvedObject object : objects) {
                ObjectSummary summary = object.summary();
                upsert.setString(1, scope.bucket());
                upsert.setString(2, scope.prefix());
                upsert.setString(3, summary.key());
                upsert.setLong(4, summary.size());
                upsert.setString(5, summary.eTag());
                upsert.setString(6, summary.storageClass());
                dialect.setInstant(upsert, 7, summary.lastModified());
                upsert.setString(8, object.restore().label());
                dialect.setInstant(upsert, 9, object.restore().expiry());
                dialect.setInstant(upsert, 10, now);
                dialect.setInstant(upsert, 11, now);
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    /** Marks as deleted the live rows of a range whose keys the listing did not show; returns how many. */
    int markDeleted(Connection connection, InventoryScope scope, KeyRange range, Collection<String> listedKeys,
                    Instant now) throws SQLException {
        String notListed = listedKeys.isEmpty() ? ""
                : " AND key NOT IN (" + String.join(", ", Collections.nCopies(listedKeys.size(), "?")) + ")";
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE s3_objects SET deleted_at = ?, synced_at = ? WHERE bucket = ? AND prefix = ? AND deleted_at IS NULL"
                        + range.sql() + notListed)) {
            database.dialect().setInstant(update, 1, now);
            database.dialect().setInstant(update, 2, now);
            update.setString(3, scope.bucket());
            update.setString(4, scope.prefix());
            int next = range.bind(update, 5);
            for (String key : listedKeys) {
                update.setString(next++, key);
            }
            return update.executeUpdate();
        }
    }

    /** Live objects of a scope counted by storage class and by restore status label ({@code ""} for readable). */
    public ScopeCounts counts(InventoryScope scope) {
        return database.inTransaction(connection -> {
            Map<String, Long> byClass = new TreeMap<>();
            Map<String, Long> byStatus = new TreeMap<>();
            long objects = 0;
            long bytes = 0;
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT storage_class, restore_status, COUNT(*), COALESCE(SUM(size), 0) FROM s3_objects "
                            + "WHERE bucket = ? AND prefix = ? AND deleted_at IS NULL GROUP BY storage_class, restore_status")) {
                query.setString(1, scope.bucket());
                query.setString(2, scope.prefix());
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        long count = rs.getLong(3);
                        byClass.merge(rs.getString(1), count, Long::sum);
                        byStatus.merge(rs.getString(2), count, Long::sum);
                        objects += count;
                        bytes += rs.getLong(4);
                    }
                }
            }
            return new ScopeCounts(objects, bytes, byClass, byStatus);
        });
    }

    /**
     * Streams a scope's rows in key order to {@code consumer}.
     *
     * @param includeDeleted also rows of objects that are gone
     */
    public void forEach(InventoryScope scope, boolean includeDeleted, Consumer<InventoryRow> consumer) {
        Dialect dialect = database.dialect();
        database.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM s3_objects WHERE bucket = ? AND prefix = ?" + (includeDeleted ? "" : " AND deleted_at IS NULL")
                    + " ORDER BY key")) {
                query.setFetchSize(1000);
                query.setString(1, scope.bucket());
                query.setString(2, scope.prefix());
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        ObjectSummary summary = new ObjectSummary(rs.getString("key"), rs.getLong("size"),
                                rs.getString("e_tag"), rs.getString("storage_class"),
                                dialect.getInstant(rs, "last_modified").orElseThrow());
                        RestoreStatus restore = RestoreStatus.fromLabel(rs.getString("restore_status"),
                                dialect.getInstant(rs, "restore_expiry"));
                        consumer.accept(new InventoryRow(summary, restore,
                                dialect.getInstant(rs, "first_seen_at").orElseThrow(),
                                dialect.getInstant(rs, "synced_at").orElseThrow(),
                                dialect.getInstant(rs, "deleted_at")));
                    }
                }
            }
            return null;
        });
    }
}
