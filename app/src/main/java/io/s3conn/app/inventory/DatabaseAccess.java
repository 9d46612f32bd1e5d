package io.s3conn.app.inventory;

import java.nio.file.Files;
import java.nio.file.Path;

import io.s3conn.core.jdbc.Database;
import io.s3conn.core.jdbc.DatabaseException;
import io.s3conn.core.jdbc.JdbcUrls;

/** Opens the database for commands that only read it, without creating a SQLite file that is not there. */
final class DatabaseAccess {

    private DatabaseAccess() {
    }

    /**
     * The database, opened read-only ({@link Database#openReadOnly}): a read-only file, directory or role works, and a
     * database without s3conn's tables, or with an older schema, is said to be so and left as it is. A SQLite file that does not exist is a database that cannot be opened (exit 5), not an empty
     * inventory: a mistyped {@code --database} must not look like a bucket with no objects, and reading must not
     * leave a new file behind.
     */
    static Database openExisting(String jdbcUrl) {
        JdbcUrls.sqliteFile(jdbcUrl)
                .filter(file -> !file.isEmpty() && !file.startsWith(":memory:") && !file.startsWith("file:"))
                .filter(file -> !Files.exists(Path.of(file)))
                .ifPresent(file -> {
                    throw new DatabaseException("no database " + jdbcUrl + ": the file " + file
                            + " does not exist; run `s3conn inventory sync` first, or check --database", null);
                });
        return Database.openReadOnly(jdbcUrl);
    }
}
