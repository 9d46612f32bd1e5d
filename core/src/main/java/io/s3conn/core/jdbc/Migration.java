package io.s3conn.core.jdbc;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One step of the schema's history, applied once, in version order.
 *
 * @param version     strictly increasing step number
 * @param description what the step does, recorded in {@code s3conn_schema}
 * @param statements  the DDL of the step for a dialect
 */
public record Migration(int version, String description, Function<Dialect, List<String>> statements) {

    public Migration {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(statements, "statements");
    }
}
