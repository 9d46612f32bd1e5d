package io.s3conn.core.jdbc;

import java.util.List;

/**
 * The tables s3conn keeps, as an ordered list of migrations. Append new steps; never edit one that
 * has shipped, because databases in the field have recorded it as applied.
 */
public final class Schema {

    private Schema() {
    }

    /** Every migration, oldest first. */
    public static List<Migration> migrations() {
        return List.of(
                new Migration(1, "checkpoints", dialect -> List.of("""
                        CREATE TABLE s3conn_checkpoints (
                          name %1$s NOT NULL PRIMARY KEY,
                          state TEXT NOT NULL,
                          updated_at %2$s NOT NULL
                        )%3$s""".formatted(dialect.keyType(), dialect.timestampType(), dialect.keyedTableSuffix()))),
                new Migration(2, "object inventory", dialect -> List.of("""
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
                        )%3$s""".formatted(dialect.keyType(), dialect.timestampType(), dialect.keyedTableSuffix()))),
                new Migration(3, "source state", dialect -> List.of("""
                        CREATE TABLE s3conn_source_objects (
                          source %1$s NOT NULL,
                          key %1$s NOT NULL,
                          version_id TEXT,
                          e_tag TEXT NOT NULL,
                          size BIGINT NOT NULL,
                          storage_class TEXT NOT NULL,
                          last_modified %2$s NOT NULL,
                          PRIMARY KEY (source, key)
                        )%3$s""".formatted(dialect.keyType(), dialect.timestampType(), dialect.keyedTableSuffix()))),
                new Migration(4, "restore requests", dialect -> List.of(
                        "ALTER TABLE s3_objects ADD COLUMN restore_requested_at " + dialect.timestampType(),
                        "ALTER TABLE s3_objects ADD COLUMN restore_tier TEXT")),
                new Migration(5, "object version inventory", dialect -> List.of("""
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
                        )%3$s""".formatted(dialect.keyType(), dialect.timestampType(), dialect.keyedTableSuffix()))),
                new Migration(6, "run leases", dialect -> List.of("""
                        CREATE TABLE s3conn_leases (
                          name %1$s NOT NULL PRIMARY KEY,
                          holder TEXT NOT NULL,
                          host TEXT NOT NULL,
                          pid BIGINT NOT NULL,
                          acquired_at %2$s NOT NULL,
                          expires_at %2$s NOT NULL
                        )%3$s""".formatted(dialect.keyType(), dialect.timestampType(), dialect.keyedTableSuffix()))));
    }
}
