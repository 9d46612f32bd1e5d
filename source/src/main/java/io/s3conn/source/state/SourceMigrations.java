package io.s3conn.source.state;

import java.util.List;

import io.s3conn.core.jdbc.Migration;
import io.s3conn.core.jdbc.SchemaMigrations;

/**
 * The source's tables: what it has emitted, per source state name ({@code s3conn_source_objects}), the
 * archived objects it waits for the restores of before it emits them ({@code s3conn_source_restores}), and what a
 * host was handed but has not committed yet, written ahead ({@code s3conn_source_ahead}).
 *
 * <p>Found by {@link java.util.ServiceLoader}. Append new steps with the next version number not
 * used by any module (see {@link io.s3conn.core.jdbc.Schema}); never edit one that has shipped.
 */
public final class SourceMigrations implements SchemaMigrations {

    @Override
    public String module() {
        return "source";
    }

    @Override
    public List<Migration> migrations() {
        return List.of(
                Migration.createTable(3, "source state", """
                        CREATE TABLE s3conn_source_objects (
                          source %1$s NOT NULL,
                          key %1$s NOT NULL,
                          version_id TEXT,
                          e_tag TEXT NOT NULL,
                          size BIGINT NOT NULL,
                          storage_class TEXT NOT NULL,
                          last_modified %2$s NOT NULL,
                          PRIMARY KEY (source, key)
                        )%3$s"""),
                // Step 7: pending restores (source read --restore-archived); 4-6 were taken by other modules.
                Migration.createTable(7, "source pending restores", """
                        CREATE TABLE s3conn_source_restores (
                          source %1$s NOT NULL,
                          key %1$s NOT NULL,
                          version_id TEXT,
                          e_tag TEXT NOT NULL,
                          size BIGINT NOT NULL,
                          storage_class TEXT NOT NULL,
                          last_modified %2$s NOT NULL,
                          operation TEXT NOT NULL,
                          waiting_since %2$s NOT NULL,
                          PRIMARY KEY (source, key)
                        )%3$s"""),
                // Step 8: what a host was handed and has not committed yet, written ahead (SourceWriteAhead).
                Migration.createTable(8, "source state written ahead", """
                        CREATE TABLE s3conn_source_ahead (
                          source %1$s NOT NULL,
                          seq BIGINT NOT NULL,
                          entry TEXT NOT NULL,
                          position TEXT,
                          operation TEXT,
                          key %1$s,
                          version_id TEXT,
                          e_tag TEXT,
                          size BIGINT,
                          storage_class TEXT,
                          last_modified %2$s,
                          waiting_since %2$s,
                          PRIMARY KEY (source, seq)
                        )%3$s"""));
    }
}
