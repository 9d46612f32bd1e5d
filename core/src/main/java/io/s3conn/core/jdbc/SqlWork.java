package io.s3conn.core.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A unit of work run inside one transaction by {@link Database#inTransaction(SqlWork)}.
 *
 * @param <T> what the work returns
 */
@FunctionalInterface
public interface SqlWork<T> {

    /** Does the work on a connection whose transaction commits when this returns normally. */
    T run(Connection connection) throws SQLException;
}
