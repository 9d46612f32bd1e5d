package io.s3conn.inventory.versions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.jdbc.Dialect;
import io.s3conn.core.model.RestoreStatus;
import io.s3conn.inventory.InventoryScope;
import io.s3conn.inventory.ScopeCounts;
import io.s3conn.inventory.ScopedTable;
import io.s3conn.source.diff.RangeStore;
import io.s3conn.source.range.KeyRange;

/**
 * The {@code s3_object_versions} table: reads and writes of one scope's rows, one row per version and
 * delete marker, keyed by (bucket, prefix, key, version_id).
 *
 * <p>Rows are never removed: a version that is gone keeps its row with {@code deleted_at} set (and
 * {@code is_latest} false), and the row comes back to life (with a new {@code first_seen_at}) if the version is
 * listed again.
 */
public final class VersionInventoryTable {

    private static final String COLUMNS = "key, version_id, is_latest, is_delete_marker, size, e_tag, storage_class, "
            + "last_modified, restore_status, restore_expiry, first_seen_at, synced_at, deleted_at";

    /**
     * A version that is gone is no key's latest entry any more, so that {@code is_latest} alone (without
     * {@code deleted_at IS NULL}) still picks one row per existing key: after the latest version or delete
     * marker is deleted, the entry before it is the latest.
     */
    private static final String GONE_IS_NOT_LATEST = ", is_latest = FALSE";

    private final Database database;
    private final ScopedTable rows;

    /** The {@code s3_object_versions} table of {@code database}, owned by the caller. */
    public VersionInventoryTable(Database database) {
        this.database = database;
        this.rows = new ScopedTable(database, "s3_object_versions");
    }

    /** The rows of one scope, as the range-diff engine keeps them. */
    RangeStore<VersionEntry, VersionPageChanges> store(InventoryScope scope) {
        return new RangeStore<>() {
            @Override
            public VersionPageChanges compare(Connection connection, KeyRange range, List<VersionEntry> listed)
                    throws SQLException {
                return VersionInventoryTable.this.compare(connection, scope, range, listed);
            }

            @Override
            public void upsert(Connection connection, List<VersionEntry> entries, Instant now) throws SQLException {
                VersionInventoryTable.this.upsert(connection, scope, entries, now);
            }

            @Override
            public int markDeleted(Connection connection, KeyRange range, List<VersionEntry> listed,
                                   VersionPageChanges diff, Instant now) throws SQLException {
                Set<String> listedKeys = new LinkedHashSet<>();
                listed.forEach(e -> listedKeys.add(e.key()));
                return VersionInventoryTable.this.markDeleted(connection, scope, range, listedKeys, diff, now);
            }
        };
    }

    /**
     * Compares a page with the rows of its key range. The rows are streamed, so tombstones and vanished
     * keys cost no memory; only the page itself is held.
     */
    VersionPageChanges compare(Connection connection, InventoryScope scope, KeyRange range,
                               List<VersionEntry> page) throws SQLException {
        Dialect dialect = database.dialect();
        Map<VersionPageChanges.VersionId, VersionEntry> unmatched = new LinkedHashMap<>();
        Set<String> listedKeys = new LinkedHashSet<>();
        for (VersionEntry entry : page) {
            unmatched.put(new VersionPageChanges.VersionId(entry.key(), entry.versionId()), entry);
            listedKeys.add(entry.key());
        }
        List<VersionEntry> updated = new ArrayList<>();
        List<VersionPageChanges.VersionId> vanished = new ArrayList<>();
        int[] liveRowsOfUnlistedKeys = {0};
        rows.stream(connection, COLUMNS, scope, range, "", "", rs -> {
            VersionPageChanges.VersionId id = new VersionPageChanges.VersionId(rs.getString("key"), rs.getString("version_id"));
            boolean deleted = rs.getObject("deleted_at") != null;
            VersionEntry listed = unmatched.remove(id);
            if (listed == null) {
                if (deleted) {
                    return;
                }
                if (listedKeys.contains(id.key())) {
                    vanished.add(id);
                } else {
                    liveRowsOfUnlistedKeys[0]++;
                }
            } else if (deleted || !sameAsStored(listed, rs, dialect)) {
                updated.add(listed);
            }
        });
        return new VersionPageChanges(List.copyOf(unmatched.values()), updated, vanished, liveRowsOfUnlistedKeys[0]);
    }

    private static boolean sameAsStored(VersionEntry listed, ResultSet rs, Dialect dialect) throws SQLException {
        return listed.latest() == rs.getBoolean("is_latest")
                && listed.deleteMarker() == rs.getBoolean("is_delete_marker")
                && listed.size().equals(optionalLong(rs, "size"))
                && listed.eTag().equals(Optional.ofNullable(rs.getString("e_tag")))
                && listed.storageClass().equals(Optional.ofNullable(rs.getString("storage_class")))
                && dialect.getInstant(rs, "last_modified").equals(Optional.of(Dialect.storedPrecision(listed.lastModified())))
                && listed.restore().label().equals(rs.getString("restore_status"))
                && dialect.getInstant(rs, "restore_expiry").equals(listed.restore().expiry().map(Dialect::storedPrecision));
    }

