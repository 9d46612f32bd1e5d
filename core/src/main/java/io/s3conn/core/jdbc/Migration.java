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

    /** Refuses a null value, by its name. */
    public Migration {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(statements, "statements");
    }

    /**
     * A step that creates one table, the same DDL for every dialect but for its types. In {@code template},
     * {@code %1$s} stands for the dialect's {@link Dialect#keyType key type}, {@code %2$s} for its
     * {@link Dialect#timestampType timestamp type} and {@code %3$s} for its
     * {@link Dialect#keyedTableSuffix keyed-table suffix}, which follows the closing parenthesis.
     */
    public static Migration createTable(int version, String description, String template) {
        return new Migration(version, description, dialect -> List.of(
                template.formatted(dialect.keyType(), dialect.timestampType(), dialect.keyedTableSuffix())));
    }
}
