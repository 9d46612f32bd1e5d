package io.s3conn.destination.format;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.s3conn.destination.format.parquet.ParquetFormat;

/** The formats by the names users give them. */
public final class RecordFormats {

    /** The names {@link #of} takes. */
    public static final List<String> NAMES = List.of("json", "jsonl", "parquet");

    private RecordFormats() {
    }

    /**
     * A format: {@code json} (compression {@code none} or {@code gzip}) or {@code parquet}.
     *
     * @throws IllegalArgumentException for an unknown format or compression
     */
    public static RecordFormat of(String name, Optional<String> compression) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(compression, "compression");
        return switch (name) {
            case "json", "jsonl" -> switch (compression.orElse("none")) {
                case "none" -> new JsonLinesFormat(false);
                case "gzip" -> new JsonLinesFormat(true);
                default -> throw new IllegalArgumentException("must be none or gzip with format json, was: " + compression.get());
            };
            case "parquet" -> new ParquetFormat(ParquetFormat.Codec.parse(compression.orElse("snappy")));
            default -> throw new IllegalArgumentException("unknown format \"" + name + "\": use json or parquet");
        };
    }
}
