package io.s3conn.core.jdbc;

import java.util.List;

/**
 * The migrations of one module's tables. Each module owns its tables and registers one implementation
 * in {@code META-INF/services/io.s3conn.core.jdbc.SchemaMigrations}; a database is migrated with the
 * steps of every module on the classpath, so a host that carries only the source never creates the
 * inventory's tables.
 */
public interface SchemaMigrations {

    /** The module whose tables these are, for error messages. */
    String module();

    /** The module's steps, oldest first. */
    List<Migration> migrations();
}
