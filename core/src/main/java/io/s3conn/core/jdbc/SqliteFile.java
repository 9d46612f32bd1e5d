package io.s3conn.core.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The file a SQLite connection has open, as it was when opened (path and file identity). A connection whose file
 * was removed (or replaced) goes on writing into the unlinked file without an error in WAL mode, so every commit
 * would succeed into a database nobody can open again; {@link #checkStillThere} turns that into a database error.
 *
 * @param path    the file's absolute path
 * @param fileKey the file's identity (device and inode on Linux)
 */
record SqliteFile(Path path, Object fileKey) {

    /** The main database file of {@code connection}; empty for an in-memory database or a file system without file keys. */
    static Optional<SqliteFile> of(Connection connection) throws SQLException {
        String file = null;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA database_list")) {
            while (rs.next()) {
                if ("main".equals(rs.getString("name"))) {
                    file = rs.getString("file");
                }
            }
        }
        if (file == null || file.isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(file);
        return key(path).map(key -> new SqliteFile(path, key));
    }

    /**
     * @throws DatabaseException when the path no longer names the file that was opened
     */
    void checkStillThere(String displayUrl) {
        if (!key(path).filter(fileKey::equals).isPresent()) {
            throw new DatabaseException("database " + displayUrl + ": the SQLite file " + path
                    + " was removed or replaced while s3conn wrote to it; what this run wrote is not in it", null);
        }
    }

    private static Optional<Object> key(Path path) {
        try {
            return Optional.ofNullable(Files.readAttributes(path, BasicFileAttributes.class).fileKey());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