    private static Optional<Long> optionalLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    /** Inserts new rows and rewrites changed or re-created ones. */
    void upsert(Connection connection, InventoryScope scope, Collection<VersionEntry> entries, Instant now)
            throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        Dialect dialect = database.dialect();
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO s3_object_versions (bucket, prefix, " + COLUMNS + ") "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL) "
                        + "ON CONFLICT (bucket, prefix, key, version_id) DO UPDATE SET is_latest = excluded.is_latest, "
                        + "is_delete_marker = excluded.is_delete_marker, size = excluded.size, e_tag = excluded.e_tag, "
                        + "storage_class = excluded.storage_class, last_modified = excluded.last_modified, "
                        + "restore_status = excluded.restore_status, restore_expiry = excluded.restore_expiry, "
                        + "first_seen_at = CASE WHEN s3_object_versions.deleted_at IS NULL "
                        + "THEN s3_object_versions.first_seen_at ELSE excluded.first_seen_at END, "
                        + "synced_at = excluded.synced_at, deleted_at = NULL")) {
            for (VersionEntry entry : entries) {
                upsert.setString(1, scope.bucket());
                upsert.setString(2, scope.prefix());
                upsert.setString(3, entry.key());
                upsert.setString(4, entry.versionId());
                upsert.setBoolean(5, entry.latest());
                upsert.setBoolean(6, entry.deleteMarker());
                if (entry.size().isPresent()) {
                    upsert.setLong(7, entry.size().get());
                } else {
                    upsert.setNull(7, Types.BIGINT);
                }
                upsert.setString(8, entry.eTag().orElse(null));
                upsert.setString(9, entry.storageClass().orElse(null));
                dialect.setInstant(upsert, 10, entry.lastModified());
                upsert.setString(11, entry.restore().label());
                dialect.setInstant(upsert, 12, entry.restore().expiry());
                dialect.setInstant(upsert, 13, now);
                dialect.setInstant(upsert, 14, now);
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    /**
     * Marks as deleted the live rows of a range that the page did not list: every row of a key the page
     * lacks, and the {@code vanished} versions of keys it lists. Returns how many rows were marked.
     *
     * @param listedKeys the distinct keys of the page
     */
    int markDeleted(Connection connection, InventoryScope scope, KeyRange range, Collection<String> listedKeys,
                    VersionPageChanges changes, Instant now) throws SQLException {
        int marked = 0;
        Dialect dialect = database.dialect();
        if (changes.liveRowsOfUnlistedKeys() > 0) {
            marked += rows.markUnlistedDeleted(connection, scope, range, listedKeys, GONE_IS_NOT_LATEST, now);
        }
        if (!changes.vanished().isEmpty()) {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE s3_object_versions SET deleted_at = ?, synced_at = ?" + GONE_IS_NOT_LATEST
                            + " WHERE bucket = ? AND prefix = ? "
                            + "AND key = ? AND version_id = ? AND deleted_at IS NULL")) {
                for (VersionPageChanges.VersionId id : changes.vanished()) {
                    dialect.setInstant(update, 1, now);
                    dialect.setInstant(update, 2, now);
                    update.setString(3, scope.bucket());
                    update.setString(4, scope.prefix());
                    update.setString(5, id.key());
                    update.setString(6, id.versionId());
                    update.addBatch();
                }
                for (int count : update.executeBatch()) {
                    marked += Math.max(count, 0);
                }
            }
        }
        return marked;
    }

    /**
     * Live versions of a scope (delete markers not counted), by storage class and by restore status label
     * ({@code ""} for readable); {@code objects} counts versions and {@code bytes} sums their sizes; the delete markers
     * are counted apart.
     */
    public ScopeCounts counts(InventoryScope scope) {
        return rows.counts(scope, " AND is_delete_marker = FALSE")
                .withDeleteMarkers(rows.count(scope, " AND is_delete_marker = TRUE"));
    }

    /**
     * Streams a scope's rows to {@code consumer}, in key order and, within a key, newest first
     * (the latest entry first, then by LastModified; ties by version id).
     *
     * @param includeDeleted also rows of versions that are gone
     */
    public void forEach(InventoryScope scope, boolean includeDeleted, Consumer<VersionRow> consumer) {
        Dialect dialect = database.dialect();
        database.inTransaction(connection -> {
            rows.stream(connection, COLUMNS, scope, KeyRange.ALL, includeDeleted ? "" : " AND deleted_at IS NULL",
                    " ORDER BY key, is_latest DESC, last_modified DESC, version_id", rs -> {
                        VersionEntry entry = new VersionEntry(rs.getString("key"), rs.getString("version_id"),
                                rs.getBoolean("is_latest"), rs.getBoolean("is_delete_marker"), optionalLong(rs, "size"),
                                Optional.ofNullable(rs.getString("e_tag")), Optional.ofNullable(rs.getString("storage_class")),
                                dialect.getInstant(rs, "last_modified").orElseThrow(),
                                RestoreStatus.fromLabel(rs.getString("restore_status"), dialect.getInstant(rs, "restore_expiry")));
                        consumer.accept(new VersionRow(entry, dialect.getInstant(rs, "first_seen_at").orElseThrow(),
                                dialect.getInstant(rs, "synced_at").orElseThrow(), dialect.getInstant(rs, "deleted_at")));
                    });
            return null;
        });
    }
}
