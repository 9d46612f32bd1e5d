package io.s3conn.app.inventory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.s3conn.core.jdbc.Database;

/** Opens the database for commands that only read it, without creating a SQLite file that is not there. */
final class DatabaseAccess {

    private DatabaseAccess() {
    }

    /** The database, or empty when the URL names a SQLite file that does not exist yet. */
    static Optional<Database> openExisting(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            String file = jdbcUrl.substring("jdbc:sqlite:".length());
            int query = file.indexOf('?');
            if (query >= 0) {
                file = file.substring(0, query);
            }
            if (!file.isEmpty() && !file.startsWith(":memory:") && !file.startsWith("file:") && !Files.exists(Path.of(file))) {
                return Optional.empty();
            }
        }
        return Optional.of(Database.open(jdbcUrl));
    }
}
