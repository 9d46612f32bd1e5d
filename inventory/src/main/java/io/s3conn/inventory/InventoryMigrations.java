package io.s3conn.inventory;

import java.util.List;

import io.s3conn.core.jdbc.Migration;
import io.s3conn.core.jdbc.SchemaMigrations;

/**
 * The inventory tables {@code s3_objects} and {@code s3_object_versions}.
 *
 * <p>Found by {@link java.util.ServiceLoader}. Append new steps with the next version number not
 * used by any module (see {@link io.s3conn.core.jdbc.Schema}); never edit one that has shipped.
 */
public final class InventoryMigrations implements SchemaMigrations {

    @Override
    public String module() {
        return "inventory";
    }

    @Override
    public List<Migration> migrations() {
        return List.of(
                Migration.createTable(2, "object inventory", """
                        CREATE TABLE s3_objects (
                          bucket %1$s NOT NULL,
                          prefix %1$s NOT NULL,
                          key %1$s NOT NULL,
                          size BIGINT NOT NULL,
                          e_tag TEXT NOT NULL,
                          storage_class TEXT NOT NULL,
                          last_modified %2$s NOT NULL,
                          restore_status TEXT NOT NULL,
                          restore_expiry %2$s,
                          first_seen_at %2$s NOT NULL,
                          synced_at %2$s NOT NULL,
                          deleted_at %2$s,
                          PRIMARY KEY (bucket, prefix, key)
                        )%3$s"""),
                new Migration(4, "restore requests", dialect -> List.of(
                        "ALTER TABLE s3_objects ADD COLUMN restore_requested_at " + dialect.timestampType(),
                        "ALTER TABLE s3_objects ADD COLUMN restore_tier TEXT")),
                Migration.createTable(5, "object version inventory", """
                        CREATE TABLE s3_object_versions (
                          bucket %1$s NOT NULL,
                          prefix %1$s NOT NULL,
                          key %1$s NOT NULL,
                          version_id %1$s NOT NULL,
                          is_latest BOOLEAN NOT NULL,
                          is_delete_marker BOOLEAN NOT NULL,
                          size BIGINT,
                          e_tag TEXT,
                          storage_class TEXT,
                          last_modified %2$s NOT NULL,
                          restore_status TEXT NOT NULL,
                          restore_expiry %2$s,
                          first_seen_at %2$s NOT NULL,
                          synced_at %2$s NOT NULL,
                          deleted_at %2$s,
                          PRIMARY KEY (bucket, prefix, key, version_id)
                        )%3$s"""));
    }
}
