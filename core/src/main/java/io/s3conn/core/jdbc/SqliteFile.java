package io.s3conn.core.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
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

    /**
     * A file as it is now: which file, how long, last changed when.
     *
     * @param fileKey  the file's identity
     * @param size     its length in bytes
     * @param modified its last modification time
     */
    record Stamp(Object fileKey, long size, FileTime modified) {
    }

    /** {@code path} as it is now; empty when it cannot be told (no such file, no file keys). */
    static Optional<Stamp> stamp(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return Optional.ofNullable(attributes.fileKey())
                    .map(key -> new Stamp(key, attributes.size(), attributes.lastModifiedTime()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * A file read as immutable (SQLite's {@code immutable=1}: no locks), as it was when opened. What was read is the
     * file's content as long as the file stayed so; a writer that folded its log into it meanwhile may have changed
     * pages under the reader.
     *
     * @param path   the file
     * @param opened the file when it was opened
     */
    record Unchanging(Path path, Stamp opened) {

        /**
         * @throws DatabaseException when the file is no longer the one opened, or changed since
         */
        void checkUnchanged(String displayUrl) {
            if (!stamp(path).filter(opened::equals).isPresent()) {
                throw new DatabaseException("database " + displayUrl + " changed while it was read without locks (it has"
                        + " no write-ahead log and this user may not create one beside it, so a writer that started"
                        + " meanwhile was not locked out): run the command again", null);
            }
        }
    }
}
