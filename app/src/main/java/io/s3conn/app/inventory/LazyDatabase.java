package io.s3conn.app.inventory;

import io.s3conn.core.jdbc.Database;

/** The s3conn database, opened on first use only, so that a command failing before it leaves it untouched. */
final class LazyDatabase implements AutoCloseable {

    private final String jdbcUrl;
    private Database database;

    LazyDatabase(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /** The database, opened (and migrated) by the first call. */
    Database open() {
        if (database == null) {
            database = Database.open(jdbcUrl);
        }
        return database;
    }

    @Override
    public void close() {
        if (database != null) {
            database.close();
        }
    }
}
