package io.s3conn.core.jdbc;

import java.util.List;

/**
 * The tables of core: checkpoints and run leases.
 *
 * <p>Found by {@link java.util.ServiceLoader}. Append new steps with the next version number not
 * used by any module (see {@link io.s3conn.core.jdbc.Schema}); never edit one that has shipped.
 */
public final class CoreMigrations implements SchemaMigrations {

    @Override
    public String module() {
        return "core";
    }

    @Override
    public List<Migration> migrations() {
        return List.of(
                Migration.createTable(1, "checkpoints", """
                        CREATE TABLE s3conn_checkpoints (
                          name %1$s NOT NULL PRIMARY KEY,
                          state TEXT NOT NULL,
                          updated_at %2$s NOT NULL
                        )%3$s"""),
                Migration.createTable(6, "run leases", """
                        CREATE TABLE s3conn_leases (
                          name %1$s NOT NULL PRIMARY KEY,
                          holder TEXT NOT NULL,
                          host TEXT NOT NULL,
                          pid BIGINT NOT NULL,
                          acquired_at %2$s NOT NULL,
                          expires_at %2$s NOT NULL
                        )%3$s"""));
    }
}
