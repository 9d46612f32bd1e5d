package io.s3conn.core.record;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A change record in the OpenCDC shape that Conduit uses: where it came from ({@code position}),
 * what happened ({@code operation}), string {@code metadata}, the object {@code key} and the
 * {@code payload} before and after.
 *
 * @param position  where the source was when it read this record; opaque, with a printable form
 * @param operation what happened
 * @param metadata  string metadata, keys sorted (see {@link Metadata} for the keys s3conn writes)
 * @param key       the record key: for S3 sources the object key as UTF-8 bytes
 * @param payload   the data before and after
 */
public record Record(Position position, Operation operation, SortedMap<String, String> metadata, byte[] key,
                     Payload payload) {

    public Record {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
        metadata = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(metadata, "metadata")));
    }

    /** Builds a record from any metadata map. */
    public static Record of(Position position, Operation operation, Map<String, String> metadata, byte[] key, Payload payload) {
        return new Record(position, operation, new TreeMap<>(metadata), key, payload);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Record that && position.equals(that.position) && operation == that.operation
                && metadata.equals(that.metadata) && Arrays.equals(key, that.key) && payload.equals(that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(position, operation, metadata, Arrays.hashCode(key), payload);
    }

    @Override
    public String toString() {
        return "Record[" + operation.wireName() + " " + new String(key, java.nio.charset.StandardCharsets.UTF_8)
                + " at " + position.printable() + ", " + payload + "]";
    }
}
