package io.s3conn.core.jdbc;

/** The database could not be opened, migrated, read or written. Messages never contain passwords. */
public class DatabaseException extends RuntimeException {

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
