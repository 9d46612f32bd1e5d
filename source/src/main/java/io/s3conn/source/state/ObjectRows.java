package io.s3conn.source.state;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import io.s3conn.core.jdbc.Dialect;
import io.s3conn.source.walk.ObjectVersion;

/**
 * How the source's tables hold an object: the same six columns in {@code s3conn_source_objects} (what was
 * emitted) and {@code s3conn_source_restores} (what waits for a restore), written and read one way.
 */
final class ObjectRows {

    /** The columns, in the order {@link #bind} and {@link #read} use. */
    static final String COLUMNS = "key, version_id, e_tag, size, storage_class, last_modified";
    /** Their updates in an upsert, from the row that conflicted ({@code key} is part of the primary key). */
    static final String UPDATES = "version_id = excluded.version_id, e_tag = excluded.e_tag, size = excluded.size, "
            + "storage_class = excluded.storage_class, last_modified = excluded.last_modified";

    private ObjectRows() {
    }

    /** Sets the six columns of {@code object} from parameter {@code first} on. */
    static void bind(PreparedStatement statement, int first, ObjectVersion object, Dialect dialect) throws SQLException {
        statement.setString(first, object.key());
        statement.setString(first + 1, object.versionId().orElse(null));
        statement.setString(first + 2, object.eTag());
        statement.setLong(first + 3, object.size());
        statement.setString(first + 4, object.storageClass());
        dialect.setInstant(statement, first + 5, object.lastModified());
    }

    /** The object of the current row, whose first six columns are {@link #COLUMNS}. */
    static ObjectVersion read(ResultSet rs, Dialect dialect) throws SQLException {
        return new ObjectVersion(rs.getString(1), Optional.ofNullable(rs.getString(2)), rs.getString(3),
                rs.getLong(4), rs.getString(5), dialect.getInstant(rs, "last_modified").orElseThrow(), false);
    }
}
