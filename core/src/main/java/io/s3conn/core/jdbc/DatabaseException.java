package io.s3conn.core.jdbc;

/** The database could not be opened, migrated, read or written. Messages never contain passwords. */
public class DatabaseException extends RuntimeException {

    /**
     * @param message what failed, on which database (as {@link Database#displayUrl()} shows it: no password)
     * @param cause   the driver's exception
     */
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
